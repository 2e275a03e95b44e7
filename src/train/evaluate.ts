/** Model evaluation on prepared batches: loss, accuracy, ROC/AUC, confusion. */

import * as tf from '@tensorflow/tfjs-core';
import {
  accuracy,
  areaUnderCurve,
  confusionMatrix,
  macroAuc,
  oneVsRestCurve,
  rocCurve,
  type RocCurve,
} from '../analysis/metrics';
import type { GraphBatch } from '../graph/batches';
import type { HeadConfig } from '../model/config';
import { headOutputs } from '../model/config';
import type { EventGnn } from '../model/model';
import { disposeBatchTensors, toBatchTensors } from '../model/inputs';
import { forward } from '../model/network';
import { batchLoss } from './losses';
import { disposeLossTargets, lossTargets } from './targets';

/** Metrics of a model on a set of events. */
export interface Evaluation {
  /** Weighted mean loss. */
  loss: number;
  /**
   * Multiclass: fraction with the right argmax. Multilabel: mean over the
   * binary targets of the fraction right at a 0.5 threshold.
   */
  accuracy: number;
  /**
   * Multiclass: binary AUC for two classes, macro one-vs-rest AUC for more.
   * Multilabel: mean AUC of the binary targets that have both values.
   */
  auc: number;
  /** counts[true][predicted]; empty for a multilabel head. */
  confusion: number[][];
  /** ROC of class 1 (two classes), of each class against the rest, or of
   * each binary target. */
  roc: RocCurve[];
  /** Class probabilities `[events, classes]`, or sigmoid then regression
   * outputs `[events, targets]` (multilabel), in batch order. */
  probabilities: Float32Array;
  labels: Int32Array;
  /** Index of each evaluated event in its EventSet. */
  eventIndices: Int32Array;
  /** Scaled multilabel targets `[events, targets]`; empty for multiclass. */
  targets: Float32Array;
}

/** Returns probabilities (softmax, or sigmoid on binary outputs). */
function outputsOf(head: HeadConfig, logits: tf.Tensor2D): tf.Tensor2D {
  if (head.kind === 'multiclass') return tf.softmax(logits);
  const rows = logits.shape[0];
  const binary = head.binaryNames.length;
  const parts = [tf.sigmoid(tf.slice(logits, [0, 0], [rows, binary]))];
  const rest = logits.shape[1] - binary;
  if (rest > 0) parts.push(tf.slice(logits, [0, binary], [rows, rest]));
  return tf.concat(parts, 1);
}

/** Binary-target ROC curves and accuracy of a multilabel head. */
function multilabelMetrics(
  head: Extract<HeadConfig, { kind: 'multilabel' }>,
  outputs: Float32Array,
  targets: Float32Array,
): { roc: RocCurve[]; auc: number; accuracy: number } {
  const width = headOutputs(head);
  const events = outputs.length / Math.max(1, width);
  const roc: RocCurve[] = [];
  let aucSum = 0;
  let aucCount = 0;
  let correct = 0;
  for (let c = 0; c < head.binaryNames.length; c++) {
    const scores = new Float64Array(events);
    const positives = new Uint8Array(events);
    for (let i = 0; i < events; i++) {
      scores[i] = outputs[i * width + c] ?? 0;
      positives[i] = (targets[i * width + c] ?? 0) > 0.5 ? 1 : 0;
      if ((scores[i] ?? 0) > 0.5 === (positives[i] === 1)) correct++;
    }
    const curve = rocCurve(scores, positives);
    roc.push(curve);
    if (positives.includes(1) && positives.includes(0)) {
      aucSum += areaUnderCurve(curve);
      aucCount++;
    }
  }
  const binaryCount = head.binaryNames.length * events;
  return {
    roc,
    auc: aucCount > 0 ? aucSum / aucCount : 0.5,
    accuracy: binaryCount > 0 ? correct / binaryCount : 0,
  };
}

/** Evaluates a model; reads results once per batch, asynchronously. */
export async function evaluateModel(
  model: EventGnn,
  batches: readonly GraphBatch[],
  classWeights?: readonly number[],
): Promise<Evaluation> {
  const head = model.config.head;
  const width = headOutputs(head);
  const total = batches.reduce((sum, b) => sum + b.size, 0);
  const probabilities = new Float32Array(total * width);
  const targetValues = new Float32Array(
    head.kind === 'multilabel' ? total * width : 0,
  );
  const labels = new Int32Array(total);
  const eventIndices = new Int32Array(total);
  let lossSum = 0;
  let weightSum = 0;
  let offset = 0;
  for (const batch of batches) {
    const inputs = toBatchTensors(batch);
    const targets = lossTargets(batch, classWeights);
    const [outputs, loss, weight] = tf.tidy(() => {
      const logits = forward(model.variables, model.config, inputs).logits;
      return [
        outputsOf(head, logits),
        batchLoss(head, logits, targets),
        tf.sum(targets.weights),
      ];
    });
    probabilities.set(await outputs.data(), offset * width);
    const batchWeight = (await weight.data())[0] ?? 0;
    lossSum += ((await loss.data())[0] ?? 0) * batchWeight;
    weightSum += batchWeight;
    tf.dispose([outputs, loss, weight]);
    disposeLossTargets(targets);
    disposeBatchTensors(inputs);
    if (batch.targets) targetValues.set(batch.targets, offset * width);
    labels.set(batch.labels, offset);
    eventIndices.set(batch.eventIndices, offset);
    offset += batch.size;
  }
  const common = {
    loss: weightSum > 0 ? lossSum / weightSum : 0,
    probabilities,
    labels,
    eventIndices,
    targets: targetValues,
  };
  if (head.kind === 'multilabel') {
    return {
      ...common,
      ...multilabelMetrics(head, probabilities, targetValues),
      confusion: [],
    };
  }
  const classes = width;
  const roc =
    classes === 2
      ? [oneVsRestCurve(probabilities, labels, 2, 1)]
      : Array.from({ length: classes }, (_, c) =>
          oneVsRestCurve(probabilities, labels, classes, c),
        );
  return {
    ...common,
    accuracy: accuracy(probabilities, labels, classes),
    auc: macroAuc(probabilities, labels, classes),
    confusion: confusionMatrix(probabilities, labels, classes),
    roc,
  };
}
