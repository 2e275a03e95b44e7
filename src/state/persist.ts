/**
 * Keeps loaded event sets across page reloads in IndexedDB. Saving is
 * best effort: a full quota or a private window leaves the page working,
 * with a message, and only persistence is lost.
 */
import type { EventSet } from '../events/eventSet';
import type { ModelFiles, ModelSource } from '../../workers/protocol';
import type { LoadedSet } from './store';

const DB_NAME = 'eventlens';
const SETS = 'sets';
const MODELS = 'models';
/** Object stores the page needs; a database missing one is upgraded. */
const STORES = [SETS, MODELS];

/** One saved record: the set's summary and its arrays. */
interface SavedSet {
  id: string;
  savedAt: number;
  loaded: LoadedSet;
  set: EventSet;
}

function openDb(version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, version);
    request.onupgradeneeded = () => {
      for (const name of STORES) {
        if (!request.result.objectStoreNames.contains(name)) {
          request.result.createObjectStore(name, { keyPath: 'id' });
        }
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      if (STORES.every((name) => db.objectStoreNames.contains(name))) {
        resolve(db);
        return;
      }
      // A database from an older page (sets only) or created elsewhere
      // lacks a store: reopen it one version up, which adds the store.
      const next = db.version + 1;
      db.close();
      openDb(next).then(resolve, reject);
    };
    request.onerror = () =>
      reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
  storeName = SETS,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(storeName, mode);
      const request = work(transaction.objectStore(storeName));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error);
      transaction.onabort = () =>
        reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** Saves a loaded set with its arrays. */
export async function saveSet(loaded: LoadedSet, set: EventSet): Promise<void> {
  const record: SavedSet = { id: loaded.id, savedAt: Date.now(), loaded, set };
  await withStore('readwrite', (store) => store.put(record));
}

/** Returns every saved set, oldest first. */
export async function loadSavedSets(): Promise<
  { loaded: LoadedSet; set: EventSet }[]
> {
  const records = await withStore<SavedSet[]>(
    'readonly',
    (store) => store.getAll() as IDBRequest<SavedSet[]>,
  );
  return records
    .sort((a, b) => a.savedAt - b.savedAt)
    .map(({ loaded, set }) => ({ loaded, set }));
}

/** Deletes one saved set. */
export async function deleteSavedSet(id: string): Promise<void> {
  await withStore('readwrite', (store) => store.delete(id));
}

/** Deletes every saved set. */
export async function clearSavedSets(): Promise<void> {
  await withStore('readwrite', (store) => store.clear());
}

// ---- Saved models: model.json text and weight shards, by model id.

/** One saved model record: its info and its files. */
export interface SavedModel {
  id: string;
  savedAt: number;
  /** Origin of the model before it was saved. */
  origin: ModelSource;
  files: ModelFiles;
}

/** Saves a model's files under its id, replacing an older copy. */
export async function saveModelFiles(record: SavedModel): Promise<void> {
  await withStore('readwrite', (store) => store.put(record), MODELS);
}

/** Returns every saved model, oldest first. */
export async function loadSavedModels(): Promise<SavedModel[]> {
  const records = await withStore<SavedModel[]>(
    'readonly',
    (store) => store.getAll() as IDBRequest<SavedModel[]>,
    MODELS,
  );
  return records.sort((a, b) => a.savedAt - b.savedAt);
}

/** Deletes one saved model. */
export async function deleteSavedModel(id: string): Promise<void> {
  await withStore('readwrite', (store) => store.delete(id), MODELS);
}
