/**
 * Keeps the last fine-tuning result (curves, tables, ROC curves,
 * confusion matrices) in local storage, so that the Fine-tune page shows
 * it again after a reload. The trained models themselves are saved in
 * IndexedDB with the other models (Models page).
 */

import type { StoreApi } from 'zustand';
import { createLogger } from '../core/log';
import type { RocCurve } from '../analysis/metrics';
import type { TrainingOutcome } from '../../workers/protocol';
import type { RunSummary } from '../train/experimentSummary';
import type { AppState } from './store';
import type { TrainingState } from './trainingStore';

const log = createLogger('page');

/** Local storage key of the saved result. */
const KEY = 'eventlens.last-training';
/** Format version; a saved result of another version is dropped. */
const VERSION = 1;
/**
 * Points kept per ROC curve. A 12-class result on 6,000 test events has
 * 24 curves of up to 6,000 points each, about 8 MB of JSON, which is more
 * than browsers usually allow in local storage (5 MB). A plot of 400
 * points looks the same.
 */
const ROC_POINTS = 400;

/** The parts of the training state that are saved. */
type SavedFields = Pick<
  TrainingState,
  'status' | 'settings' | 'modelId' | 'setIds' | 'history' | 'startedAt'
> & {
  outcome: TrainingOutcome;
  message: string | null;
  /** Missing in results saved before models could be deleted from them. */
  removedModels?: string[];
};

interface SavedTraining {
  version: number;
  savedAt: number;
  training: SavedFields;
}

/** Encodes NaN and ±∞ as text, since JSON has none (ROC thresholds start at +∞). */
function encodeNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value)
    ? String(value)
    : value;
}

/** Decodes what `encodeNumber` wrote. */
function decodeNumber(_key: string, value: unknown): unknown {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}

/** Returns `curve` with at most ROC_POINTS points, first and last kept. */
export function thinRocCurve(curve: RocCurve, points = ROC_POINTS): RocCurve {
  const n = curve.falsePositiveRate.length;
  if (n <= points) return curve;
  const indices = Array.from({ length: points }, (_, i) =>
    Math.round((i * (n - 1)) / (points - 1)),
  );
  return {
    falsePositiveRate: indices.map((i) => curve.falsePositiveRate[i]!),
    truePositiveRate: indices.map((i) => curve.truePositiveRate[i]!),
    thresholds: indices.map((i) => curve.thresholds[i]!),
  };
}

function thinRun(run: RunSummary): RunSummary {
  if (!run.test) return run;
  return {
    ...run,
    test: { ...run.test, roc: run.test.roc.map((c) => thinRocCurve(c)) },
  };
}

/** Saves the finished or cancelled training's result (no-op without one). */
export function saveLastTraining(training: TrainingState): void {
  const { outcome } = training;
  if (!outcome) return;
  const { result } = outcome;
  const saved: SavedTraining = {
    version: VERSION,
    savedAt: Date.now(),
    training: {
      status: training.status,
      settings: training.settings,
      modelId: training.modelId,
      setIds: training.setIds,
      history: training.history,
      startedAt: training.startedAt,
      message: training.message,
      removedModels: training.removedModels,
      outcome: {
        ...outcome,
        result: {
          ...result,
          pretrained: thinRun(result.pretrained),
          scratch: thinRun(result.scratch),
        },
      },
    },
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(saved, encodeNumber));
  } catch (error) {
    // Full or unavailable storage (private mode): the result stays on the
    // page until the next reload, as before.
    log.warn('could not keep the training result for a reload', error);
  }
}

/** Drops the saved result, when a new training starts. */
export function forgetLastTraining(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was saved where storage is unavailable.
  }
}

/** Puts a result saved before the reload back on the Fine-tune page. */
export function restoreLastTraining(store: StoreApi<AppState>): void {
  let text: string | null;
  try {
    text = localStorage.getItem(KEY);
  } catch {
    return;
  }
  if (text === null) return;
  let saved: SavedTraining | null;
  try {
    saved = JSON.parse(text, decodeNumber) as SavedTraining;
  } catch {
    saved = null;
  }
  const outcome = saved?.training?.outcome;
  if (
    !saved ||
    saved.version !== VERSION ||
    !outcome?.result?.pretrained ||
    !outcome.result.scratch
  ) {
    log.warn('dropped an unreadable saved training result');
    forgetLastTraining();
    return;
  }
  const when = new Date(saved.savedAt).toLocaleString('en');
  const note = `Results of the training that ended ${when}, kept across the reload.`;
  const { message, ...fields } = saved.training;
  store.getState().updateTraining({
    ...fields,
    removedModels: fields.removedModels ?? [],
    activeRun: null,
    progress: { pretrained: null, scratch: null },
    message: message ? `${note} ${message}` : note,
  });
}
