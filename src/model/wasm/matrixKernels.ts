/**
 * Kernels over row-major matrices: the weight gradient Xᵀ·dZ, column
 * sums, the ReLU mask of a gradient and weighted sums of groups of rows.
 * See `kernels.ts` for why they exist and how they are called.
 */

import { FunctionBuilder, I32, V128 } from './assembler';
import { FLOAT } from './layout';

/** Rows per chunk: 128 rows of two 64-wide operands are 64 KB, which fits a typical L2 cache. */
const ROW_CHUNK = 128;

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
  const zero = f.local(V128);
  const at = (pointer: number) => f.get(pointer).get(offset).i32Add();
  f.f32(0).f32x4Splat().set(zero);

  f.forEachFloat(
    n,
    offset,
    () => {
      at(dz);
      at(dy).v128Load();
      at(y).v128Load().get(zero).f32x4Gt().v128And().v128Store();
    },
    // One at a time, choosing dy or 0 like the mask above (so that an
    // infinite dy gives 0, not NaN, where y ≤ 0).
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
