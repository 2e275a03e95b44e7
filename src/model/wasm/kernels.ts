/**
 * SIMD kernels for the training step on the WASM backend, written with
 * the assembler in `assembler.ts`. They take byte addresses of tfjs
 * tensors in the tfjs WASM module's memory, read the inputs there and
 * write outputs that the caller has allocated.
 *
 * - `weightGradient` (Xᵀ·dZ) and `columnSums`: tfjs 4.22's WASM matMul
 *   hands its second operand to XNNPACK as the weights of a fully
 *   connected layer, which XNNPACK packs into its own layout on every
 *   call. For a weight gradient over 9,216 edges that packing cost as
 *   much as the product, and a transposed operand falls back to a scalar
 *   loop. These kernels read row-major activations directly.
 * - `layerNorm` and `layerNormGradient`: one pass per row in place of
 *   about ten tfjs kernels, each a pass over the whole activation.
 * - `adam`: one call per weight tensor in place of about thirteen.
 */

import {
  encodeModule,
  F32,
  FunctionBuilder,
  I32,
  V128,
  type ExportedFunction,
} from './assembler';

/** Rows per chunk: 128 rows of two 64-wide operands are 64 KB, which fits a typical L2 cache. */
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

    // One row per iteration: tile += x[r, i0…]ᵀ · dz[r, j0…].
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

    // Stores the tile.
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
 * `reluGradient(dy, y, dz, n)`: dz = dy where y > 0, else 0, for n floats:
 * the gradient through a ReLU given its output y. Four at a time, then
 * one at a time.
 */
export function reluGradientFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [dy, y, dz, n] = [0, 1, 2, 3];
  const offset = f.local(I32);
  const vectorEnd = f.local(I32);
  const end = f.local(I32);
  const zero = f.local(V128);
  const at = (pointer: number) => f.get(pointer).get(offset).i32Add();
  f.f32(0).f32x4Splat().set(zero);
  f.get(n).i32(FLOAT).i32Mul().set(end);
  f.get(n).get(n).i32(4).i32RemU().i32Sub().i32(FLOAT).i32Mul().set(vectorEnd);
  f.forLoop(
    offset,
    () => f.i32(0),
    vectorEnd,
    16,
    () => {
      at(dz);
      at(dy).v128Load();
      at(y).v128Load().get(zero).f32x4Gt().v128And().v128Store();
    },
  );
  // One at a time, choosing dy or 0 like the mask above (so that an
  // infinite dy gives 0, not NaN, where y ≤ 0).
  f.forLoop(
    offset,
    () => f.get(vectorEnd),
    end,
    FLOAT,
    () => {
      at(dz);
      at(dy).f32Load().f32(0);
      at(y).f32Load().f32(0).f32Gt().select().f32Store();
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

/**
 * `weightedSum(x, weights, out, groups, members, features)`: for x
 * `[groups·members, features]` and weights `[groups, members]`,
 * out[g] = Σₘ weights[g, m]·x[g·members + m] `[groups, features]`.
 * `features` must be a multiple of 4. Four vectors of a group's sum at a
 * time stay in SIMD locals while its members stream past.
 */
export function weightedSumFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32]);
  const [x, weights, out, groups, members, features] = [0, 1, 2, 3, 4, 5];
  const rowBytes = f.local(I32);
  const wideEnd = f.local(I32);
  const g = f.local(I32);
  const o = f.local(I32);
  const m = f.local(I32);
  const xp = f.local(I32);
  const wp = f.local(I32);
  const groupStart = f.local(I32);
  const splat = f.local(V128);
  const acc = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];

  /** Sums `vectors` vectors from byte offset o of every member of group g. */
  const block = (vectors: number) => {
    for (let v = 0; v < vectors; v++) f.f32(0).f32x4Splat().set(acc[v]!);
    f.get(groupStart).get(o).i32Add().set(xp);
    f.get(weights).get(g).get(members).i32Mul().i32(FLOAT).i32Mul().i32Add();
    f.set(wp);
    f.forLoop(
      m,
      () => f.i32(0),
      members,
      1,
      () => {
        f.get(wp).v128Load32Splat().set(splat);
        for (let v = 0; v < vectors; v++) {
          f.get(acc[v]!)
            .get(splat)
            .get(xp)
            .v128Load(16 * v)
            .f32x4Mul();
          f.f32x4Add().set(acc[v]!);
        }
        f.get(xp).get(rowBytes).i32Add().set(xp);
        f.get(wp).i32(FLOAT).i32Add().set(wp);
      },
    );
    for (let v = 0; v < vectors; v++) {
      f.get(out).get(g).get(rowBytes).i32Mul().i32Add().get(o).i32Add();
      f.get(acc[v]!).v128Store(16 * v);
    }
  };

  f.get(features).i32(FLOAT).i32Mul().set(rowBytes);
  // Bytes in whole blocks of four vectors (64 bytes).
  f.get(rowBytes).get(rowBytes).i32(64).i32RemU().i32Sub().set(wideEnd);
  f.forLoop(
    g,
    () => f.i32(0),
    groups,
    1,
    () => {
      f.get(x).get(g).get(members).i32Mul().get(rowBytes).i32Mul().i32Add();
      f.set(groupStart);
      f.forLoop(
        o,
        () => f.i32(0),
        wideEnd,
        64,
        () => block(4),
      );
      f.forLoop(
        o,
        () => f.get(wideEnd),
        rowBytes,
        16,
        () => block(1),
      );
    },
  );
  return f;
}

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
  reluGradient(dy: number, y: number, dz: number, n: number): void;
  weightedSum(
    x: number,
    weights: number,
    out: number,
    groups: number,
    members: number,
    features: number,
  ): void;
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
  layerNorm(
    x: number,
    gamma: number,
    beta: number,
    y: number,
    mean: number,
    rstd: number,
    rows: number,
    features: number,
    epsilon: number,
  ): void;
  layerNormGradient(
    dy: number,
    x: number,
    mean: number,
    rstd: number,
    gamma: number,
    dx: number,
    dGamma: number,
    dBeta: number,
    rows: number,
    features: number,
  ): void;
}

/** Encodes the kernel module for a shared or unshared memory. */
export function kernelModuleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const functions: ExportedFunction[] = [
    { name: 'weightGradient', builder: weightGradientFunction() },
    { name: 'columnSums', builder: columnSumsFunction() },
    { name: 'reluGradient', builder: reluGradientFunction() },
    { name: 'adam', builder: adamFunction() },
    { name: 'weightedSum', builder: weightedSumFunction() },
    { name: 'layerNorm', builder: layerNormFunction() },
    { name: 'layerNormGradient', builder: layerNormGradientFunction() },
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
