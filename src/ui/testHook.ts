import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../state/store';
import { engineWorker } from '../state/workers';
import type {
  BenchmarkRow,
  ModelBenchmarkRequest,
  Result,
} from '../../workers/protocol';

/** State snapshot that end-to-end tests read instead of pixels. */
export interface TestHook {
  /** A plain snapshot of the store's data (no functions). */
  state(): Pick<
    AppState,
    'engine' | 'sets' | 'loads' | 'errors' | 'training' | 'models'
  >;
  /** Live tensors in the engine worker, for leak checks. */
  tensorCount(): Promise<number>;
  /** Runs the engine's throughput benchmark, for `npm run bench:model`. */
  benchmarkModel(
    request: ModelBenchmarkRequest,
  ): Promise<Result<BenchmarkRow[]>>;
}

declare global {
  interface Window {
    __eventlens?: TestHook;
  }
}

/** Exposes the store snapshot on `window.__eventlens` for tests. */
export function installTestHook(store: StoreApi<AppState>): void {
  window.__eventlens = {
    state: () => {
      const { engine, sets, loads, errors, training, models } =
        store.getState();
      return structuredClone({
        engine,
        sets,
        loads,
        errors,
        training,
        models,
      });
    },
    tensorCount: () => engineWorker().tensorCount(),
    benchmarkModel: (request) => engineWorker().benchmarkModel(request),
  };
}
