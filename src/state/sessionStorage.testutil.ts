/** In-memory stand-ins for `sessionStorage` and `localStorage`, for tests run in Node. */

/**
 * Installs a `sessionStorage` on `globalThis` that starts with `entries`,
 * and returns the map behind it so a test can inspect what was stored.
 */
export function fakeSessionStorage(
  entries: Record<string, string> = {},
): Map<string, string> {
  return fakeStorage('sessionStorage', entries);
}

/** Installs a `localStorage` the same way as `fakeSessionStorage`. */
export function fakeLocalStorage(
  entries: Record<string, string> = {},
): Map<string, string> {
  return fakeStorage('localStorage', entries);
}

function fakeStorage(
  name: 'sessionStorage' | 'localStorage',
  entries: Record<string, string>,
): Map<string, string> {
  const items = new Map(Object.entries(entries));
  globalThis[name] = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  } as Storage;
  return items;
}
