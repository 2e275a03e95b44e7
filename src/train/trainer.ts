/**
 * The training loop shared by the page's worker and the command line:
 * Adam with two parameter groups, a per-epoch learning-rate decay, seeded
 * shuffling, early stopping that restores the best weights, cancellation
 * between batches and rate-limited progress events. Losses stay on the
 * backend during an epoch and are read asynchronously, never by dataSync.
 */

import { yieldToEventLoop } from '../core/yield';
import * as tf from '@tensorflow/tfjs-core';
import { EventLensError } from '../core/errors';
import type { EventSet } from '../events/eventSet';
import {
  buildGraphBatch,
  buildGraphBatches,
  planBatches,
  type TargetColumns,
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

/** Losses, metrics and timing of one epoch. */
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
  /** Learning rate multiplier per epoch (default 0.99, the published model's schedule). */
  learningRateDecay?: number;
  /** Epochs without a better validation loss before stopping (default 5). */
  patience?: number;
  seed: number;
  classWeights?: number[];
  /**
   * Checked between batches. On cancellation `trainModel` throws
   * `engine/cancelled` and the model keeps the weights of the last batch.
   */
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

/** State shared by the epochs of one `trainModel` call. */
interface Run {
  options: TrainOptions;
  session: TrainingSession;
  targetColumns: TargetColumns | undefined;
  started: number;
  eventsSeen: number;
  lastProgress: number;
}

function elapsedSeconds(run: Run): number {
  return (performance.now() - run.started) / 1000;
}

/** Sends a progress event unless one went out less than the interval ago. */
async function reportBatch(
  run: Run,
  epoch: number,
  batch: number,
  batches: number,
  meanLoss: () => Promise<number>,
): Promise<void> {
  const { onProgress, progressIntervalMs, epochs } = run.options;
  const now = performance.now();
  if (!onProgress || now - run.lastProgress < (progressIntervalMs ?? 250)) {
    return;
  }
  run.lastProgress = now;
  const elapsed = elapsedSeconds(run);
  onProgress({
    epoch: epoch + 1,
    epochs,
    batch,
    batches,
    eventsSeen: run.eventsSeen,
    trainLoss: await meanLoss(),
    elapsedSeconds: elapsed,
    eventsPerSecond: run.eventsSeen / elapsed,
  });
}

/** Trains one epoch; returns its mean training loss and batch count. */
async function trainEpoch(
  run: Run,
  epoch: number,
): Promise<{ trainLoss: number; batches: number }> {
  const { options, session } = run;
  const { model } = options;
  const plan = planBatches(options.train, model.scaling.maxNodes, {
    batchSize: options.batchSize,
    shuffleSeed: options.seed * 1000 + epoch,
  });
  // The loss stays on the backend until it is read asynchronously.
  let lossSum: tf.Scalar = tf.scalar(0);
  let epochEvents = 0;
  const meanLoss = async () =>
    ((await lossSum.data())[0] ?? 0) / Math.max(1, epochEvents);
  try {
    for (let b = 0; b < plan.length; b++) {
      if (options.signal?.aborted) {
        throw new EventLensError(
          'engine/cancelled',
          'Training was cancelled.',
          {
            epoch: epoch + 1,
            batch: b,
          },
        );
      }
      const events = plan[b] ?? [];
      const batch = buildGraphBatch(
        options.train,
        model.scaling,
        events,
        run.targetColumns,
      );
      const batchLossSum = session.step(batch);
      const next = tf.add(lossSum, batchLossSum) as tf.Scalar;
      tf.dispose([lossSum, batchLossSum]);
      lossSum = next;
      epochEvents += batch.size;
      run.eventsSeen += batch.size;
      await reportBatch(run, epoch, b + 1, plan.length, meanLoss);
      await yieldToEventLoop();
    }
    return { trainLoss: await meanLoss(), batches: plan.length };
  } finally {
    lossSum.dispose();
  }
}

/** Trains a model in place and returns its history and metrics. */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { model } = options;
  const targetColumns = headTargetColumns(model.config.head);
  const run: Run = {
    options,
    session: new TrainingSession(model, options),
    targetColumns,
    started: performance.now(),
    eventsSeen: 0,
    lastProgress: -Infinity,
  };
  const validationBatches = buildGraphBatches(
    options.validation,
    model.scaling,
    { batchSize: options.batchSize, targets: targetColumns },
  ).batches;
  const evaluate = () =>
    evaluateModel(model, validationBatches, options.classWeights);
  const history: EpochRecord[] = [];
  let best = { loss: Infinity, epoch: 0, weights: snapshotWeights(model) };
  let stoppedEarly = false;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const learningRate = run.session.setEpoch(epoch);
      const { trainLoss, batches } = await trainEpoch(run, epoch);
      const evaluation = await evaluate();
      const record: EpochRecord = {
        epoch: epoch + 1,
        trainLoss,
        validationLoss: evaluation.loss,
        validationAccuracy: evaluation.accuracy,
        validationAuc: evaluation.auc,
        learningRate,
        seconds: elapsedSeconds(run),
      };
      history.push(record);
      options.onProgress?.({
        epoch: epoch + 1,
        epochs: options.epochs,
        batch: batches,
        batches,
        eventsSeen: run.eventsSeen,
        trainLoss,
        elapsedSeconds: record.seconds,
        eventsPerSecond: run.eventsSeen / record.seconds,
        epochRecord: record,
      });
      if (evaluation.loss < best.loss) {
        disposeSnapshot(best.weights);
        const weights = snapshotWeights(model);
        best = { loss: evaluation.loss, epoch: epoch + 1, weights };
      } else if (epoch + 1 - best.epoch >= (options.patience ?? 5)) {
        stoppedEarly = true;
        break;
      }
    }
    restoreWeights(model, best.weights);
  } finally {
    disposeSnapshot(best.weights);
    run.session.dispose();
  }
  const validation = await evaluate();
  return {
    history,
    bestEpoch: best.epoch,
    stoppedEarly,
    validation,
    seconds: elapsedSeconds(run),
  };
}
