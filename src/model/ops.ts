/**
 * The two numerical formulations of the network's building blocks.
 *
 * `efficient` is what the product runs. Its dense layers and LayerNorm have
 * hand-written gradients (`tf.customGrad`) that avoid what is slow on the
 * tfjs 4.22 WASM backend: matMul with a transposed operand (about 7–15×
 * slower than a plain product, measured with a [36864, 64] × [64, 64]
 * product on a 2-core machine) and `tf.transpose` itself (about 15 ns per
 * element). During training every edge- and node-level activation is
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
    save([xIn, wIn, y, ...(xCol ? [xCol] : [])]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws, ys, xColSaved] = saved as tf.Tensor2D[];
      const dz = relu
        ? tf.mul(dy, tf.step(ys as tf.Tensor2D))
        : (dy as tf.Tensor2D);
      const dx = tf.matMul(dz, tf.transpose(ws as tf.Tensor2D));
      const xT = xColSaved ?? tf.transpose(xs as tf.Tensor2D);
      const dw = tf.matMul(xT, dz as tf.Tensor2D);
      const db = tf.reshape(columnSums(dz as tf.Tensor2D), [b.shape[0]]);
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

/** Returns the feature-major LayerNorm of xCol `[features, rows]`. */
export function layerNormCol(
  xCol: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor2D {
  const features = xCol.shape[0];
  // A matMul with a row of 1/features averages over features (axis 0)
  // without the slow non-last-axis reduction.
  const average = tf.fill([1, features], 1 / features) as tf.Tensor2D;
  const centered = tf.sub(xCol, tf.matMul(average, xCol));
  const variance = tf.matMul(average, tf.square(centered) as tf.Tensor2D);
  const normalized = tf.mul(
    centered,
    tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON)),
  );
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
  const col = x.col ? layerNormCol(x.col, gamma, beta) : null;
  return { row, col };
}

/** Elementwise sum of two Duals (residual connections). */
export function dualAdd(a: Dual, b: Dual): Dual {
  const row = tf.add(a.row, b.row) as tf.Tensor2D;
  const col = a.col && b.col ? (tf.add(a.col, b.col) as tf.Tensor2D) : null;
  return { row, col };
}
