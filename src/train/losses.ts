/**
 * Training losses: softmax cross-entropy (multiclass), and binary
 * cross-entropy plus mean squared error on scaled regressions (multilabel).
 */

import * as tf from '@tensorflow/tfjs-core';
import type { HeadConfig } from '../model/config';

/** Targets of one batch as tensors. */
export interface LossTargets {
  /** Class index per event, int32 `[B]` (multiclass). */
  labels: tf.Tensor1D;
  /** Per-event weight `[B]`, including any class weight. */
  weights: tf.Tensor1D;
  /** Binary labels then scaled regressions, `[B, outputs]` (multilabel). */
  targets?: tf.Tensor2D;
}

/** Returns the weighted mean loss of a batch, a scalar. */
export function batchLoss(
  head: HeadConfig,
  logits: tf.Tensor2D,
  targets: LossTargets,
): tf.Scalar {
  return tf.tidy(() => {
    const perEvent =
      head.kind === 'multiclass'
        ? multiclassLoss(logits, targets.labels, head.classNames.length)
        : multilabelLoss(head, logits, targets);
    const weighted = tf.sum(tf.mul(perEvent, targets.weights));
    return tf.div(weighted, tf.maximum(tf.sum(targets.weights), 1e-12));
  });
}

/** Softmax cross-entropy per event, `[B]`. */
function multiclassLoss(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  classes: number,
): tf.Tensor1D {
  const logProbabilities = tf.logSoftmax(logits);
  const oneHot = tf.oneHot(labels, classes);
  return tf.neg(tf.sum(tf.mul(oneHot, logProbabilities), 1)) as tf.Tensor1D;
}

/**
 * Binary cross-entropy (from logits) plus squared error per event, `[B]`.
 * NOTE: the two terms are added with equal weight. In a small synthetic
 * test a regression target slowed the learning of a binary one, so mixed
 * heads may need per-term weights, which are not offered yet.
 */
function multilabelLoss(
  head: Extract<HeadConfig, { kind: 'multilabel' }>,
  logits: tf.Tensor2D,
  targets: LossTargets,
): tf.Tensor1D {
  if (!targets.targets) {
    throw new Error('A multilabel head needs `targets` [B, outputs].');
  }
  const binary = head.binaryNames.length;
  const regression = head.regressionNames.length;
  const rows = logits.shape[0];
  let loss: tf.Tensor1D = tf.zeros([rows]);
  if (binary > 0) {
    const z = tf.slice(logits, [0, 0], [rows, binary]);
    const y = tf.slice(targets.targets, [0, 0], [rows, binary]);
    // Stable form of −[y log σ(z) + (1 − y) log(1 − σ(z))].
    const bce = tf.add(
      tf.sub(tf.relu(z), tf.mul(z, y)),
      tf.log1p(tf.exp(tf.neg(tf.abs(z)))),
    );
    loss = tf.add(loss, tf.mean(bce, 1));
  }
  if (regression > 0) {
    const z = tf.slice(logits, [0, binary], [rows, regression]);
    const y = tf.slice(targets.targets, [0, binary], [rows, regression]);
    loss = tf.add(loss, tf.mean(tf.squaredDifference(z, y), 1));
  }
  return loss;
}

/**
 * Returns class weights that make every class count equally: total / (K ·
 * count of class), with 0 for absent classes.
 */
export function balancedClassWeights(
  labels: ArrayLike<number>,
  classes: number,
): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? -1;
    if (label >= 0 && label < classes) counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts.map((count) =>
    count > 0 ? labels.length / (classes * count) : 0,
  );
}
