/**
 * Notices files whose import a reload cut off. The names of files being
 * read are kept in session storage until each read ends. Names still there
 * when the page starts were lost with the previous page.
 */

import type { StoreApi } from 'zustand';
import type { AppState } from './store';

/** Session storage key: JSON array of the file names being read. */
const READING_KEY = 'eventlens.imports-reading';

function readNames(): string[] {
  const text = sessionStorage.getItem(READING_KEY);
  if (text === null) return [];
  try {
    const names: unknown = JSON.parse(text);
    return Array.isArray(names) ? names.map(String) : [];
  } catch {
    return [];
  }
}

function writeNames(names: string[]): void {
  if (names.length === 0) sessionStorage.removeItem(READING_KEY);
  else sessionStorage.setItem(READING_KEY, JSON.stringify(names));
}

/** Records that `fileName` is being read, or that its read ended. */
export function markImportReading(fileName: string, reading: boolean): void {
  try {
    const names = readNames();
    if (reading) {
      names.push(fileName);
    } else {
      const at = names.indexOf(fileName);
      if (at >= 0) names.splice(at, 1);
    }
    writeNames(names);
  } catch {
    // Storage may be unavailable (private mode). The notice is a courtesy.
  }
}

/** Shows one message naming the files whose import a reload cut off. */
export function reportInterruptedImports(store: StoreApi<AppState>): void {
  let names: string[];
  try {
    names = readNames();
    sessionStorage.removeItem(READING_KEY);
  } catch {
    return;
  }
  if (names.length === 0) return;
  const list = [...new Set(names)].join(', ');
  store.getState().showError({
    code: 'io/read-failed',
    message:
      `The page was reloaded while it read ${list}, so ` +
      `${names.length === 1 ? 'that file was' : 'those files were'} not ` +
      'loaded. Sets loaded before are kept; drop the files again.',
  });
}
