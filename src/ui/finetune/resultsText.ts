/**
 * Text of the Fine-tune results that depends on how each run ended: both
 * done, one cancelled, one never started, or a run with no finished epoch.
 */

import type { ExperimentResult } from '../../train/experiment';
import type { RunName, RunSummary } from '../../train/experimentSummary';
import { formatSeconds } from './runStyle';

const RUNS: RunName[] = ['pretrained', 'scratch'];

/** Returns the status cell of a run in the results table. */
export function runStatusText(run: RunSummary): string {
  if (run.status === 'not-run') return 'not run (cancelled before it started)';
  const finished = run.history.length;
  if (run.status === 'cancelled') {
    if (finished === 0) return 'cancelled before epoch 1 ended';
    return `cancelled after ${finished === 1 ? '1 epoch' : `${finished} epochs`}; best epoch kept`;
  }
  if (finished === 0) return 'done, no epoch finished';
  return run.stoppedEarly ? 'stopped early' : 'done';
}

/** Returns the best-epoch cell, e.g. "3 of 5", or "–" without one. */
export function bestEpochText(run: RunSummary): string {
  if (run.bestEpoch === 0) return '–';
  return `${run.bestEpoch} of ${run.history.length}`;
}

/** Returns the wall time at the end of the best epoch, or "–". */
export function timeToBestEpochText(run: RunSummary): string {
  const best = run.history[run.bestEpoch - 1];
  return best ? formatSeconds(best.seconds) : '–';
}

/** Returns the run-time cell, or "–" for a run that never started. */
export function runTimeText(run: RunSummary): string {
  return run.status === 'not-run' ? '–' : formatSeconds(run.seconds);
}

/** Returns the time-to-target cell. */
export function timeToTargetText(
  run: RunSummary,
  target: number | null,
): string {
  if (run.secondsToTarget !== null) return formatSeconds(run.secondsToTarget);
  if (target === null || run.history.length === 0) return '–';
  return 'not reached';
}

/** Run names as adjectives in a sentence, e.g. "the from-scratch run". */
const RUN_ADJECTIVES: Record<RunName, string> = {
  pretrained: 'pretrained',
  scratch: 'from-scratch',
};

/** Returns why a run has no finished epoch, after "the … run". */
function noEpochReason(run: RunSummary): string {
  if (run.status === 'not-run') return 'never started';
  return run.status === 'cancelled'
    ? 'was cancelled before its first epoch ended'
    : 'finished no epoch';
}

/**
 * Returns which trained models were saved in this browser and why any
 * run has none. `modelIds` lists the runs whose model the engine kept.
 */
export function savedModelsText(
  result: Pick<ExperimentResult, RunName>,
  modelIds: Partial<Record<RunName, string>>,
  removedModels: readonly string[] = [],
): string {
  const removed = RUNS.filter(
    (r) => modelIds[r] && removedModels.includes(modelIds[r]),
  );
  if (removed.length > 0) {
    const runs = removed.map((r) => RUN_ADJECTIVES[r]).join(' and ');
    const noun = removed.length === 1 ? 'model was' : 'models were';
    return `The ${runs} ${noun} deleted on the Models page after this training.`;
  }
  const saved = RUNS.filter((r) => modelIds[r]);
  const missing = RUNS.filter((r) => !modelIds[r]);
  const reasons = missing.map(
    (r) => `the ${RUN_ADJECTIVES[r]} run ${noEpochReason(result[r])}`,
  );
  if (saved.length === 2) return 'Both models are saved in this browser.';
  if (saved.length === 0) {
    return `No model was saved, because ${reasons.join(' and ')}.`;
  }
  return (
    `Only the ${RUN_ADJECTIVES[saved[0]!]} model is saved in this browser, ` +
    `because ${reasons[0]!}.`
  );
}

/**
 * Returns the note that defines the table's quantities: best epoch, the
 * three times, the time-to-target goal and the intervals.
 */
export function resultsNote(
  result: Pick<
    ExperimentResult,
    RunName | 'score' | 'target' | 'settings' | 'classNames'
  >,
): string {
  const score = result.score === 'auc' ? 'AUC' : 'accuracy';
  const metric = result.classNames.length === 2 ? 'AUC' : 'macro AUC';
  const best =
    'Best epoch: the epoch with the lowest validation loss; the test ' +
    'metrics and the saved model use its weights.';
  const times =
    'Times are wall time from the start of each run: time to best epoch ' +
    'ends with that epoch, and run time includes the epochs after it.';
  const intervals =
    `95 % intervals of test ${metric} and accuracy: ` +
    `${result.settings.bootstrapResamples} bootstrap resamples of the ` +
    'test events; the ± above is half their width.';
  return `${best} ${times} ${targetNote(result, score)} ${intervals}`;
}

function targetNote(
  result: Pick<ExperimentResult, RunName | 'target'>,
  score: string,
): string {
  const { scratch } = result;
  if (result.target === null) {
    return `There is no time to target, because the from-scratch run ${noEpochReason(scratch)}.`;
  }
  const partial =
    scratch.status === 'cancelled' ? ' before it was cancelled' : '';
  return (
    `Time to target: when the validation ${score} first reached the ` +
    `scratch run's best${partial} (${result.target.toFixed(3)}), checked ` +
    `at the end of each epoch; it uses validation ${score}, not loss, so ` +
    'it can differ from the time to best epoch.'
  );
}
