/**
 * Keeps loaded event sets across page reloads in IndexedDB. Saving is
 * best effort: a full quota or a private window leaves the page working,
 * with a message, and only persistence is lost.
 */
import type { EventSet } from '../events/eventSet';
import type { LoadedSet } from './store';

const DB_NAME = 'eventlens';
const SETS = 'sets';

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
      if (!request.result.objectStoreNames.contains(SETS)) {
        request.result.createObjectStore(SETS, { keyPath: 'id' });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      if (db.objectStoreNames.contains(SETS)) {
        resolve(db);
        return;
      }
      // A database created elsewhere without our store: upgrade it.
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
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(SETS, mode);
      const request = work(transaction.objectStore(SETS));
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
