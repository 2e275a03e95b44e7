/**
 * An independent float64 reference for linear CKA, written from the
 * textbook definitions with explicit n × n Gram matrices, plus seeded
 * random matrices for the tests. Too slow for anything but small n.
 */

/** A row-major float64 matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Returns a seeded uniform generator in [0, 1) (xorshift32). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Returns an `rows × cols` matrix of standard normal samples. */
export function gaussianMatrix(
  rows: number,
  cols: number,
  seed: number,
): Matrix {
  const uniform = seededUniform(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    const u = Math.max(uniform(), 1e-12);
    data[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  }
  return { rows, cols, data };
}

/** Returns a × b. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const data = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k]!;
      for (let j = 0; j < b.cols; j++) {
        data[i * b.cols + j]! += aik * b.data[k * b.cols + j]!;
      }
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}

/** Returns a random orthogonal `size × size` matrix (Gram–Schmidt). */
export function randomOrthogonal(size: number, seed: number): Matrix {
  const q = gaussianMatrix(size, size, seed);
  const column = (j: number) =>
    Array.from({ length: size }, (_, i) => q.data[i * size + j]!);
  for (let j = 0; j < size; j++) {
    const v = column(j);
    for (let k = 0; k < j; k++) {
      const e = column(k);
      const projection = v.reduce((s, x, i) => s + x * e[i]!, 0);
      for (let i = 0; i < size; i++) v[i]! -= projection * e[i]!;
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < size; i++) q.data[i * size + j] = v[i]! / norm;
  }
  return q;
}

/** Returns the matrix as float32 rows, the form taps arrive in. */
export function toFloat32(m: Matrix): Float32Array {
  return Float32Array.from(m.data);
}

function gram(x: Matrix): Float64Array {
  const n = x.rows;
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < x.cols; p++) {
        s += x.data[i * x.cols + p]! * x.data[j * x.cols + p]!;
      }
      k[i * n + j] = s;
    }
  }
  return k;
}

// Centring the features equals H K H for a linear kernel, and avoids the
// cancellation that H K H suffers when the values carry a large offset.
function centredGram(x: Matrix): Float64Array {
  const centred = new Float64Array(x.data);
  for (let p = 0; p < x.cols; p++) {
    let mean = 0;
    for (let i = 0; i < x.rows; i++) mean += x.data[i * x.cols + p]!;
    mean /= x.rows;
    for (let i = 0; i < x.rows; i++) centred[i * x.cols + p]! -= mean;
  }
  return gram({ ...x, data: centred });
}

function traceOfProduct(k: Float64Array, l: Float64Array): number {
  let s = 0;
  for (let i = 0; i < k.length; i++) s += k[i]! * l[i]!;
  return s;
}

/** Returns HSIC₀ = tr(K H L H) / (n − 1)². */
export function referenceBiasedHsic(x: Matrix, y: Matrix): number {
  const n = x.rows;
  return traceOfProduct(centredGram(x), centredGram(y)) / (n - 1) ** 2;
}

/**
 * Returns HSIC₁ of Song et al. (2012) with zero-diagonal Gram matrices of
 * the raw features: the estimator needs no centring, so the code under
 * test, which centres, is checked against a form that does not.
 */
export function referenceUnbiasedHsic(x: Matrix, y: Matrix): number {
  const n = x.rows;
  const k = gram(x);
  const l = gram(y);
  for (let i = 0; i < n; i++) {
    k[i * n + i] = 0;
    l[i * n + i] = 0;
  }
  const ones = (m: Float64Array) => m.reduce((s, v) => s + v, 0);
  const rowSums = (m: Float64Array) =>
    Array.from({ length: n }, (_, i) =>
      m.subarray(i * n, i * n + n).reduce((s, v) => s + v, 0),
    );
  const kRows = rowSums(k);
  const lRows = rowSums(l);
  const oneKLOne = kRows.reduce((s, v, i) => s + v * lRows[i]!, 0);
  const value =
    traceOfProduct(k, l) +
    (ones(k) * ones(l)) / ((n - 1) * (n - 2)) -
    (2 * oneKLOne) / (n - 2);
  return value / (n * (n - 3));
}

/** Returns linear CKA from the reference HSIC. */
export function referenceCka(
  x: Matrix,
  y: Matrix,
  estimator: 'biased' | 'unbiased',
): number {
  const hsic =
    estimator === 'biased' ? referenceBiasedHsic : referenceUnbiasedHsic;
  return hsic(x, y) / Math.sqrt(hsic(x, x) * hsic(y, y));
}
