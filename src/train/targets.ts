/** Loss targets of a batch: labels and per-event weights as tensors. */

import * as tf from '@tensorflow/tfjs-core';
import type { GraphBatch } from '../graph/batches';
import type { HeadConfig } from '../model/config';
import type { TargetColumns } from '../graph/batches';
import type { LossTargets } from './losses';

/** Returns the truth columns a head trains on, or undefined (multiclass). */
export function headTargetColumns(head: HeadConfig): TargetColumns | undefined {
  if (head.kind !== 'multilabel') return undefined;
  return {
    names: [...head.binaryNames, ...head.regressionNames],
    mean: head.targetScaling.mean,
    std: head.targetScaling.std,
  };
}

/** Disposes the tensors of `lossTargets`. */
export function disposeLossTargets(targets: LossTargets): void {
  targets.labels.dispose();
  targets.weights.dispose();
  targets.targets?.dispose();
}

/**
 * Returns the batch's labels and weights (event weight × class weight).
 * Unlabelled events (label −1) get weight 0 unless the batch carries
 * multilabel targets, which need no class label.
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
    const unlabelled = label < 0 && !batch.targets;
    const classWeight = unlabelled ? 0 : (classWeights?.[label] ?? 1);
    weights[i] = (batch.weights[i] ?? 1) * classWeight;
  }
  const targets = batch.targets
    ? tf.tensor2d(batch.targets, [
        batch.size,
        batch.targets.length / batch.size,
      ])
    : undefined;
  return {
    labels: tf.tensor1d(labels, 'int32'),
    weights: tf.tensor1d(weights),
    targets,
  };
}
