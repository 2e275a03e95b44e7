/**
 * The pretrained-versus-scratch experiment. The engine worker and
 * `npm run finetune` both run it, so a number on the page and one from
 * the command line mean the same thing. It makes a seeded stratified
 * split, fine-tunes the pretrained model, trains the same architecture
 * from scratch on identical data and seed, and reports test metrics with
 * bootstrap intervals and time-to-target.
 */

import * as tf from '@tensorflow/tfjs-core';
import { bootstrapMetrics } from '../analysis/bootstrap';
import { accuracy, macroAuc } from '../analysis/metrics';
import { EventLensError } from '../core/errors';
import { eventCount, type EventSet } from '../events/eventSet';
import { buildGraphBatches, type GraphBatch } from '../graph/batches';
import { createModel, type EventGnn } from '../model/model';
import {
  createFineTuneModel,
  disposeSnapshot,
  restoreWeights,
  snapshotWeights,
} from '../model/transfer';
import { evaluateModel } from './evaluate';
import {
  splitClasses,
  type ClassData,
  type ClassCounts,
} from './experimentSplit';
import {
  bestScore,
  predictsOneClass,
  scoreName,
  secondsToReach,
  verdictSentence,
  type RunEpoch,
  type RunName,
  type RunSummary,
  type ScoreName,
  type TestMetrics,
} from './experimentSummary';
import type { Strategy } from './strategy';
import type { ExperimentSettings } from './experimentSettings';

export {
  DEFAULT_SETTINGS,
  TRAINING_SIZES,
  type ExperimentSettings,
} from './experimentSettings';
import { trainModel, type CancelSignal, type TrainProgress } from './trainer';

/** Progress of one run, with the epoch as `RunEpoch` when one ends. */
export interface ExperimentProgress {
  run: RunName;
  progress: TrainProgress;
  epoch?: RunEpoch;
}

/** Serialisable outcome of an experiment. */
export interface ExperimentResult {
  status: 'done' | 'cancelled';
  classNames: string[];
  counts: ClassCounts[];
  settings: ExperimentSettings;
  score: ScoreName;
  /** The scratch run's best validation score, the time-to-target goal. */
  target: number | null;
  pretrained: RunSummary;
  scratch: RunSummary;
  /** Test AUC of pretrained minus scratch, paired bootstrap. */
  aucDifference: { value: number; low: number; high: number } | null;
  warnings: string[];
  sentence: string;
}

/** Inputs of `runExperiment`. */
export interface ExperimentInput {
  parent: EventGnn;
  classes: readonly ClassData[];
  settings: ExperimentSettings;
  signal?: CancelSignal;
  onProgress?: (progress: ExperimentProgress) => void;
  progressIntervalMs?: number;
}

/** The result with the trained models; the caller owns and frees them. */
export interface ExperimentOutput {
  result: ExperimentResult;
  models: Record<RunName, EventGnn | null>;
}

const TRAIN_METRIC_EVENTS = 512;
const EVALUATION_BATCH = 256;

/** Returns AUC and accuracy on prepared batches, synchronously. */
function metricsNow(model: EventGnn, batches: readonly GraphBatch[]) {
  const classes =
    model.config.head.kind === 'multiclass'
      ? model.config.head.classNames.length
      : 0;
  const total = batches.reduce((s, b) => s + b.size, 0);
  const probabilities = new Float32Array(total * classes);
  const labels = new Int32Array(total);
  let offset = 0;
  for (const batch of batches) {
    const probs = model.predictProbabilities(batch);
    // Synchronous on purpose: the trainer's epoch callback cannot await,
    // and the weights must not change while these are computed.
    probabilities.set(probs.dataSync(), offset * classes);
    probs.dispose();
    labels.set(batch.labels, offset);
    offset += batch.size;
  }
  return {
    auc: macroAuc(probabilities, labels, classes),
    accuracy: accuracy(probabilities, labels, classes),
  };
}

/** Returns the first `count` events of a set (already shuffled). */
function firstEvents(set: EventSet, count: number): number[] {
  return Array.from({ length: Math.min(count, eventCount(set)) }, (_, i) => i);
}

interface RunOutcome {
  history: RunEpoch[];
  bestEpoch: number;
  stoppedEarly: boolean;
  seconds: number;
  cancelled: boolean;
}

/**
 * Trains one run. On cancellation the model gets back the weights of its
 * best finished epoch, which `trainModel` does not restore itself.
 */
async function trainRun(
  run: RunName,
  model: EventGnn,
  strategy: Strategy,
  data: { train: EventSet; validation: EventSet },
  input: ExperimentInput,
): Promise<RunOutcome> {
  const { settings } = input;
  const trainBatches = buildGraphBatches(data.train, model.scaling, {
    batchSize: EVALUATION_BATCH,
    indices: firstEvents(data.train, TRAIN_METRIC_EVENTS),
  }).batches;
  const history: RunEpoch[] = [];
  const best: { loss: number; weights: Map<string, tf.Tensor> | null } = {
    loss: Infinity,
    weights: null,
  };
  const started = performance.now();
  const onProgress = (progress: TrainProgress) => {
    const record = progress.epochRecord;
    if (!record) {
      input.onProgress?.({ run, progress });
      return;
    }
    const train = metricsNow(model, trainBatches);
    const epoch: RunEpoch = {
      ...record,
      trainAuc: train.auc,
      trainAccuracy: train.accuracy,
    };
    history.push(epoch);
    if (record.validationLoss < best.loss) {
      if (best.weights) disposeSnapshot(best.weights);
      best.loss = record.validationLoss;
      best.weights = snapshotWeights(model);
    }
    input.onProgress?.({ run, progress, epoch });
  };
  try {
    const result = await trainModel({
      model,
      strategy,
      train: data.train,
      validation: data.validation,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      backboneLearningRateFactor: settings.backboneLearningRateFactor,
      patience: settings.patience,
      seed: settings.seed,
      signal: input.signal,
      onProgress,
      progressIntervalMs: input.progressIntervalMs,
    });
    return {
      history,
      bestEpoch: result.bestEpoch,
      stoppedEarly: result.stoppedEarly,
      seconds: result.seconds,
      cancelled: false,
    };
  } catch (error) {
    if (!(error instanceof EventLensError && error.code === 'engine/cancelled'))
      throw error;
    // restoreWeights frees the snapshot, so `finally` has nothing left.
    if (best.weights) restoreWeights(model, best.weights);
    best.weights = null;
    const bestLoss = Math.min(...history.map((h) => h.validationLoss));
    return {
      history,
      bestEpoch: history.findIndex((h) => h.validationLoss === bestLoss) + 1,
      stoppedEarly: false,
      seconds: (performance.now() - started) / 1000,
      cancelled: true,
    };
  } finally {
    if (best.weights) disposeSnapshot(best.weights);
  }
}

/** Evaluates a model on the test set; probabilities in test-set order. */
async function testPredictions(model: EventGnn, test: EventSet) {
  const batches = buildGraphBatches(test, model.scaling, {
    batchSize: EVALUATION_BATCH,
  }).batches;
  const evaluation = await evaluateModel(model, batches);
  const classes = evaluation.confusion.length;
  // Batches are grouped by node count; put rows back in event order so
  // that both runs' rows line up for the paired bootstrap.
  const ordered = new Float32Array(evaluation.probabilities.length);
  evaluation.eventIndices.forEach((event, row) => {
    ordered.set(
      evaluation.probabilities.subarray(row * classes, (row + 1) * classes),
      event * classes,
    );
  });
  return { evaluation, probabilities: ordered };
}

function notRun(name: RunName, strategy: Strategy): RunSummary {
  return {
    name,
    strategy,
    status: 'not-run',
    history: [],
    bestEpoch: 0,
    stoppedEarly: false,
    seconds: 0,
    secondsToTarget: null,
    test: null,
    predictsOneClass: false,
  };
}

/**
 * Runs the experiment: split, pretrained run, scratch run, test metrics.
 * Cancelling stops between batches; the run in progress keeps its best
 * weights and a run not yet started is reported as `not-run`.
 */
export async function runExperiment(
  input: ExperimentInput,
): Promise<ExperimentOutput> {
  const { parent, settings } = input;
  if (parent.config.head.kind !== 'multiclass') {
    throw new EventLensError(
      'engine/invalid-request',
      'The chosen model has a multilabel head; fine-tuning starts from a ' +
        'multiclass (process) model. Pick the bundled pretrained model.',
    );
  }
  checkSettings(settings);
  const split = splitClasses(input.classes, settings);
  const classNames = input.classes.map((c) => c.name);
  const head = { kind: 'multiclass' as const, classNames };
  const models: Record<RunName, EventGnn | null> = {
    pretrained: createFineTuneModel(parent, head, settings.seed),
    scratch: null,
  };
  const outcomes: Partial<Record<RunName, RunOutcome>> = {};
  try {
    outcomes.pretrained = await trainRun(
      'pretrained',
      models.pretrained!,
      settings.strategy,
      split,
      input,
    );
    if (!outcomes.pretrained.cancelled) {
      models.scratch = createModel(
        { ...parent.config, head },
        parent.scaling,
        settings.seed,
      );
      outcomes.scratch = await trainRun(
        'scratch',
        models.scratch,
        'scratch',
        split,
        input,
      );
    }
    const result = await summarise(input, split, models, outcomes);
    return { result, models };
  } catch (error) {
    models.pretrained?.dispose();
    models.scratch?.dispose();
    throw error;
  }
}

type Split = ReturnType<typeof splitClasses>;

/** Evaluates both runs on the test set and builds the result. */
async function summarise(
  input: ExperimentInput,
  split: Split,
  models: Record<RunName, EventGnn | null>,
  outcomes: Partial<Record<RunName, RunOutcome>>,
): Promise<ExperimentResult> {
  const { settings } = input;
  const classNames = split.train.classNames;
  const score = scoreName(classNames.length);
  const target = bestScore(outcomes.scratch?.history ?? [], score);
  const names: RunName[] = ['pretrained', 'scratch'];
  const tested = await Promise.all(
    names.map(async (name) => {
      const outcome = outcomes[name];
      const model = models[name];
      if (!outcome || !model || outcome.history.length === 0) return null;
      return testPredictions(model, split.test);
    }),
  );
  const present = tested.filter((t) => t !== null);
  const labels = split.test.events.label;
  const intervals = bootstrapMetrics(
    present.map((t) => t.probabilities),
    labels,
    classNames.length,
    { resamples: settings.bootstrapResamples, seed: settings.seed },
  );
  const runs = names.map((name, i): RunSummary => {
    const strategy = name === 'scratch' ? 'scratch' : settings.strategy;
    const outcome = outcomes[name];
    if (!outcome) return notRun(name, strategy);
    const t = tested[i];
    const metrics = t ? intervals.models[present.indexOf(t)] : undefined;
    const test: TestMetrics | null =
      t && metrics
        ? {
            auc: metrics.auc,
            accuracy: metrics.accuracy,
            loss: t.evaluation.loss,
            confusion: t.evaluation.confusion,
            roc: t.evaluation.roc,
            events: labels.length,
          }
        : null;
    return {
      name,
      strategy,
      status: outcome.cancelled ? 'cancelled' : 'done',
      history: outcome.history,
      bestEpoch: outcome.bestEpoch,
      stoppedEarly: outcome.stoppedEarly,
      seconds: outcome.seconds,
      secondsToTarget: secondsToReach(outcome.history, score, target),
      test,
      predictsOneClass: test ? predictsOneClass(test.confusion) : false,
    };
  });
  const [pretrained, scratch] = runs as [RunSummary, RunSummary];
  return {
    status: runs.some((r) => r.status !== 'done') ? 'cancelled' : 'done',
    classNames,
    counts: split.counts,
    settings,
    score,
    target,
    pretrained,
    scratch,
    aucDifference: present.length === 2 ? intervals.aucDifference : null,
    warnings: [...split.warnings, ...runWarnings(runs)],
    sentence: verdictSentence(pretrained, scratch, classNames.length),
  };
}

/** Limits of the numeric settings: [name, minimum, integer]. */
const SETTING_LIMITS: [keyof ExperimentSettings, number, boolean][] = [
  ['epochs', 1, true],
  ['batchSize', 1, true],
  ['patience', 1, true],
  ['bootstrapResamples', 10, true],
  ['seed', 0, true],
  ['backboneLearningRateFactor', 0, false],
];

/** Throws `engine/invalid-request` naming the first invalid setting. */
export function checkSettings(settings: ExperimentSettings): void {
  for (const [name, minimum, integer] of SETTING_LIMITS) {
    const value = settings[name] as number;
    if (
      !Number.isFinite(value) ||
      value < minimum ||
      (integer && !Number.isInteger(value))
    ) {
      throw new EventLensError(
        'engine/invalid-request',
        `The setting "${name}" is ${value}; it must be ${integer ? 'a whole number ' : ''}of at least ${minimum}.`,
        { name, value },
      );
    }
  }
  const rate = settings.learningRate;
  if (!(rate > 0 && rate <= 1)) {
    throw new EventLensError(
      'engine/invalid-request',
      `The learning rate is ${rate}; it must be above 0 and at most 1 ` +
        '(1e-3 is the default).',
      { name: 'learningRate', value: rate },
    );
  }
}

/** Returns warnings about runs that predict a single class. */
function runWarnings(runs: readonly RunSummary[]): string[] {
  return runs
    .filter((r) => r.predictsOneClass)
    .map(
      (r) =>
        `The ${r.name === 'scratch' ? 'from-scratch' : 'pretrained'} model ` +
        'predicts one class for every test event. Train longer, use more ' +
        'events, or try another learning rate.',
    );
}
