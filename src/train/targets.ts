/** Loss targets of a batch: labels and per-event weights as tensors. */

import * as tf from '@tensorflow/tfjs-core';
import type { GraphBatch } from '../graph/batches';
import type { LossTargets } from './losses';

/**
 * Returns the batch's labels and weights (event weight × class weight).
 * Unlabelled events (label −1) get weight 0.
 * NOTE: multilabel targets are not built from truth columns yet; a
 * multilabel head can be trained only through `batchLoss` with explicit
 * targets.
 */
export function lossTargets(
  batch: GraphBatch,
  classWeights?: readonly number[],
): LossTargets {
  const weights = new Float32Array(batch.size);
  const labels = new Int32Array(batch.size);
  for (let i = 0; i < batch.size; i++) {
    const label = batch.labels[i] ?? -1;
    labels[i] = Math.max(0, label);
    const classWeight = label >= 0 ? (classWeights?.[label] ?? 1) : 0;
    weights[i] = (batch.weights[i] ?? 1) * classWeight;
  }
  return {
    labels: tf.tensor1d(labels, 'int32'),
    weights: tf.tensor1d(weights),
  };
}
