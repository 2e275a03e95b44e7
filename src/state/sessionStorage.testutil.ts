/** An in-memory stand-in for `sessionStorage`, for tests run in Node. */

/**
 * Installs a `sessionStorage` on `globalThis` that starts with `entries`,
 * and returns the map behind it so a test can inspect what was stored.
 */
export function fakeSessionStorage(
  entries: Record<string, string> = {},
): Map<string, string> {
  const items = new Map(Object.entries(entries));
  globalThis.sessionStorage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  } as Storage;
  return items;
}
