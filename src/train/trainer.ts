/**
 * The training loop shared by the page's worker and the command line:
 * Adam with two parameter groups, a per-epoch learning-rate decay, seeded
 * shuffling, early stopping that restores the best weights, cancellation
 * between batches and rate-limited progress events. Losses stay on the
 * backend during an epoch and are read asynchronously, never by dataSync.
 */

import * as tf from '@tensorflow/tfjs-core';
import { EventLensError } from '../core/errors';
import type { EventSet } from '../events/eventSet';
import {
  buildGraphBatch,
  buildGraphBatches,
  planBatches,
} from '../graph/batches';
import type { EventGnn } from '../model/model';
import {
  disposeSnapshot,
  restoreWeights,
  snapshotWeights,
} from '../model/transfer';
import { evaluateModel, type Evaluation } from './evaluate';
import { TrainingSession } from './session';
import type { Strategy } from './strategy';
import { headTargetColumns } from './targets';

/** What happened in one epoch. */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  validationLoss: number;
  validationAccuracy: number;
  validationAuc: number;
  /** Head learning rate used in this epoch. */
  learningRate: number;
  /** Wall time since training started, s. */
  seconds: number;
}

/** A progress event, sent at most every `progressIntervalMs` and per epoch. */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Training events processed so far, all epochs. */
  eventsSeen: number;
  /** Mean training loss of the epoch so far. */
  trainLoss: number;
  elapsedSeconds: number;
  eventsPerSecond: number;
  /** Set when an epoch has just finished. */
  epochRecord?: EpochRecord;
}

/** Minimal AbortSignal, so a plain object works across comlink. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Options of `trainModel`. */
export interface TrainOptions {
  model: EventGnn;
  train: EventSet;
  validation: EventSet;
  strategy: Strategy;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Backbone learning rate ÷ head learning rate (default 0.1). */
  backboneLearningRateFactor?: number;
  /** Learning rate multiplier per epoch (default 0.99, as in the paper). */
  learningRateDecay?: number;
  /** Epochs without a better validation loss before stopping (default 5). */
  patience?: number;
  seed: number;
  classWeights?: number[];
  signal?: CancelSignal;
  onProgress?: (progress: TrainProgress) => void;
  progressIntervalMs?: number;
}

/** History and final metrics (of the restored best weights). */
export interface TrainResult {
  history: EpochRecord[];
  /** Epoch (from 1) whose weights the model now holds. */
  bestEpoch: number;
  stoppedEarly: boolean;
  validation: Evaluation;
  seconds: number;
}

/** Lets queued messages (a cancel request) run between batches. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Trains a model in place and returns its history and metrics. */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { model, epochs, signal } = options;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const session = new TrainingSession(model, options);
  const targetColumns = headTargetColumns(model.config.head);
  const validationBatches = buildGraphBatches(
    options.validation,
    model.scaling,
    { batchSize: options.batchSize, targets: targetColumns },
  ).batches;
  const history: EpochRecord[] = [];
  let best = { loss: Infinity, epoch: 0, weights: snapshotWeights(model) };
  let eventsSeen = 0;
  let lastProgress = -Infinity;
  let stoppedEarly = false;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const learningRate = session.setEpoch(epoch);
      const plan = planBatches(options.train, model.scaling.maxNodes, {
        batchSize: options.batchSize,
        shuffleSeed: options.seed * 1000 + epoch,
      });
      let lossSum: tf.Scalar = tf.keep(tf.scalar(0));
      let epochEvents = 0;
      for (let b = 0; b < plan.length; b++) {
        if (signal?.aborted)
          throw new EventLensError(
            'engine/cancelled',
            'Training was cancelled.',
            { epoch: epoch + 1, batch: b },
          );
        const batch = buildGraphBatch(
          options.train,
          model.scaling,
          plan[b] ?? [],
          targetColumns,
        );
        const batchLossSum = session.step(batch);
        const next = tf.keep(tf.add(lossSum, batchLossSum) as tf.Scalar);
        tf.dispose([lossSum, batchLossSum]);
        lossSum = next;
        epochEvents += batch.size;
        eventsSeen += batch.size;
        const now = performance.now();
        if (
          options.onProgress &&
          now - lastProgress >= (options.progressIntervalMs ?? 250)
        ) {
          lastProgress = now;
          const trainLoss = ((await lossSum.data())[0] ?? 0) / epochEvents;
          options.onProgress({
            epoch: epoch + 1,
            epochs,
            batch: b + 1,
            batches: plan.length,
            eventsSeen,
            trainLoss,
            elapsedSeconds: elapsed(),
            eventsPerSecond: eventsSeen / elapsed(),
          });
        }
        await yieldToEventLoop();
      }
      const trainLoss =
        ((await lossSum.data())[0] ?? 0) / Math.max(1, epochEvents);
      lossSum.dispose();
      const evaluation = await evaluateModel(
        model,
        validationBatches,
        options.classWeights,
      );
      const record: EpochRecord = {
        epoch: epoch + 1,
        trainLoss,
        validationLoss: evaluation.loss,
        validationAccuracy: evaluation.accuracy,
        validationAuc: evaluation.auc,
        learningRate,
        seconds: elapsed(),
      };
      history.push(record);
      options.onProgress?.({
        epoch: epoch + 1,
        epochs,
        batch: plan.length,
        batches: plan.length,
        eventsSeen,
        trainLoss,
        elapsedSeconds: elapsed(),
        eventsPerSecond: eventsSeen / elapsed(),
        epochRecord: record,
      });
      if (evaluation.loss < best.loss) {
        disposeSnapshot(best.weights);
        best = {
          loss: evaluation.loss,
          epoch: epoch + 1,
          weights: snapshotWeights(model),
        };
      } else if (epoch + 1 - best.epoch >= (options.patience ?? 5)) {
        stoppedEarly = true;
        break;
      }
    }
    restoreWeights(model, best.weights);
  } finally {
    disposeSnapshot(best.weights);
    session.dispose();
  }
  const validation = await evaluateModel(
    model,
    validationBatches,
    options.classWeights,
  );
  return {
    history,
    bestEpoch: best.epoch,
    stoppedEarly,
    validation,
    seconds: elapsed(),
  };
}
