/**
 * The two numerical formulations of the network's building blocks.
 *
 * `efficient` is what the product runs. Its dense layers and LayerNorm have
 * hand-written gradients (`tf.customGrad`) that avoid two slow paths of the
 * tfjs 4.22 WASM backend. A matMul with a transposed operand was 7–15×
 * slower than a plain one, and `tf.transpose` took about 15 ns per element
 * (measured on [36864, 64] × [64, 64] products, 2-core CPU, Node 20).
 * During training every edge- and node-level activation is
 * therefore also carried feature-major (`col`, `[features, rows]`), computed
 * by a plain product in the forward pass, so that the weight gradient
 * Xᵀ·dY needs no transpose.
 *
 * `concatenated` uses only plain tfjs ops and autodiff, and builds the full
 * [edge, sender, receiver, global] input of every edge. It is the reference
 * that tests compare the efficient form against, and a bench baseline.
 */

import * as tf from '@tensorflow/tfjs-core';

/** An activation, row-major `[rows, features]`, plus its transpose. */
export interface Dual {
  row: tf.Tensor2D;
  /** `[features, rows]`, present only while training the efficient form. */
  col: tf.Tensor2D | null;
}

/** Returns a `[1, rows]` row of ones, used to sum rows by a matMul. */
function onesRow(rows: number): tf.Tensor2D {
  return tf.ones([1, rows]);
}

/** Returns `[1, columns]` column sums of `x` `[rows, columns]`. */
function columnSums(x: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(onesRow(x.shape[0]), x);
}

/**
 * Dense layer y = act(x·W + b) with a gradient that uses only plain
 * (untransposed) products: dX = dZ·Wᵀ with Wᵀ transposed once (it is small),
 * dW = Xᵀ·dZ with Xᵀ from `xCol` when given, db = 1ᵀ·dZ.
 * x `[rows, in]`, w `[in, out]`, b `[out]` → `[rows, out]`.
 */
export function denseWithGradient(
  x: tf.Tensor2D,
  xCol: tf.Tensor2D | null,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  relu: boolean,
): tf.Tensor2D {
  const op = tf.customGrad((...args: unknown[]) => {
    const [xIn, wIn, bIn, save] = args as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor1D,
      (tensors: tf.Tensor[]) => void,
    ];
    const activation = relu ? 'relu' : 'linear';
    const y = tf.fused.matMul({ a: xIn, b: wIn, bias: bIn, activation });
    // Save only what the gradient reads: the input when it has no
    // transpose, and the output only for the ReLU mask.
    save([wIn, xCol ?? xIn, ...(relu ? [y] : [])]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [ws, xSaved, ys] = saved as tf.Tensor2D[];
      const dz = relu
        ? tf.mul(dy, tf.step(ys as tf.Tensor2D))
        : (dy as tf.Tensor2D);
      const dx = tf.matMul(dz, tf.transpose(ws as tf.Tensor2D));
      const xT = (xCol ? xSaved : tf.transpose(xSaved!)) as tf.Tensor2D;
      // One product gives dW and db: [Xᵀ; 1ᵀ]·dZ. The large dZ is then
      // packed by the WASM matMul once instead of twice.
      const [inputs, rows] = xT.shape;
      const withOnes = tf.concat([xT, onesRow(rows)], 0);
      const both = tf.matMul(withOnes, dz as tf.Tensor2D);
      const outputs = b.shape[0];
      const dw = tf.slice(both, [0, 0], [inputs, outputs]);
      const db = tf.reshape(tf.slice(both, [inputs, 0], [1, outputs]), [
        outputs,
      ]);
      return [dx, dw, db];
    };
    return { value: y, gradFunc };
  });
  return op(x, w, b) as tf.Tensor2D;
}

/** Returns act(Wᵀ·xCol + b), the feature-major twin of a dense layer. */
export function denseCol(
  xCol: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D | null,
  relu: boolean,
): tf.Tensor2D {
  let z: tf.Tensor2D = tf.matMul(tf.transpose(w), xCol);
  if (b) z = tf.add(z, tf.reshape(b, [b.shape[0], 1]));
  return relu ? tf.relu(z) : z;
}

const LAYER_NORM_EPSILON = 1e-5;

/**
 * LayerNorm over the last axis with a hand-written gradient whose only
 * reductions are over the last axis or done by a matMul with ones (a
 * column reduction is slow on WASM). x `[rows, features]`.
 */
export function layerNormWithGradient(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor2D {
  const op = tf.customGrad((...args: unknown[]) => {
    const [xIn, gammaIn, betaIn, save] = args as [
      tf.Tensor2D,
      tf.Tensor1D,
      tf.Tensor1D,
      (tensors: tf.Tensor[]) => void,
    ];
    const centered = tf.sub(xIn, tf.mean(xIn, -1, true));
    const variance = tf.mean(tf.square(centered), -1, true);
    const rstd = tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON));
    const normalized = tf.mul(centered, rstd) as tf.Tensor2D;
    const y = tf.add(tf.mul(normalized, gammaIn), betaIn) as tf.Tensor2D;
    save([normalized, rstd, gammaIn]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xhat, r, g] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
      const features = g.shape[0];
      const dyGamma = tf.mul(dy, g);
      const meanDy = tf.mean(dyGamma, -1, true);
      const meanDyX = tf.mean(tf.mul(dyGamma, xhat), -1, true);
      const dx = tf.mul(
        r,
        tf.sub(tf.sub(dyGamma, meanDy), tf.mul(xhat, meanDyX)),
      );
      const dGamma = columnSums(tf.mul(dy, xhat) as tf.Tensor2D);
      const dBeta = columnSums(dy as tf.Tensor2D);
      return [
        dx,
        tf.reshape(dGamma, [features]),
        tf.reshape(dBeta, [features]),
      ];
    };
    return { value: y, gradFunc };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}

/**
 * Returns the feature-major LayerNorm of xCol `[features, rows]`. The
 * per-row mean and 1/σ come from the row-major twin x `[rows, features]`,
 * where they are cheap last-axis reductions. Averaging xCol over its first
 * axis would need a slow column reduction or a matMul whose large operand
 * the WASM backend repacks on every call.
 */
export function layerNormCol(
  x: tf.Tensor2D,
  xCol: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor2D {
  const [rows, features] = x.shape;
  const mean = tf.mean(x, -1, true);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), -1, true);
  const rstd = tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON));
  // [rows, 1] and [1, rows] have the same memory layout.
  const meanRow = tf.reshape(mean, [1, rows]);
  const rstdRow = tf.reshape(rstd, [1, rows]);
  const normalized = tf.mul(tf.sub(xCol, meanRow), rstdRow);
  const scale = tf.reshape(gamma, [features, 1]);
  const shift = tf.reshape(beta, [features, 1]);
  return tf.add(tf.mul(normalized, scale), shift) as tf.Tensor2D;
}

/** Plain dense layer with tfjs autodiff (reference formulation). */
export function densePlain(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  relu: boolean,
): tf.Tensor2D {
  const z = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  return relu ? tf.relu(z) : z;
}

/** Plain LayerNorm with tfjs autodiff (reference formulation). */
export function layerNormPlain(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalized = tf.div(
    tf.sub(x, mean),
    tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON)),
  );
  return tf.add(tf.mul(normalized, gamma), beta) as tf.Tensor2D;
}

/** Dense layer on a Dual; the efficient form keeps `col` when present. */
export function dualDense(
  x: Dual,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  relu: boolean,
  efficient: boolean,
): Dual {
  if (!efficient) return { row: densePlain(x.row, w, b, relu), col: null };
  const row = denseWithGradient(x.row, x.col, w, b, relu);
  const col = x.col ? denseCol(x.col, w, b, relu) : null;
  return { row, col };
}

/** LayerNorm on a Dual. */
export function dualLayerNorm(
  x: Dual,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  efficient: boolean,
): Dual {
  if (!efficient) return { row: layerNormPlain(x.row, gamma, beta), col: null };
  const row = layerNormWithGradient(x.row, gamma, beta);
  const col = x.col ? layerNormCol(x.row, x.col, gamma, beta) : null;
  return { row, col };
}

/** Elementwise sum of two Duals (residual connections). */
export function dualAdd(a: Dual, b: Dual): Dual {
  const row = tf.add(a.row, b.row) as tf.Tensor2D;
  const col = a.col && b.col ? (tf.add(a.col, b.col) as tf.Tensor2D) : null;
  return { row, col };
}
