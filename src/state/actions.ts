/**
 * What the page does in response to the user: each action talks to a
 * worker and records the outcome in the store. Actions never throw; a
 * failure becomes an entry in the error panel and nothing loaded is lost.
 */
import * as Comlink from 'comlink';
import type { StoreApi } from 'zustand/vanilla';
import { createLogger } from '../core/log';
import {
  BACKEND_ORDER,
  type BackendName,
  type ImportRequest,
  type Result,
} from '../../workers/protocol';
import type { RootTreeListing } from '../events/root/importRoot';
import { forgetSet, getSet, registerSet } from './registry';
import type { EventSet } from '../events/eventSet';
import {
  clearSavedSets,
  deleteSavedSet,
  loadSavedSets,
  saveSet,
} from './persist';
import type { AppState, LoadedSet } from './store';
import { markImportReading } from './interruptedImports';
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

/**
 * Reads the WASM thread count from `?threads=` (1 to 8), for benchmarks and
 * for machines whose logical cores are hyperthreads. Returns undefined when
 * the parameter is missing or out of range.
 */
export function requestedWasmThreads(): number | undefined {
  const value = Number(new URLSearchParams(location.search).get('threads'));
  return Number.isInteger(value) && value >= 1 && value <= 8
    ? value
    : undefined;
}

/** Starts, or switches, the engine's backend. */
export async function startEngine(
  store: StoreApi<AppState>,
  override = requestedBackend(),
): Promise<void> {
  store.getState().setEngine({ status: 'starting', requested: override });
  let result;
  try {
    result = await engineWorker().init({
      override,
      wasmThreads: requestedWasmThreads(),
    });
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

/** Returns a rank that grows with every call, also across reloads. */
function requestOrder(): number {
  return Date.now() * 1000 + (setCounter++ % 1000);
}

/** Returns an id that stays unique across reloads, for saved sets. */
function newSetId(): string {
  return `set-${Date.now().toString(36)}-${setCounter++}`;
}

/** A file kept in this tab so that it can be imported again, changed. */
interface KeptFile {
  file: Blob;
  fileName: string;
  request: ImportRequest;
  origin: 'file' | 'sample';
}

// Files behind loaded sets (by set id) and behind errors that a changed
// request may fix (by error id). They last until the tab closes, so a set
// restored after a reload cannot be imported again.
const keptFiles = new Map<string, KeptFile>();

/** Error codes that a changed import request can fix. */
const FIXABLE = new Set([
  'io/invalid-value',
  'io/unsupported-layout',
  'io/too-large',
]);

/** Options of `loadFile`. */
export interface LoadOptions {
  skipInvalidRows?: boolean;
  origin?: 'file' | 'sample';
  /** Import options beyond `skipInvalidRows`. */
  request?: ImportRequest;
  /** Id of a set that the new import replaces in place. */
  replaceId?: string;
  /** Rank of the request, when it was made before this call (a fetch). */
  order?: number;
}

/** Parses a file in the io worker and adds it as a set. */
export async function loadFile(
  store: StoreApi<AppState>,
  file: Blob,
  fileName: string,
  options: LoadOptions = {},
): Promise<string | undefined> {
  const id = options.replaceId ?? newSetId();
  // A replacement keeps the place and the name of the set it replaces
  // (the name may have been changed on the page).
  const replaced = options.replaceId
    ? store.getState().sets.find((s) => s.id === options.replaceId)
    : undefined;
  const order = options.replaceId
    ? replaced?.order
    : (options.order ?? requestOrder());
  const origin = options.origin ?? 'file';
  const request: ImportRequest = { ...options.request };
  if (options.skipInvalidRows) request.skipInvalidRows = true;
  const loadId = `${id}-load-${setCounter++}`;
  store.getState().startLoad({ id: loadId, fileName, fraction: 0 });
  markImportReading(fileName, true);
  try {
    const onProgress = Comlink.proxy((fraction: number) => {
      store.getState().updateLoad(loadId, fraction);
    });
    const result = await ioWorker().importFile(
      file,
      fileName,
      request,
      onProgress,
    );
    const kept = { file, fileName, request, origin };
    if (!result.ok) {
      const canSkipInvalid =
        result.error.code === 'io/invalid-value' && !request.skipInvalidRows;
      const errorId = store
        .getState()
        .showError({ ...result.error, fileName, canSkipInvalid });
      if (FIXABLE.has(result.error.code)) {
        keptFiles.set(errorId, kept);
        // Render again, so that the page finds the kept file and offers a fix.
        store.setState((state) => ({ errors: [...state.errors] }));
      }
      return undefined;
    }
    const name = replaced?.summary.name ?? result.value.summary.name;
    const loaded: LoadedSet = {
      id,
      summary: { ...result.value.summary, name },
      origin,
      order,
    };
    result.value.set.name = name;
    registerSet(id, result.value.set);
    keptFiles.set(id, kept);
    if (options.replaceId) replaceSet(store, loaded);
    else store.getState().addSet(loaded);
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
    markImportReading(fileName, false);
    store.getState().finishLoad(loadId);
  }
}

function replaceSet(store: StoreApi<AppState>, loaded: LoadedSet): void {
  store.setState((state) => ({
    sets: state.sets.map((set) => (set.id === loaded.id ? loaded : set)),
  }));
}

/** Loads the file behind an error again, skipping its invalid rows. */
export async function retrySkippingInvalid(
  store: StoreApi<AppState>,
  errorId: string,
): Promise<void> {
  await retryImport(store, errorId, { skipInvalidRows: true });
}

/** Returns the file and request behind an error or a set, if kept. */
export function keptImport(id: string): KeptFile | undefined {
  return keptFiles.get(id);
}

/** Imports the file behind an error again with a changed request. */
export async function retryImport(
  store: StoreApi<AppState>,
  errorId: string,
  change: ImportRequest,
): Promise<string | undefined> {
  const kept = keptFiles.get(errorId);
  if (!kept) return undefined;
  keptFiles.delete(errorId);
  store.getState().dismissError(errorId);
  const request = { ...kept.request, ...change };
  return loadFile(store, kept.file, kept.fileName, {
    origin: kept.origin,
    request,
  });
}

/**
 * Imports a loaded set's file again with a changed request and replaces
 * the set in place. On failure the old set stays and the error shows.
 */
export async function reimportSet(
  store: StoreApi<AppState>,
  setId: string,
  change: ImportRequest,
): Promise<void> {
  const kept = keptFiles.get(setId);
  if (!kept) return;
  await loadFile(store, kept.file, kept.fileName, {
    origin: kept.origin,
    request: { ...kept.request, ...change },
    replaceId: setId,
  });
}

/** Lists the trees of a kept ROOT file for the mapping dialog. */
export async function listKeptTrees(
  id: string,
): Promise<Result<RootTreeListing[]>> {
  const kept = keptFiles.get(id);
  if (!kept) {
    return {
      ok: false,
      error: {
        code: 'io/read-failed',
        message:
          'The file is no longer in this tab (it was loaded before a ' +
          'reload). Load it again to choose its branches.',
      },
    };
  }
  return ioWorker().listRootTrees(kept.file, kept.fileName);
}

/**
 * Renames a set, in the page and in the saved copy. The name is also its
 * class name on the Fine-tune page, so renaming distinguishes two copies
 * of a sample. An empty name is ignored.
 */
export function renameSet(
  store: StoreApi<AppState>,
  setId: string,
  name: string,
): void {
  const loaded = store.getState().sets.find((s) => s.id === setId);
  const set = getSet(setId);
  const trimmed = name.trim();
  if (!loaded || !set || trimmed === '') return;
  // A file's single class carries the file's name; it follows the set's.
  const { summary } = loaded;
  const followsSet =
    set.classNames.length === 1 && set.classNames[0] === set.name;
  set.name = trimmed;
  if (followsSet) set.classNames[0] = trimmed;
  const renamed: LoadedSet = {
    ...loaded,
    summary: followsSet
      ? {
          ...summary,
          name: trimmed,
          eventsByClass: summary.eventsByClass.map((row) => ({
            ...row,
            name: trimmed,
          })),
          histograms: { ...summary.histograms, classNames: [trimmed] },
        }
      : { ...summary, name: trimmed },
  };
  replaceSet(store, renamed);
  void persist(store, renamed, set);
}

/** Renames class `index` of a set, in the page and in the saved copy. */
export function renameClass(
  store: StoreApi<AppState>,
  setId: string,
  index: number,
  name: string,
): void {
  const loaded = store.getState().sets.find((s) => s.id === setId);
  const set = getSet(setId);
  const trimmed = name.trim();
  if (!loaded || !set || trimmed === '' || !set.classNames[index]) return;
  set.classNames[index] = trimmed;
  const { summary } = loaded;
  const renamed: LoadedSet = {
    ...loaded,
    summary: {
      ...summary,
      eventsByClass: summary.eventsByClass.map((row, i) =>
        i === index ? { ...row, name: trimmed } : row,
      ),
      histograms: { ...summary.histograms, classNames: [...set.classNames] },
    },
  };
  replaceSet(store, renamed);
  void persist(store, renamed, set);
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
  request: ImportRequest = {},
): Promise<string | undefined> {
  // Ranked at the click, so a slower fetch does not reorder the sets.
  const order = requestOrder();
  let blob: Blob;
  try {
    const response = await fetch(
      `${import.meta.env.BASE_URL}samples/${sample.file}`,
    );
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    blob = await response.blob();
  } catch (error) {
    // The page's own server stopped or the tab went offline.
    log.warn(`fetching sample ${sample.file} failed`, error);
    store.getState().showError({
      code: 'io/read-failed',
      message: `Couldn't fetch the bundled sample ${sample.file} (${String(error)}). Reload the page.`,
      fileName: sample.file,
    });
    return undefined;
  }
  return loadFile(store, blob, sample.file, {
    origin: 'sample',
    request,
    order,
  });
}

/** Removes a set from the page and from the saved sets. */
export function removeSet(store: StoreApi<AppState>, id: string): void {
  store.getState().removeSet(id);
  forgetSet(id);
  keptFiles.delete(id);
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
