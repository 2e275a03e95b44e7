/**
 * UI state in one zustand store, in slices. Actions are plain functions on
 * the store so that worker adapters can call them without React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorInfo } from '../core/errors';
import type {
  BackendName,
  BackendReport,
  SetSummary,
} from '../../workers/protocol';
import { createTrainingSlice, type TrainingSlice } from './trainingStore';

/** The engine worker's state as the page shows it. */
export interface EngineState {
  status: 'starting' | 'ready' | 'failed';
  /** Backend forced by the URL or the setting, if any. */
  requested?: BackendName;
  report?: BackendReport;
}

/** A loaded event set; its arrays live in the set registry under `id`. */
export interface LoadedSet {
  id: string;
  summary: SetSummary;
  /** Where it came from: a dropped file or a bundled sample. */
  origin: 'file' | 'sample';
  /**
   * Rank of the request that loaded it, increasing with time, so that sets
   * are listed in the order their files were given even when a small file
   * finishes first. Missing on sets saved by older versions.
   */
  order?: number;
}

/** A file being read by the io worker. */
export interface PendingLoad {
  id: string;
  fileName: string;
  fraction: number;
}

/** An error shown in the error panel. */
export interface ShownError extends ErrorInfo {
  id: string;
  /** File the error is about, when it came from an import. */
  fileName?: string;
  /** True when loading again while skipping invalid rows may succeed. */
  canSkipInvalid?: boolean;
}

export interface AppState extends TrainingSlice {
  engine: EngineState;
  sets: LoadedSet[];
  loads: PendingLoad[];
  errors: ShownError[];
  setEngine(engine: EngineState): void;
  addSet(set: LoadedSet): void;
  removeSet(id: string): void;
  startLoad(load: PendingLoad): void;
  updateLoad(id: string, fraction: number): void;
  finishLoad(id: string): void;
  showError(error: Omit<ShownError, 'id'>): string;
  dismissError(id: string): void;
}

let nextErrorId = 1;

/**
 * Returns `sets` with `loaded` placed before the first set of a later
 * request. A set without `order` goes to the end.
 */
function insertInOrder(
  sets: readonly LoadedSet[],
  loaded: LoadedSet,
): LoadedSet[] {
  const order = loaded.order;
  const at =
    order === undefined
      ? -1
      : sets.findIndex((s) => s.order !== undefined && s.order > order);
  if (at < 0) return [...sets, loaded];
  return [...sets.slice(0, at), loaded, ...sets.slice(at)];
}

/** Creates a fresh store; the page uses one, each test its own. */
export function createAppStore(): StoreApi<AppState> {
  return createStore<AppState>()((set) => ({
    ...createTrainingSlice(set),
    engine: { status: 'starting' },
    sets: [],
    loads: [],
    errors: [],
    setEngine: (engine) => set({ engine }),
    addSet: (loaded) => set((s) => ({ sets: insertInOrder(s.sets, loaded) })),
    removeSet: (id) =>
      set((s) => ({ sets: s.sets.filter((x) => x.id !== id) })),
    startLoad: (load) => set((s) => ({ loads: [...s.loads, load] })),
    updateLoad: (id, fraction) =>
      set((s) => ({
        loads: s.loads.map((l) => (l.id === id ? { ...l, fraction } : l)),
      })),
    finishLoad: (id) =>
      set((s) => ({ loads: s.loads.filter((l) => l.id !== id) })),
    showError: (error) => {
      const id = `error-${nextErrorId++}`;
      set((s) => ({ errors: [...s.errors, { ...error, id }] }));
      return id;
    },
    dismissError: (id) =>
      set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
  }));
}
