/**
 * The two numerical formulations of the network's building blocks.
 *
 * `efficient` is what the product runs. Its dense layers and LayerNorm have
 * hand-written gradients (`tf.customGrad`) that avoid slow paths of the
 * tfjs 4.22 WASM backend: a matMul with a transposed operand runs a scalar
 * loop there, and a plain matMul repacks its large second operand on every
 * call. The weight gradient Xᵀ·dZ and the column sums of the bias and
 * LayerNorm gradients therefore go through `weightGradient` and
 * `columnSums`. They run SIMD kernels on WASM (`wasmKernels.ts`) and plain
 * tfjs ops elsewhere. The only transposes left are of small weights.
 *
 * `concatenated` uses only plain tfjs ops and autodiff, and builds the full
 * [edge, sender, receiver, global] input of every edge. It is the reference
 * that tests compare the efficient form against, and a bench baseline.
 */

import * as tf from '@tensorflow/tfjs-core';
import {
  columnSums,
  layerNormKernelsActive,
  layerNormRows,
  layerNormRowsGradient,
  reluGradient,
  weightGradient,
  weightedSum,
} from './wasmKernels';

/**
 * Dense layer y = act(x·W + b) with the gradient dX = dZ·Wᵀ (Wᵀ is small),
 * dW = Xᵀ·dZ, db = 1ᵀ·dZ, where dZ is dY masked by the ReLU.
 * x `[rows, in]`, w `[in, out]`, b `[out]` → `[rows, out]`.
 */
export function denseWithGradient(
  x: tf.Tensor2D,
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
    // Save only what the gradient reads; the output only for the ReLU mask.
    save([wIn, xIn, ...(relu ? [y] : [])]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [ws, xs, ys] = saved as tf.Tensor2D[];
      const dz = (relu ? reluGradient(dy, ys!) : dy) as tf.Tensor2D;
      const dx = tf.matMul(dz, tf.transpose(ws as tf.Tensor2D));
      return [dx, weightGradient(xs as tf.Tensor2D, dz), columnSums(dz)];
    };
    return { value: y, gradFunc };
  });
  return op(x, w, b) as tf.Tensor2D;
}

const LAYER_NORM_EPSILON = 1e-5;

/**
 * LayerNorm over the last axis with a hand-written gradient whose only
 * reductions are over the last axis or `columnSums` (a column reduction
 * is slow on WASM). x `[rows, features]`.
 */
export function layerNormWithGradient(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor2D {
  if (layerNormKernelsActive(x)) return layerNormSimd(x, gamma, beta);
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
      const dyGamma = tf.mul(dy, g);
      const meanDy = tf.mean(dyGamma, -1, true);
      const meanDyX = tf.mean(tf.mul(dyGamma, xhat), -1, true);
      const dx = tf.mul(
        r,
        tf.sub(tf.sub(dyGamma, meanDy), tf.mul(xhat, meanDyX)),
      );
      return [
        dx,
        columnSums(tf.mul(dy, xhat) as tf.Tensor2D),
        columnSums(dy as tf.Tensor2D),
      ];
    };
    return { value: y, gradFunc };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}

/** LayerNorm with its gradient in two SIMD kernels (WASM only). */
function layerNormSimd(
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
    const [y, mean, rstd] = layerNormRows(
      xIn,
      gammaIn,
      betaIn,
      LAYER_NORM_EPSILON,
    );
    save([xIn, mean, rstd, gammaIn]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, means, rstds, g] = saved as [
        tf.Tensor2D,
        tf.Tensor1D,
        tf.Tensor1D,
        tf.Tensor1D,
      ];
      return layerNormRowsGradient(dy as tf.Tensor2D, xs, means, rstds, g);
    };
    return { value: y, gradFunc };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}

/**
 * Returns the weighted sums Σₘ weights[g, m]·x[g·members + m] of groups of
 * rows, `[groups, features]`, with a gradient for x only (the weights are
 * masks, not trained). One SIMD kernel on WASM.
 */
export function poolRows(x: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor2D {
  const [groups, members] = weights.shape;
  const features = x.shape[1];
  const op = tf.customGrad((...args: unknown[]) => {
    const xIn = args[0] as tf.Tensor2D;
    const gradFunc = (dy: tf.Tensor) =>
      tf.reshape(
        tf.mul(
          tf.reshape(dy, [groups, 1, features]),
          tf.reshape(weights, [groups, members, 1]),
        ),
        [groups * members, features],
      );
    return { value: weightedSum(xIn, weights), gradFunc };
  });
  return op(x) as tf.Tensor2D;
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

/** Dense layer in the chosen formulation. */
export function dense(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  relu: boolean,
  efficient: boolean,
): tf.Tensor2D {
  return efficient
    ? denseWithGradient(x, w, b, relu)
    : densePlain(x, w, b, relu);
}

/** LayerNorm in the chosen formulation. */
export function layerNorm(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  efficient: boolean,
): tf.Tensor2D {
  return efficient
    ? layerNormWithGradient(x, gamma, beta)
    : layerNormPlain(x, gamma, beta);
}
