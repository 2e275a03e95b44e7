/** Model evaluation on prepared batches: loss, accuracy, ROC/AUC, confusion. */

import * as tf from '@tensorflow/tfjs-core';
import {
  accuracy,
  confusionMatrix,
  macroAuc,
  oneVsRestCurve,
  type RocCurve,
} from '../analysis/metrics';
import type { GraphBatch } from '../graph/batches';
import type { EventGnn } from '../model/model';
import { disposeBatchTensors, toBatchTensors } from '../model/inputs';
import { forward } from '../model/network';
import { batchLoss } from './losses';
import { lossTargets } from './targets';

/** Metrics of a multiclass model on a set of events. */
export interface Evaluation {
  /** Weighted mean loss. */
  loss: number;
  accuracy: number;
  /** Binary AUC for two classes, macro one-vs-rest AUC for more. */
  auc: number;
  /** counts[true][predicted]. */
  confusion: number[][];
  /** ROC of class 1 (two classes) or of each class against the rest. */
  roc: RocCurve[];
  /** Class probabilities `[events, classes]`, in batch order. */
  probabilities: Float32Array;
  labels: Int32Array;
  /** Index of each evaluated event in its EventSet. */
  eventIndices: Int32Array;
}

/** Evaluates a multiclass model; reads results once per batch (async). */
export async function evaluateModel(
  model: EventGnn,
  batches: readonly GraphBatch[],
  classWeights?: readonly number[],
): Promise<Evaluation> {
  const head = model.config.head;
  if (head.kind !== 'multiclass') {
    throw new Error('evaluateModel needs a multiclass head.');
  }
  const classes = head.classNames.length;
  const total = batches.reduce((sum, b) => sum + b.size, 0);
  const probabilities = new Float32Array(total * classes);
  const labels = new Int32Array(total);
  const eventIndices = new Int32Array(total);
  let lossSum = 0;
  let weightSum = 0;
  let offset = 0;
  for (const batch of batches) {
    const inputs = toBatchTensors(batch, false);
    const targets = lossTargets(batch, classWeights);
    const [probs, loss, weight] = tf.tidy(() => {
      const logits = forward(model.variables, model.config, inputs).logits;
      return [
        tf.softmax(logits),
        batchLoss(head, logits, targets),
        tf.sum(targets.weights),
      ];
    });
    probabilities.set(await probs.data(), offset * classes);
    const batchWeight = (await weight.data())[0] ?? 0;
    lossSum += ((await loss.data())[0] ?? 0) * batchWeight;
    weightSum += batchWeight;
    tf.dispose([probs, loss, weight, targets.labels, targets.weights]);
    disposeBatchTensors(inputs);
    labels.set(batch.labels, offset);
    eventIndices.set(batch.eventIndices, offset);
    offset += batch.size;
  }
  const roc =
    classes === 2
      ? [oneVsRestCurve(probabilities, labels, 2, 1)]
      : Array.from({ length: classes }, (_, c) =>
          oneVsRestCurve(probabilities, labels, classes, c),
        );
  return {
    loss: weightSum > 0 ? lossSum / weightSum : 0,
    accuracy: accuracy(probabilities, labels, classes),
    auc: macroAuc(probabilities, labels, classes),
    confusion: confusionMatrix(probabilities, labels, classes),
    roc,
    probabilities,
    labels,
    eventIndices,
  };
}
