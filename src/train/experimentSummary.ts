/**
 * Pure summaries of a pretrained-versus-scratch experiment: which score
 * the curves follow, time-to-target, the one-sentence verdict and the
 * training log as CSV. Shared by the engine worker and the CLI.
 */

import type { Interval } from '../analysis/bootstrap';
import type { RocCurve } from '../analysis/metrics';
import type { EpochRecord } from './trainer';
import type { Strategy } from './strategy';

/** The two runs of an experiment. */
export type RunName = 'pretrained' | 'scratch';

/** Validation score the curves and time-to-target use. */
export type ScoreName = 'auc' | 'accuracy';

/** One epoch with the training-set metrics the trainer does not record. */
export interface RunEpoch extends EpochRecord {
  /** AUC on (up to 512) training events after the epoch. */
  trainAuc: number;
  trainAccuracy: number;
}

/** Test metrics of a run, with bootstrap intervals. */
export interface TestMetrics {
  auc: Interval;
  accuracy: Interval;
  loss: number;
  /** counts[true][predicted]. */
  confusion: number[][];
  /** ROC of class 1 (two classes) or of each class against the rest. */
  roc: RocCurve[];
  events: number;
}

/** Outcome of one run: history, status and test metrics. */
export interface RunSummary {
  name: RunName;
  strategy: Strategy;
  /** `cancelled`: stopped between batches, best weights kept. */
  status: 'done' | 'cancelled' | 'not-run';
  history: RunEpoch[];
  /** Epoch (from 1) whose weights the model holds; 0 when none finished. */
  bestEpoch: number;
  stoppedEarly: boolean;
  seconds: number;
  /** Wall time until the validation score first reached the target. */
  secondsToTarget: number | null;
  test: TestMetrics | null;
  /** True when every test event gets the same predicted class. */
  predictsOneClass: boolean;
}

/** Returns the score the page plots: AUC for two classes, else accuracy. */
export function scoreName(classes: number): ScoreName {
  return classes === 2 ? 'auc' : 'accuracy';
}

/** Returns an epoch's validation score of the given kind. */
export function validationScore(epoch: EpochRecord, score: ScoreName): number {
  return score === 'auc' ? epoch.validationAuc : epoch.validationAccuracy;
}

/** Returns the best validation score of a history, or null if empty. */
export function bestScore(
  history: readonly EpochRecord[],
  score: ScoreName,
): number | null {
  if (history.length === 0) return null;
  return Math.max(...history.map((h) => validationScore(h, score)));
}

/**
 * Returns the wall time (s, at the end of the epoch) at which the
 * validation score first reached `target`, or null if it never did.
 * Times are resolved to whole epochs, because scores exist only there.
 */
export function secondsToReach(
  history: readonly EpochRecord[],
  score: ScoreName,
  target: number | null,
): number | null {
  if (target === null) return null;
  // A relative tolerance keeps the target run's own best epoch counting.
  const reached = history.find(
    (h) => validationScore(h, score) >= target - 1e-9 * Math.abs(target),
  );
  return reached ? reached.seconds : null;
}

/** Returns whether every row of a confusion matrix predicts one column. */
export function predictsOneClass(confusion: number[][]): boolean {
  const columns = confusion[0]?.length ?? 0;
  let used = 0;
  for (let c = 0; c < columns; c++) {
    if (confusion.some((row) => (row[c] ?? 0) > 0)) used++;
  }
  return used <= 1;
}

function secondsText(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

function epochsText(count: number): string {
  return count === 1 ? '1 epoch' : `${count} epochs`;
}

/** Describes one run: its test score at the best epoch, or why none. */
function runClause(run: RunSummary, label: string, metric: string): string {
  const finished = run.history.length;
  if (run.status === 'not-run') {
    return `${label} was not run, because the training was cancelled before it started`;
  }
  if (!run.test) {
    return run.status === 'cancelled'
      ? `${label} was cancelled before its first epoch ended, so it has no test result`
      : `${label} finished no epoch, so it has no test result`;
  }
  const best = run.history[run.bestEpoch - 1];
  const when = best
    ? ` at its best epoch (${run.bestEpoch} of ${finished}, ${secondsText(best.seconds)} into the run)`
    : '';
  const value = run.test.auc.value;
  const spread = (run.test.auc.high - run.test.auc.low) / 2;
  const reached = `reached ${value.toFixed(2)} ± ${spread.toFixed(2)} test ${metric}${when}`;
  return run.status === 'cancelled'
    ? `${label} was cancelled after ${epochsText(finished)} and ${reached}`
    : `${label} ${reached}`;
}

/**
 * Describes when each run's validation score first reached the scratch
 * run's best. Returns '' when the scratch run has no finished epoch.
 */
function targetClause(
  pretrained: RunSummary,
  scratch: RunSummary,
  classes: number,
): string {
  const target = bestScore(scratch.history, scoreName(classes));
  if (target === null) return '';
  const score = classes === 2 ? 'AUC' : 'accuracy';
  const partial = scratch.status === 'cancelled' ? ' before the cancel' : '';
  const goal = `the scratch run's best validation ${score}${partial} (${target.toFixed(3)})`;
  const a = pretrained.secondsToTarget;
  const b = scratch.secondsToTarget;
  const scratchPart =
    b === null
      ? ''
      : `; from scratch reached it ${secondsText(b)} into its run`;
  if (a !== null) {
    return ` Pretrained reached ${goal} ${secondsText(a)} into its run${scratchPart}.`;
  }
  if (pretrained.history.length === 0) return '';
  return ` Pretrained never reached ${goal}${scratchPart}.`;
}

/**
 * Returns the verdict in plain words, e.g. "Pretrained reached 0.81 ±
 * 0.02 test AUC at its best epoch (4 of 9, 14 s into the run); …".
 * The ± is half the width of the bootstrap interval. The best epoch has
 * the lowest validation loss, and the model keeps its weights.
 */
export function verdictSentence(
  pretrained: RunSummary,
  scratch: RunSummary,
  classes: number,
): string {
  const metric = classes === 2 ? 'AUC' : 'macro AUC';
  const first = runClause(pretrained, 'Pretrained', metric);
  const second = runClause(scratch, 'from scratch', metric);
  return `${first}; ${second}.${targetClause(pretrained, scratch, classes)}`;
}

/** Column order of the training log. */
const LOG_COLUMNS = [
  'epoch',
  'trainLoss',
  'validationLoss',
  'trainAuc',
  'validationAuc',
  'trainAccuracy',
  'validationAccuracy',
  'learningRate',
  'seconds',
] as const;

/** Returns both runs' epoch histories as CSV, one row per run and epoch. */
export function trainingLogCsv(runs: readonly RunSummary[]): string {
  const lines = [['run', ...LOG_COLUMNS].join(',')];
  for (const run of runs) {
    for (const epoch of run.history) {
      const values = LOG_COLUMNS.map((key) => String(epoch[key]));
      lines.push([run.name, ...values].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
