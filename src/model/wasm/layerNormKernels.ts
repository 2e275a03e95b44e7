/**
 * LayerNorm over the rows of a matrix and its gradient, one pass per row.
 * See `kernels.ts` for how they are called.
 */

import { F32, FunctionBuilder, I32, V128 } from './assembler';
import { FLOAT } from './layout';

/** Pushes the sum of the four lanes of the v128 local `vector`. */
function horizontalSum(f: FunctionBuilder, vector: number): void {
  f.get(vector).f32x4ExtractLane(0);
  for (let lane = 1; lane < 4; lane++) {
    f.get(vector).f32x4ExtractLane(lane).f32Add();
  }
}

/**
 * `layerNorm(x, gamma, beta, y, mean, rstd, rows, features, epsilon)`:
 * LayerNorm of each row of x `[rows, features]`,
 * y = (x − μ)·r·γ + β with r = 1/√(σ² + ε), also writing μ and r per
 * row for the gradient. `features` must be a multiple of 4.
 */
export function layerNormFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32, I32, F32]);
  const [x, gamma, beta, y, mean, rstd, rows, features, epsilon] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8,
  ];
  const rowBytes = f.local(I32);
  const inverse = f.local(F32);
  const r = f.local(I32);
  const o = f.local(I32);
  const xp = f.local(I32);
  const yp = f.local(I32);
  const acc = f.local(V128);
  const centered = f.local(V128);
  const mu = f.local(F32);
  const scale = f.local(F32);
  const muVector = f.local(V128);
  const scaleVector = f.local(V128);
  const at = (pointer: number) => f.get(pointer).get(o).i32Add();

  f.get(features).i32(FLOAT).i32Mul().set(rowBytes);
  f.f32(1).get(features).f32ConvertI32U().f32Div().set(inverse);
  f.get(x).set(xp);
  f.get(y).set(yp);
  f.forLoop(
    r,
    () => f.i32(0),
    rows,
    1,
    () => {
      // μ
      f.f32(0).f32x4Splat().set(acc);
      f.forLoop(
        o,
        () => f.i32(0),
        rowBytes,
        16,
        () => {
          f.get(acc);
          at(xp).v128Load().f32x4Add().set(acc);
        },
      );
      horizontalSum(f, acc);
      f.get(inverse).f32Mul().tee(mu).f32x4Splat().set(muVector);
      // r = 1/√(mean of (x − μ)² + ε)
      f.f32(0).f32x4Splat().set(acc);
      f.forLoop(
        o,
        () => f.i32(0),
        rowBytes,
        16,
        () => {
          at(xp).v128Load().get(muVector).f32x4Sub().set(centered);
          f.get(acc).get(centered).get(centered).f32x4Mul().f32x4Add();
          f.set(acc);
        },
      );
      f.f32(1);
      horizontalSum(f, acc);
      f.get(inverse).f32Mul().get(epsilon).f32Add().f32Sqrt().f32Div();
      f.tee(scale).f32x4Splat().set(scaleVector);
      // y = (x − μ)·r·γ + β
      f.forLoop(
        o,
        () => f.i32(0),
        rowBytes,
        16,
        () => {
          at(yp);
          at(xp).v128Load().get(muVector).f32x4Sub().get(scaleVector);
          f.f32x4Mul();
          at(gamma).v128Load().f32x4Mul();
          at(beta).v128Load().f32x4Add();
          f.v128Store();
        },
      );
      f.get(mean).get(r).i32(FLOAT).i32Mul().i32Add().get(mu).f32Store();
      f.get(rstd).get(r).i32(FLOAT).i32Mul().i32Add().get(scale).f32Store();
      f.get(xp).get(rowBytes).i32Add().set(xp);
      f.get(yp).get(rowBytes).i32Add().set(yp);
    },
  );
  return f;
}

/**
 * `layerNormGradient(dy, x, mean, rstd, gamma, dx, dGamma, dBeta, rows,
 * features)`: the gradient of `layerNorm` given its input, μ and r. With
 * x̂ = (x − μ)·r and g = dy·γ, per row
 * dx = r·(g − mean(g) − x̂·mean(g·x̂)), and over rows
 * dγ = Σ dy·x̂, dβ = Σ dy. `features` must be a multiple of 4.
 */
export function layerNormGradientFunction(): FunctionBuilder {
  const f = new FunctionBuilder([
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
  ]);
  const [dy, x, mean, rstd, gamma, dx, dGamma, dBeta, rows, features] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  ];
  const rowBytes = f.local(I32);
  const inverse = f.local(F32);
  const r = f.local(I32);
  const o = f.local(I32);
  const rowStart = f.local(I32);
  const muVector = f.local(V128);
  const scaleVector = f.local(V128);
  const normalized = f.local(V128);
  const upstream = f.local(V128);
  const scaled = f.local(V128);
  const sumScaled = f.local(V128);
  const sumProduct = f.local(V128);
  const meanScaled = f.local(V128);
  const meanProduct = f.local(V128);
  const at = (pointer: number) => f.get(pointer).get(o).i32Add();
  const rowAt = (pointer: number) =>
    f.get(pointer).get(rowStart).i32Add().get(o).i32Add();
  /** Sets normalized = (x − μ)·r and scaled = dy·γ at offset o. */
  const loadRow = () => {
    rowAt(x).v128Load().get(muVector).f32x4Sub().get(scaleVector).f32x4Mul();
    f.set(normalized);
    rowAt(dy).v128Load().tee(upstream);
    at(gamma).v128Load().f32x4Mul().set(scaled);
  };

  f.get(features).i32(FLOAT).i32Mul().set(rowBytes);
  f.f32(1).get(features).f32ConvertI32U().f32Div().set(inverse);
  f.forLoop(
    o,
    () => f.i32(0),
    rowBytes,
    16,
    () => {
      at(dGamma).f32(0).f32x4Splat().v128Store();
      at(dBeta).f32(0).f32x4Splat().v128Store();
    },
  );

  f.forLoop(
    r,
    () => f.i32(0),
    rows,
    1,
    () => {
      f.get(r).get(rowBytes).i32Mul().set(rowStart);
      f.get(mean).get(r).i32(FLOAT).i32Mul().i32Add().f32Load();
      f.f32x4Splat().set(muVector);
      f.get(rstd).get(r).i32(FLOAT).i32Mul().i32Add().f32Load();
      f.f32x4Splat().set(scaleVector);
      f.f32(0).f32x4Splat().tee(sumScaled).set(sumProduct);
      f.forLoop(
        o,
        () => f.i32(0),
        rowBytes,
        16,
        () => {
          loadRow();
          f.get(sumScaled).get(scaled).f32x4Add().set(sumScaled);
          f.get(sumProduct).get(scaled).get(normalized).f32x4Mul();
          f.f32x4Add().set(sumProduct);
          at(dGamma);
          at(dGamma).v128Load().get(upstream).get(normalized).f32x4Mul();
          f.f32x4Add().v128Store();
          at(dBeta);
          at(dBeta).v128Load().get(upstream).f32x4Add().v128Store();
        },
      );
      horizontalSum(f, sumScaled);
      f.get(inverse).f32Mul().f32x4Splat().set(meanScaled);
      horizontalSum(f, sumProduct);
      f.get(inverse).f32Mul().f32x4Splat().set(meanProduct);
      f.forLoop(
        o,
        () => f.i32(0),
        rowBytes,
        16,
        () => {
          loadRow();
          rowAt(dx);
          f.get(scaled).get(meanScaled).f32x4Sub();
          f.get(normalized).get(meanProduct).f32x4Mul().f32x4Sub();
          f.get(scaleVector).f32x4Mul().v128Store();
        },
      );
    },
  );
  return f;
}
