/**
 * Fine-tune actions: start the pretrained-versus-scratch training in the
 * engine worker, cancel it, and download its log. Actions never throw;
 * failures go to the error panel and nothing loaded or trained is lost.
 */
import * as Comlink from 'comlink';
import type { StoreApi } from 'zustand/vanilla';
import type { ExperimentProgress } from '../train/experiment';
import type { ExperimentSettings } from '../train/experimentSettings';
import { trainingLogCsv } from '../train/experimentSummary';
import type { TrainingRequest } from '../../workers/protocol';
import { downloadFile, saveModel } from './modelActions';
import { getSet } from './registry';
import { forgetLastTraining, saveLastTraining } from './savedTraining';
import type { AppState } from './store';
import { engineWorker } from './workers';

/** Returns the ids of the sets the page trains on (all when none chosen). */
export function chosenSetIds(state: AppState): string[] {
  const loaded = state.sets.map((s) => s.id);
  const chosen = state.training.setIds.filter((id) => loaded.includes(id));
  return chosen.length > 0 ? chosen : loaded;
}

/**
 * Numeric setting limits as [name, page label, minimum, whole number]. They
 * copy checkSettings in src/train/experiment.ts, which the engine applies.
 */
const SETTING_LIMITS: [keyof ExperimentSettings, string, number, boolean][] = [
  ['epochs', 'Epochs', 1, true],
  ['batchSize', 'Batch size', 1, true],
  ['patience', 'Early-stopping patience', 1, true],
  ['seed', 'Seed', 0, true],
  ['backboneLearningRateFactor', 'Backbone rate ÷ head rate', 0, false],
];

/** Returns a message naming the first invalid setting, or null. */
export function invalidSettingMessage(
  settings: ExperimentSettings,
): string | null {
  for (const [name, label, minimum, integer] of SETTING_LIMITS) {
    const value = settings[name] as number;
    if (
      Number.isFinite(value) &&
      value >= minimum &&
      (!integer || Number.isInteger(value))
    )
      continue;
    const kind = integer ? 'a whole number' : 'a number';
    return `"${label}" is ${value}; set it to ${kind} of at least ${minimum} and click Train again.`;
  }
  const rate = settings.learningRate;
  if (!(rate > 0 && rate <= 1)) {
    return `"Learning rate (head)" is ${rate}; set it above 0 and at most 1 (0.001 is the default) and click Train again.`;
  }
  return null;
}

/**
 * Returns a message when two chosen sets have the same name, or null. Each
 * set's name becomes its class name, and the engine rejects duplicates.
 */
export function duplicateNameMessage(
  state: AppState,
  ids: readonly string[],
): string | null {
  const names = ids.map(
    (id) => state.sets.find((s) => s.id === id)?.summary.name ?? '',
  );
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate === undefined) return null;
  const count = names.filter((n) => n === duplicate).length;
  return (
    `Each class needs its own name, but ${count} selected sets are named ` +
    `"${duplicate}". Rename the copies on the Data page ("rename" next to ` +
    `a set's name), or untick all but one "${duplicate}" under "Classes" ` +
    'on this page.'
  );
}

/** Builds the request, or returns a message saying what is missing. */
function buildRequest(state: AppState): TrainingRequest | string {
  const ids = chosenSetIds(state);
  if (ids.length < 2) {
    const action =
      state.sets.length >= 2
        ? 'Tick another class under "Classes" on this page'
        : 'Load another set on the Data page (for example the WW and WZ samples)';
    return (
      `Fine-tuning needs at least two classes, one loaded set each; ` +
      `${ids.length} ${ids.length === 1 ? 'is' : 'are'} selected. ${action}.`
    );
  }
  const duplicateMessage = duplicateNameMessage(state, ids);
  if (duplicateMessage) return duplicateMessage;
  const settingMessage = invalidSettingMessage(state.training.settings);
  if (settingMessage) return settingMessage;
  const model = state.models.entries.find(
    (m) => m.info.id === state.training.modelId,
  );
  if (!model) {
    return `The model "${state.training.modelId}" is not loaded. Pick another one or load it on the Models page.`;
  }
  const classes = ids.map((id) => {
    const loaded = state.sets.find((s) => s.id === id)!;
    return { name: loaded.summary.name, set: getSet(id)! };
  });
  const missing = classes.find((c) => !c.set);
  if (missing) {
    return `The events of "${missing.name}" are no longer in memory. Load the set again on the Data page.`;
  }
  return {
    parentModelId: model.info.id,
    classes,
    settings: state.training.settings,
  };
}

/** Trains both runs; a second call while one runs is rejected politely. */
export async function startTraining(store: StoreApi<AppState>): Promise<void> {
  const state = store.getState();
  if (
    state.training.status === 'running' ||
    state.training.status === 'cancelling'
  ) {
    state.updateTraining({
      message:
        'A training is already running. Wait for it to finish or cancel it first.',
    });
    return;
  }
  const request = buildRequest(state);
  if (typeof request === 'string') {
    state.updateTraining({ message: request });
    return;
  }
  forgetLastTraining();
  state.updateTraining({
    status: 'running',
    activeRun: 'pretrained',
    progress: { pretrained: null, scratch: null },
    history: { pretrained: [], scratch: [] },
    startedAt: Date.now(),
    outcome: null,
    removedModels: [],
    message: null,
  });
  const onProgress = Comlink.proxy((progress: ExperimentProgress) => {
    store.getState().recordProgress(progress);
  });
  let result;
  markTrainingRunning(true);
  try {
    result = await engineWorker().runExperiment(request, onProgress);
  } catch (error) {
    result = {
      ok: false as const,
      error: {
        code: 'internal' as const,
        message: `The engine worker failed during training (${String(error)}). Reload the page and try again.`,
      },
    };
  }
  markTrainingRunning(false);
  if (!result.ok) {
    // The engine rejects a request because of the page's choices, so its
    // message goes once beside the Train button. Other failures go to the
    // error panel, which shows their code and details.
    const rejected = result.error.code === 'engine/invalid-request';
    store.getState().updateTraining({
      status: 'failed',
      activeRun: null,
      message: rejected
        ? `Training failed: ${result.error.message}`
        : 'Training failed; the error panel at the top of the page says why.',
    });
    if (!rejected) store.getState().showError(result.error);
    return;
  }
  const outcome = result.value;
  const cancelled = outcome.result.status === 'cancelled';
  store.getState().updateTraining({
    status: cancelled ? 'cancelled' : 'done',
    activeRun: null,
    outcome,
    message: cancelled ? cancelledMessage(outcome.result) : null,
  });
  saveLastTraining(store.getState().training);
  for (const info of outcome.models) await saveModel(store, info, 'trained');
}

/** Session storage key set while a training runs, to notice a reload. */
const RUNNING_KEY = 'eventlens.training-running';

function markTrainingRunning(running: boolean): void {
  try {
    if (running) sessionStorage.setItem(RUNNING_KEY, String(Date.now()));
    else sessionStorage.removeItem(RUNNING_KEY);
  } catch {
    // Storage may be unavailable (private mode); the notice is a courtesy.
  }
}

/**
 * Tells the user when the previous page load ended in the middle of a
 * training: a reload stops the engine worker, and the run is lost.
 */
export function reportInterruptedTraining(store: StoreApi<AppState>): void {
  let startedAt: string | null;
  try {
    startedAt = sessionStorage.getItem(RUNNING_KEY);
    sessionStorage.removeItem(RUNNING_KEY);
  } catch {
    return;
  }
  if (startedAt === null) return;
  store.getState().showError({
    code: 'engine/cancelled',
    message:
      'The page was reloaded during a training, which stopped it. Loaded ' +
      'sets and saved models are kept; start the training again on the ' +
      'Fine-tune page.',
  });
}

function cancelledMessage(
  result: NonNullable<AppState['training']['outcome']>['result'],
): string {
  const labels = { pretrained: 'Pretrained', scratch: 'From scratch' };
  const parts = (['pretrained', 'scratch'] as const).map((name) => {
    const run = result[name];
    const label = labels[name];
    if (run.status === 'not-run')
      return `${label}: not started, so not trained`;
    if (run.bestEpoch === 0)
      return `${label}: stopped before its first epoch ended, so not kept`;
    const finished = run.history.length;
    const epochs = finished === 1 ? '1 epoch' : `${finished} epochs`;
    return `${label}: stopped after ${epochs}, keeps epoch ${run.bestEpoch} (lowest validation loss)`;
  });
  return `Cancelled. ${parts.join('. ')}.`;
}

/** Asks the engine to stop between batches. */
export async function cancelTraining(store: StoreApi<AppState>): Promise<void> {
  if (store.getState().training.status !== 'running') return;
  store.getState().updateTraining({
    status: 'cancelling',
    message: 'Cancelling: the runs stop after the current batch…',
  });
  try {
    await engineWorker().cancelExperiment();
  } catch (error) {
    store.getState().updateTraining({
      message: `Couldn't reach the engine to cancel (${String(error)}). Reload the page to stop the training.`,
    });
  }
}

/** Downloads both runs' epoch histories as CSV or JSON. */
export function downloadTrainingLog(
  store: StoreApi<AppState>,
  format: 'csv' | 'json',
): void {
  const outcome = store.getState().training.outcome;
  if (!outcome) return;
  const { pretrained, scratch } = outcome.result;
  if (format === 'csv') {
    downloadFile(
      'training-log.csv',
      trainingLogCsv([pretrained, scratch]),
      'text/csv',
    );
    return;
  }
  const json = JSON.stringify(
    { ...outcome.result, modelIds: outcome.modelIds, backend: outcome.backend },
    null,
    1,
  );
  downloadFile('training-log.json', json, 'application/json');
}
