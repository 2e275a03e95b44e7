/**
 * Streaming moments of two feature matrices, enough to evaluate both the
 * biased and the unbiased linear HSIC without ever forming an n × n Gram
 * matrix.
 *
 * With u_i = x_i − c (x shifted by a fixed centre c) and A_i = |u_i|², the
 * linear Gram matrix is K_ij = u_i · u_j. Every term of both estimators is
 * a sum over events of products of u, v, A and B, so a minibatch adds its
 * share and the batches can be any size.
 */

/** Sums over events of one pair of shifted feature blocks (x, y). */
export interface PairMoments {
  /** Width of x (rows of `cross`). */
  dx: number;
  /** Width of y (columns of `cross`). */
  dy: number;
  /** Σ u vᵀ, row-major `[dx, dy]`. */
  cross: Float64Array;
  /** Σ u_i B_i, `[dx]`. */
  uTimesB: Float64Array;
  /** Σ A_i v_i, `[dy]`. */
  aTimesV: Float64Array;
  /** Σ A_i B_i. */
  aTimesB: number;
}

/** Sums over events of one shifted feature block. */
export interface BlockMoments {
  /** Σ u, `[width]`. */
  sum: Float64Array;
  /** Σ A_i = Σ |u_i|², the trace of the Gram matrix. */
  sumSquares: number;
}

/** Creates zeroed pair moments for widths `dx` and `dy`. */
export function createPairMoments(dx: number, dy: number): PairMoments {
  return {
    dx,
    dy,
    cross: new Float64Array(dx * dy),
    uTimesB: new Float64Array(dx),
    aTimesV: new Float64Array(dy),
    aTimesB: 0,
  };
}

/** Creates zeroed block moments for `width` features. */
export function createBlockMoments(width: number): BlockMoments {
  return { sum: new Float64Array(width), sumSquares: 0 };
}

/**
 * Shifts rows `[rows, width]` by `centre` into float64 and returns the
 * shifted rows with their squared norms. Shifting before any product is
 * what keeps a large common offset (raw MeV values) from cancelling away
 * the signal.
 */
export function shiftRows(
  rows: Float32Array,
  count: number,
  centre: Float64Array,
): { shifted: Float64Array; norms: Float64Array } {
  const width = centre.length;
  const shifted = new Float64Array(count * width);
  const norms = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let p = 0; p < width; p++) {
      const value = rows[i * width + p]! - centre[p]!;
      shifted[i * width + p] = value;
      norm += value * value;
    }
    norms[i] = norm;
  }
  return { shifted, norms };
}

/** Adds the events of one shifted block to its block moments. */
export function addBlock(
  moments: BlockMoments,
  shifted: Float64Array,
  norms: Float64Array,
): void {
  const width = moments.sum.length;
  for (let i = 0; i < norms.length; i++) {
    for (let p = 0; p < width; p++) moments.sum[p]! += shifted[i * width + p]!;
    moments.sumSquares += norms[i]!;
  }
}

/** Adds the events of a pair of shifted blocks to their pair moments. */
export function addPair(
  moments: PairMoments,
  u: Float64Array,
  normsU: Float64Array,
  v: Float64Array,
  normsV: Float64Array,
): void {
  const { dx, dy, cross, uTimesB, aTimesV } = moments;
  for (let i = 0; i < normsU.length; i++) {
    const rowU = i * dx;
    const rowV = i * dy;
    const a = normsU[i]!;
    const b = normsV[i]!;
    for (let p = 0; p < dx; p++) {
      const up = u[rowU + p]!;
      const out = p * dy;
      for (let q = 0; q < dy; q++) cross[out + q]! += up * v[rowV + q]!;
      uTimesB[p]! += up * b;
    }
    for (let q = 0; q < dy; q++) aTimesV[q]! += a * v[rowV + q]!;
    moments.aTimesB += a * b;
  }
}

/**
 * Returns the biased HSIC, tr(K H L H) / (n − 1)², from the moments: the
 * squared Frobenius norm of the centred cross-covariance sum.
 */
export function biasedHsic(
  pair: PairMoments,
  x: BlockMoments,
  y: BlockMoments,
  n: number,
): number {
  const { dx, dy, cross } = pair;
  let total = 0;
  for (let p = 0; p < dx; p++) {
    const meanTerm = x.sum[p]! / n;
    for (let q = 0; q < dy; q++) {
      const centred = cross[p * dy + q]! - meanTerm * y.sum[q]!;
      total += centred * centred;
    }
  }
  return total / ((n - 1) * (n - 1));
}

/**
 * Returns the unbiased HSIC of Song et al. (JMLR 13, 2012, eq. 5), with
 * K̃ and L̃ the Gram matrices with zeroed diagonals:
 * [tr(K̃L̃) + 1ᵀK̃1·1ᵀL̃1/((n−1)(n−2)) − 2/(n−2)·1ᵀK̃L̃1] / (n(n−3)).
 * It is invariant to the shift, so the moments need no final centring.
 */
export function unbiasedHsic(
  pair: PairMoments,
  x: BlockMoments,
  y: BlockMoments,
  n: number,
): number {
  const { dx, dy, cross } = pair;
  let crossNorm = 0;
  let sumCrossSum = 0;
  for (let p = 0; p < dx; p++) {
    let rowDot = 0;
    for (let q = 0; q < dy; q++) {
      const value = cross[p * dy + q]!;
      crossNorm += value * value;
      rowDot += value * y.sum[q]!;
    }
    sumCrossSum += x.sum[p]! * rowDot;
  }
  const traceKL = crossNorm - pair.aTimesB;
  const sumK = dot(x.sum, x.sum) - x.sumSquares;
  const sumL = dot(y.sum, y.sum) - y.sumSquares;
  // 1ᵀK̃L̃1 = Σ_i (u_i·Σu − A_i)(v_i·Σv − B_i), expanded into the moments.
  const sumKL =
    sumCrossSum -
    dot(x.sum, pair.uTimesB) -
    dot(y.sum, pair.aTimesV) +
    pair.aTimesB;
  const value =
    traceKL + (sumK * sumL) / ((n - 1) * (n - 2)) - (2 * sumKL) / (n - 2);
  return value / (n * (n - 3));
}

function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]! * b[i]!;
  return total;
}
