import { test as base, expect, type Page } from '@playwright/test';
import type { BackendName } from '../workers/protocol';
import type { TestHook } from '../src/ui/testHook';

type Snapshot = ReturnType<TestHook['state']>;

/** Reads the page's state through its test hook. */
export async function readState(page: Page): Promise<Snapshot> {
  return page.evaluate(() => window.__eventlens!.state());
}

/** Waits until the engine has started a backend and returns the report. */
export async function waitForEngine(page: Page) {
  await expect
    .poll(async () => (await readState(page)).engine.status, {
      timeout: 90_000,
    })
    .not.toBe('starting');
  const { engine } = await readState(page);
  expect(engine.status).toBe('ready');
  return engine.report!;
}

/**
 * Counts the sets saved in IndexedDB. The database is never created here,
 * because an empty one without stores would stop the page from saving.
 */
export function savedSetCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('eventlens');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const request = open.result
            .transaction('sets')
            .objectStore('sets')
            .count();
          request.onsuccess = () => resolve(request.result);
        };
      }),
  );
}

/** Returns the names of the sets saved in IndexedDB, sorted. */
export function savedSetNames(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('eventlens');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const request = open.result
            .transaction('sets')
            .objectStore('sets')
            .getAll();
          request.onsuccess = () =>
            resolve(
              (request.result as { loaded: { summary: { name: string } } }[])
                .map((record) => record.loaded.summary.name)
                .sort(),
            );
        };
      }),
  );
}

/**
 * Playwright test with a `backend` option set per project. Confirmation
 * dialogs (clear all sets, delete a model) are accepted, unless a test
 * removes this listener to handle one itself.
 */
export const test = base.extend<{
  backend: BackendName;
  acceptDialogs: void;
}>({
  backend: ['wasm', { option: true }],
  acceptDialogs: [
    async ({ page }, use) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await use();
    },
    { auto: true },
  ],
});

export { expect };
