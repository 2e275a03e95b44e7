/**
 * The training and models slices of the page's store: the Fine-tune
 * page's form, live progress and result, and the models the engine has
 * loaded. Composed into the one store by `createAppStore`.
 */
import type { StoreApi } from 'zustand/vanilla';
import type {
  ModelInfo,
  ModelSource,
  TrainingOutcome,
} from '../../workers/protocol';
import type { ExperimentProgress } from '../train/experiment';
import {
  DEFAULT_SETTINGS,
  type ExperimentSettings,
} from '../train/experimentSettings';
import type { RunEpoch, RunName } from '../train/experimentSummary';
import type { TrainProgress } from '../train/trainer';

/** Lifecycle of a training on the Fine-tune page. */
export type TrainingStatus =
  'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

/** The Fine-tune page's state. */
export interface TrainingState {
  status: TrainingStatus;
  settings: ExperimentSettings;
  /** Model to fine-tune. */
  modelId: string;
  /** Loaded sets chosen as classes; empty means every loaded set. */
  setIds: string[];
  /** Run now training. */
  activeRun: RunName | null;
  progress: Record<RunName, TrainProgress | null>;
  history: Record<RunName, RunEpoch[]>;
  /** `Date.now()` when the training started. */
  startedAt: number | null;
  outcome: TrainingOutcome | null;
  /** Ids of the outcome's models deleted since, on the Models page. */
  removedModels: string[];
  /** One line for the status bar, e.g. why the runs stopped. */
  message: string | null;
}

/** A loaded model and whether this browser keeps a copy. */
export interface ModelEntry {
  info: ModelInfo;
  /** True when a copy is kept in this browser's IndexedDB. */
  saved: boolean;
  /** Original source of the model, kept when it is saved and restored. */
  origin: ModelSource;
}

/** The models page's state. */
export interface ModelsState {
  entries: ModelEntry[];
  /** Loading state of the bundled pretrained model. */
  bundled: 'loading' | 'ready' | 'missing';
}

/** State and actions of the training and models slices. */
export interface TrainingSlice {
  training: TrainingState;
  models: ModelsState;
  updateTraining(patch: Partial<TrainingState>): void;
  updateSettings(patch: Partial<ExperimentSettings>): void;
  recordProgress(progress: ExperimentProgress): void;
  upsertModel(entry: ModelEntry): void;
  dropModel(id: string): void;
  setBundled(bundled: ModelsState['bundled']): void;
}

/** Returns the idle training state with default settings. */
export function initialTraining(): TrainingState {
  return {
    status: 'idle',
    settings: { ...DEFAULT_SETTINGS },
    modelId: 'pretrained',
    setIds: [],
    activeRun: null,
    progress: { pretrained: null, scratch: null },
    history: { pretrained: [], scratch: [] },
    startedAt: null,
    outcome: null,
    removedModels: [],
    message: null,
  };
}

type SetState = StoreApi<TrainingSlice>['setState'];

/** Creates the slices; `set` is the whole store's setter. */
export function createTrainingSlice(set: SetState): TrainingSlice {
  return {
    training: initialTraining(),
    models: { entries: [], bundled: 'loading' },
    updateTraining: (patch) =>
      set((s) => ({ training: { ...s.training, ...patch } })),
    updateSettings: (patch) =>
      set((s) => ({
        training: {
          ...s.training,
          settings: { ...s.training.settings, ...patch },
        },
      })),
    recordProgress: ({ run, progress, epoch }) =>
      set((s) => {
        const t = s.training;
        const history = epoch
          ? { ...t.history, [run]: [...t.history[run], epoch] }
          : t.history;
        return {
          training: {
            ...t,
            activeRun: run,
            progress: { ...t.progress, [run]: progress },
            history,
          },
        };
      }),
    upsertModel: (entry) =>
      set((s) => {
        const others = s.models.entries.filter(
          (e) => e.info.id !== entry.info.id,
        );
        return { models: { ...s.models, entries: [...others, entry] } };
      }),
    dropModel: (id) =>
      set((s) => {
        const ids = Object.values(s.training.outcome?.modelIds ?? {});
        const removed =
          ids.includes(id) && !s.training.removedModels.includes(id);
        return {
          models: {
            ...s.models,
            entries: s.models.entries.filter((e) => e.info.id !== id),
          },
          training: removed
            ? {
                ...s.training,
                removedModels: [...s.training.removedModels, id],
              }
            : s.training,
        };
      }),
    setBundled: (bundled) => set((s) => ({ models: { ...s.models, bundled } })),
  };
}
