/** The Adam update of one weight tensor. See `kernels.ts` for how it is called. */

import { F32, FunctionBuilder, I32, V128 } from './assembler';

/**
 * `adam(x, g, m, v, xOut, mOut, vOut, n, rate, beta1, beta2, epsilon,
 * firstScale, secondScale)`: one Adam update of n weights, written to new
 * buffers:
 *
 *   m' = β₁·m + (1 − β₁)·g,  v' = β₂·v + (1 − β₂)·g²,
 *   x' = x − rate · (m'·firstScale) / (√(v'·secondScale) + ε),
 *
 * where the scales are the bias corrections 1 / (1 − βᵗ). Four weights at
 * a time, then the remainder one by one.
 */
export function adamFunction(): FunctionBuilder {
  const f = new FunctionBuilder([
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    F32,
    F32,
    F32,
    F32,
    F32,
    F32,
  ]);
  const [x, g, m, v, xOut, mOut, vOut, n] = [0, 1, 2, 3, 4, 5, 6, 7];
  const scalars = {
    rate: 8,
    beta1: 9,
    beta2: 10,
    epsilon: 11,
    firstScale: 12,
    secondScale: 13,
    rest1: f.local(F32),
    rest2: f.local(F32),
  };
  f.f32(1).get(scalars.beta1).f32Sub().set(scalars.rest1);
  f.f32(1).get(scalars.beta2).f32Sub().set(scalars.rest2);
  const vectors = Object.fromEntries(
    Object.entries(scalars).map(([name, index]) => {
      const local = f.local(V128);
      f.get(index).f32x4Splat().set(local);
      return [name, local];
    }),
  ) as typeof scalars;
  const offset = f.local(I32);
  const gradient = [f.local(F32), f.local(V128)] as const;
  const first = [f.local(F32), f.local(V128)] as const;
  const second = [f.local(F32), f.local(V128)] as const;

  /** Updates the weights at byte `offset`: four with SIMD, else one. */
  const update = (simd: boolean) => {
    const c = simd ? vectors : scalars;
    const at = (pointer: number) => f.get(pointer).get(offset).i32Add();
    const load = () => (simd ? f.v128Load() : f.f32Load());
    const store = () => (simd ? f.v128Store() : f.f32Store());
    const mul = () => (simd ? f.f32x4Mul() : f.f32Mul());
    const add = () => (simd ? f.f32x4Add() : f.f32Add());
    const [gl, ml, vl] = [gradient, first, second].map((pair) =>
      simd ? pair[1] : pair[0],
    ) as [number, number, number];

    at(g);
    load().set(gl);
    // m' = β₁·m + (1 − β₁)·g
    at(mOut);
    at(m);
    load().get(c.beta1);
    mul().get(gl).get(c.rest1);
    mul();
    add().tee(ml);
    store();
    // v' = β₂·v + (1 − β₂)·g²
    at(vOut);
    at(v);
    load().get(c.beta2);
    mul().get(gl).get(gl);
    mul().get(c.rest2);
    mul();
    add().tee(vl);
    store();
    // x' = x − rate·(m'·s₁) / (√(v'·s₂) + ε)
    at(xOut);
    at(x);
    load().get(c.rate).get(ml);
    mul().get(c.firstScale);
    mul().get(vl).get(c.secondScale);
    mul();
    if (simd) f.f32x4Sqrt().get(c.epsilon).f32x4Add().f32x4Div().f32x4Sub();
    else f.f32Sqrt().get(c.epsilon).f32Add().f32Div().f32Sub();
    store();
  };

  f.forEachFloat(
    n,
    offset,
    () => update(true),
    () => update(false),
  );
  return f;
}
