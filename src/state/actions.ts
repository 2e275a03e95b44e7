/**
 * What the page does in response to the user: each action talks to a
 * worker and records the outcome in the store. Actions never throw; a
 * failure becomes an entry in the error panel and nothing loaded is lost.
 */
import * as Comlink from 'comlink';
import type { StoreApi } from 'zustand/vanilla';
import { createLogger } from '../core/log';
import { BACKEND_ORDER, type BackendName } from '../../workers/protocol';
import { forgetSet, registerSet } from './registry';
import type { EventSet } from '../events/eventSet';
import {
  clearSavedSets,
  deleteSavedSet,
  loadSavedSets,
  saveSet,
} from './persist';
import type { AppState, LoadedSet } from './store';
import { engineWorker, ioWorker } from './workers';

const log = createLogger('page');

/** Local storage key of the backend setting. */
export const BACKEND_SETTING_KEY = 'eventlens.backend';

/** Reads the forced backend from `?backend=` or the saved setting. */
export function requestedBackend(): BackendName | undefined {
  const fromUrl = new URLSearchParams(location.search).get('backend');
  const value = fromUrl ?? localStorage.getItem(BACKEND_SETTING_KEY);
  return BACKEND_ORDER.find((b) => b === value);
}

/** Starts, or switches, the engine's backend. */
export async function startEngine(
  store: StoreApi<AppState>,
  override = requestedBackend(),
): Promise<void> {
  store.getState().setEngine({ status: 'starting', requested: override });
  let result;
  try {
    result = await engineWorker().init({ override });
  } catch (error) {
    log.error('the engine worker failed', error);
    result = {
      ok: false as const,
      error: {
        code: 'engine/backend-failed' as const,
        message: `Couldn't start the compute engine (${String(error)}). Reload the page; if it persists, try another browser.`,
      },
    };
  }
  if (result.ok) {
    store.getState().setEngine({
      status: 'ready',
      requested: override,
      report: result.value,
    });
  } else {
    store.getState().setEngine({ status: 'failed', requested: override });
    store.getState().showError(result.error);
  }
}

let setCounter = 0;

/** Returns an id that stays unique across reloads, for saved sets. */
function newSetId(): string {
  return `set-${Date.now().toString(36)}-${setCounter++}`;
}

const retryFiles = new Map<string, Blob>();

/** Parses a file in the io worker and adds it as a set. */
export async function loadFile(
  store: StoreApi<AppState>,
  file: Blob,
  fileName: string,
  options: { skipInvalidRows?: boolean; origin?: 'file' | 'sample' } = {},
): Promise<string | undefined> {
  const id = newSetId();
  const state = store.getState();
  state.startLoad({ id, fileName, fraction: 0 });
  try {
    const onProgress = Comlink.proxy((fraction: number) => {
      store.getState().updateLoad(id, fraction);
    });
    const result = await ioWorker().importFile(
      file,
      fileName,
      { skipInvalidRows: options.skipInvalidRows },
      onProgress,
    );
    if (!result.ok) {
      const canSkipInvalid =
        result.error.code === 'io/invalid-value' && !options.skipInvalidRows;
      const errorId = store
        .getState()
        .showError({ ...result.error, fileName, canSkipInvalid });
      if (canSkipInvalid) retryFiles.set(errorId, file);
      return undefined;
    }
    const loaded: LoadedSet = {
      id,
      summary: result.value.summary,
      origin: options.origin ?? 'file',
    };
    registerSet(id, result.value.set);
    store.getState().addSet(loaded);
    void persist(store, loaded, result.value.set);
    return id;
  } catch (error) {
    log.error(`loading ${fileName} failed`, error);
    store.getState().showError({
      code: 'internal',
      message: `Couldn't load ${fileName}: the io worker failed (${String(error)}). Reload the page and try again.`,
      fileName,
    });
    return undefined;
  } finally {
    store.getState().finishLoad(id);
  }
}

/** Loads the file behind an error again, skipping its invalid rows. */
export async function retrySkippingInvalid(
  store: StoreApi<AppState>,
  errorId: string,
): Promise<void> {
  const error = store.getState().errors.find((e) => e.id === errorId);
  const file = retryFiles.get(errorId);
  if (!error?.fileName || !file) return;
  retryFiles.delete(errorId);
  store.getState().dismissError(errorId);
  await loadFile(store, file, error.fileName, { skipInvalidRows: true });
}

/** A bundled sample listed in `samples/index.json`. */
export interface SampleEntry {
  id: string;
  file: string;
  title: string;
  format?: string;
  events?: number;
  description?: string;
}

/** Reads the list of bundled samples. */
export async function listSamples(): Promise<SampleEntry[]> {
  const response = await fetch(`${import.meta.env.BASE_URL}samples/index.json`);
  if (!response.ok) return [];
  const manifest = (await response.json()) as
    SampleEntry[] | { samples: SampleEntry[] };
  return Array.isArray(manifest) ? manifest : manifest.samples;
}

/** Loads a bundled sample from the page's own server. */
export async function loadSample(
  store: StoreApi<AppState>,
  sample: SampleEntry,
): Promise<string | undefined> {
  const response = await fetch(
    `${import.meta.env.BASE_URL}samples/${sample.file}`,
  );
  if (!response.ok) {
    store.getState().showError({
      code: 'io/read-failed',
      message: `Couldn't fetch the bundled sample ${sample.file} (HTTP ${response.status}). Reload the page.`,
      fileName: sample.file,
    });
    return undefined;
  }
  return loadFile(store, await response.blob(), sample.file, {
    origin: 'sample',
  });
}

/** Removes a set from the page and from the saved sets. */
export function removeSet(store: StoreApi<AppState>, id: string): void {
  store.getState().removeSet(id);
  forgetSet(id);
  deleteSavedSet(id).catch((error: unknown) => {
    log.warn(`could not delete saved set ${id}`, error);
  });
}

/** Removes every set from the page and clears the saved sets. */
export async function clearAllSets(store: StoreApi<AppState>): Promise<void> {
  for (const set of store.getState().sets) {
    store.getState().removeSet(set.id);
    forgetSet(set.id);
  }
  try {
    await clearSavedSets();
  } catch (error) {
    log.warn('could not clear saved sets', error);
  }
}

async function persist(
  store: StoreApi<AppState>,
  loaded: LoadedSet,
  set: EventSet,
): Promise<void> {
  try {
    await saveSet(loaded, set);
  } catch (error) {
    store.getState().showError({
      code: 'internal',
      message:
        `${loaded.summary.name} is loaded but could not be saved for the ` +
        `next visit (${String(error)}). It stays until you close the tab; ` +
        'remove other sets to free browser storage.',
    });
  }
}

/** Puts the sets saved on an earlier visit back on the page. */
export async function restoreSavedSets(
  store: StoreApi<AppState>,
): Promise<void> {
  try {
    for (const { loaded, set } of await loadSavedSets()) {
      registerSet(loaded.id, set);
      store.getState().addSet(loaded);
    }
  } catch (error) {
    log.warn('could not restore saved sets', error);
  }
}
