/**
 * SIMD kernels for the training step on the WASM backend, written with
 * the assembler in `assembler.ts`. They read and write tfjs tensors in
 * place, in the memory of the tfjs WASM module, and take byte addresses.
 *
 * Why they exist: tfjs 4.22's WASM matMul hands its second operand to
 * XNNPACK as the weights of a fully connected layer, which XNNPACK packs
 * into its own layout on every call. For a weight gradient Xᵀ·dZ over
 * 9,216 edges that packing costs as much as the product, and a transposed
 * operand falls back to a scalar loop. These kernels read row-major
 * activations directly.
 */

import {
  encodeModule,
  F32,
  FunctionBuilder,
  I32,
  V128,
  type ExportedFunction,
} from './assembler';

/** Rows per chunk: a chunk of both operands stays in the L2 cache. */
const ROW_CHUNK = 128;

/** Bytes per float. */
const FLOAT = 4;

/**
 * `weightGradient(x, dz, out, rows, inputs, outputs)`: out = xᵀ·dz, where
 * x is `[rows, inputs]`, dz `[rows, outputs]`, out `[inputs, outputs]`,
 * all row-major. `outputs` must be a multiple of 4.
 *
 * Each output tile of `tileRows` × 4·`tileVectors` floats lives in SIMD
 * locals while a chunk of rows streams past: per row, `tileVectors` loads
 * of dz and `tileRows` broadcast loads of x feed tileRows·tileVectors
 * multiply-adds.
 */
export function weightGradientFunction(
  tileRows = 4,
  tileVectors = 2,
): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32]);
  const [x, dz, out, rows, inputs, outputs] = [0, 1, 2, 3, 4, 5];
  const xStride = f.local(I32);
  const dzStride = f.local(I32);
  const r0 = f.local(I32);
  const rEnd = f.local(I32);
  const j0 = f.local(I32);
  const i0 = f.local(I32);
  const iEnd = f.local(I32);
  const xp = f.local(I32);
  const xEnd = f.local(I32);
  const dp = f.local(I32);
  const op = f.local(I32);
  const k = f.local(I32);
  const total = f.local(I32);
  const splat = f.local(V128);
  const d = Array.from({ length: tileVectors }, () => f.local(V128));
  const acc = Array.from({ length: tileRows * tileVectors }, () =>
    f.local(V128),
  );
  const jStep = 4 * tileVectors;

  f.get(inputs).i32(FLOAT).i32Mul().set(xStride);
  f.get(outputs).i32(FLOAT).i32Mul().set(dzStride);

  // out = 0.
  f.get(inputs).get(outputs).i32Mul().set(total);
  f.forLoop(
    k,
    () => f.i32(0),
    total,
    1,
    () => {
      f.get(out).get(k).i32(FLOAT).i32Mul().i32Add().f32(0).f32Store();
    },
  );

  /** Accumulates tiles of `rowsPerTile` output rows, i0 in [start, iEnd). */
  const tiles = (rowsPerTile: number, vectors: number) => {
    const accumulators = acc.slice(0, rowsPerTile * vectors);
    const at = (a: number, v: number) => accumulators[a * vectors + v]!;
    const outAddress = () =>
      // out + (i0·outputs + j0)·4
      f.get(out).get(i0).get(outputs).i32Mul().get(j0).i32Add().i32(FLOAT);
    // Loads the tile from out (earlier chunks have summed into it).
    outAddress().i32Mul().i32Add().set(op);
    for (let a = 0; a < rowsPerTile; a++) {
      for (let v = 0; v < vectors; v++) {
        f.get(op)
          .get(dzStride)
          .i32(a)
          .i32Mul()
          .i32Add()
          .v128Load(16 * v)
          .set(at(a, v));
      }
    }
    // xp = x + (r0·inputs + i0)·4, dp = dz + (r0·outputs + j0)·4.
    f.get(x)
      .get(r0)
      .get(inputs)
      .i32Mul()
      .get(i0)
      .i32Add()
      .i32(FLOAT)
      .i32Mul()
      .i32Add()
      .set(xp);
    f.get(xp)
      .get(rEnd)
      .get(r0)
      .i32Sub()
      .get(xStride)
      .i32Mul()
      .i32Add()
      .set(xEnd);
    f.get(dz)
      .get(r0)
      .get(outputs)
      .i32Mul()
      .get(j0)
      .i32Add()
      .i32(FLOAT)
      .i32Mul()
      .i32Add()
      .set(dp);
    f.loop(() => {
      for (let v = 0; v < vectors; v++) {
        f.get(dp)
          .v128Load(16 * v)
          .set(d[v]!);
      }
      for (let a = 0; a < rowsPerTile; a++) {
        f.get(xp)
          .v128Load32Splat(FLOAT * a)
          .set(splat);
        for (let v = 0; v < vectors; v++) {
          f.get(at(a, v))
            .get(splat)
            .get(d[v]!)
            .f32x4Mul()
            .f32x4Add()
            .set(at(a, v));
        }
      }
      f.get(dp).get(dzStride).i32Add().set(dp);
      f.get(xp).get(xStride).i32Add().tee(xp).get(xEnd).i32LtU().brIf(0);
    });
    for (let a = 0; a < rowsPerTile; a++) {
      for (let v = 0; v < vectors; v++) {
        f.get(op)
          .get(dzStride)
          .i32(a)
          .i32Mul()
          .i32Add()
          .get(at(a, v))
          .v128Store(16 * v);
      }
    }
  };

  /** Runs `tiles` over every column block, then the narrower remainder. */
  const columnBlocks = (rowsPerTile: number) => {
    const wideEnd = f.local(I32);
    // Columns in whole blocks of jStep: outputs - outputs % jStep.
    f.get(outputs).get(outputs).i32(jStep).i32RemU().i32Sub().set(wideEnd);
    f.forLoop(
      j0,
      () => f.i32(0),
      wideEnd,
      jStep,
      () => tiles(rowsPerTile, tileVectors),
    );
    f.forLoop(
      j0,
      () => f.get(wideEnd),
      outputs,
      4,
      () => tiles(rowsPerTile, 1),
    );
  };

  f.forLoop(
    r0,
    () => f.i32(0),
    rows,
    ROW_CHUNK,
    () => {
      // rEnd = min(r0 + ROW_CHUNK, rows)
      f.get(r0).i32(ROW_CHUNK).i32Add().set(rEnd);
      f.block(() => {
        f.get(rEnd).get(rows).i32LtU().brIf(0);
        f.get(rows).set(rEnd);
      });
      // Whole tiles of tileRows input features, then one at a time.
      f.get(inputs).get(inputs).i32(tileRows).i32RemU().i32Sub().set(iEnd);
      f.forLoop(
        i0,
        () => f.i32(0),
        iEnd,
        tileRows,
        () => columnBlocks(tileRows),
      );
      f.forLoop(
        i0,
        () => f.get(iEnd),
        inputs,
        1,
        () => columnBlocks(1),
      );
    },
  );
  return f;
}

/**
 * `columnSums(x, out, rows, columns)`: out[j] = Σᵣ x[r, j] for x
 * `[rows, columns]` row-major; `columns` must be a multiple of 4.
 */
export function columnSumsFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [x, out, rows, columns] = [0, 1, 2, 3];
  const stride = f.local(I32);
  const j0 = f.local(I32);
  const p = f.local(I32);
  const end = f.local(I32);
  const acc = f.local(V128);
  f.get(columns).i32(FLOAT).i32Mul().set(stride);
  f.forLoop(
    j0,
    () => f.i32(0),
    columns,
    4,
    () => {
      f.f32(0).f32x4Splat().set(acc);
      f.get(x).get(j0).i32(FLOAT).i32Mul().i32Add().set(p);
      f.get(p).get(rows).get(stride).i32Mul().i32Add().set(end);
      f.block(() => {
        f.get(p).get(end).i32GeU().brIf(0);
        f.loop(() => {
          f.get(acc).get(p).v128Load().f32x4Add().set(acc);
          f.get(p).get(stride).i32Add().tee(p).get(end).i32LtU().brIf(0);
        });
      });
      f.get(out).get(j0).i32(FLOAT).i32Mul().i32Add().get(acc).v128Store();
    },
  );
  return f;
}

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
  const vectorEnd = f.local(I32);
  const end = f.local(I32);
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

  f.get(n).i32(FLOAT).i32Mul().set(end);
  f.get(n).get(n).i32(4).i32RemU().i32Sub().i32(FLOAT).i32Mul().set(vectorEnd);
  f.forLoop(
    offset,
    () => f.i32(0),
    vectorEnd,
    16,
    () => update(true),
  );
  f.forLoop(
    offset,
    () => f.get(vectorEnd),
    end,
    FLOAT,
    () => update(false),
  );
  return f;
}

/** The kernels' exported functions, by name. */
export interface KernelExports {
  weightGradient(
    x: number,
    dz: number,
    out: number,
    rows: number,
    inputs: number,
    outputs: number,
  ): void;
  columnSums(x: number, out: number, rows: number, columns: number): void;
  adam(
    x: number,
    g: number,
    m: number,
    v: number,
    xOut: number,
    mOut: number,
    vOut: number,
    n: number,
    rate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    firstScale: number,
    secondScale: number,
  ): void;
}

/** Encodes the kernel module for a shared or unshared memory. */
export function kernelModuleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const functions: ExportedFunction[] = [
    { name: 'weightGradient', builder: weightGradientFunction() },
    { name: 'columnSums', builder: columnSumsFunction() },
    { name: 'adam', builder: adamFunction() },
  ];
  return encodeModule(functions, shared);
}

/** Instantiates the kernels on `memory` (tfjs's WASM memory or a test's). */
export function instantiateKernels(memory: WebAssembly.Memory): KernelExports {
  const shared =
    typeof SharedArrayBuffer !== 'undefined' &&
    memory.buffer instanceof SharedArrayBuffer;
  const module = new WebAssembly.Module(kernelModuleBytes(shared));
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
