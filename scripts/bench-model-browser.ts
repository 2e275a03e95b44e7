/**
 * The browser half of `npm run bench:model`: serves the built page from
 * `dist/` with `vite preview`, opens it in Debian's Chromium once per
 * backend and runs the engine worker's `benchmarkModel` through the page's
 * test hook. It builds nothing, so run `npx vite build` first.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import type { BenchmarkRow } from '../src/model/benchmark';
import type { Formulation } from '../src/model/network';
import type { ModelBenchmarkRequest } from '../workers/protocol';

/** Backends measured in the page, by the names the rows carry. */
export type BrowserBackend = 'wasm-browser' | 'webgpu-browser';

/** Options of `benchmarkInBrowser`. */
export interface BrowserBenchmarkOptions {
  backends: BrowserBackend[];
  objects: number[];
  formulations: Formulation[];
  /** Batch size of the WASM rows (WebGPU rows use `WEBGPU_BATCH_SIZE`). */
  batchSize: number;
  /** Minimum seconds per timed loop of the WASM rows. */
  seconds: number;
  /** WASM threads (`?threads=`); the page's default when undefined. */
  threads?: number;
  /** Called with each row as soon as it is measured. */
  onRow?: (row: BenchmarkRow) => void;
  /** Called with each note on reduced or skipped measurements. */
  onNote?: (note: string) => void;
}

/** Rows of the browser half, the Chromium version and what was reduced. */
export interface BrowserBenchmark {
  rows: BenchmarkRow[];
  version: string;
  notes: string[];
}

// Not 4190: the Fetch standard's port blocklist contains it (ManageSieve),
// so both Node's fetch and Chromium reject it as a bad port.
const PORT = 4191;
const BASE = `http://127.0.0.1:${PORT}`;

/**
 * Chromium's software WebGPU adapter (SwiftShader) ran this network at
 * 1 to 7 events per second on a 2-core CPU, so its rows time one call
 * after the warm-up, on a small batch and on the two smaller object
 * counts only.
 */
const WEBGPU_BATCH_SIZE = 16;
const WEBGPU_MAX_OBJECTS = 12;

/** Milliseconds to wait for the page's engine to report `ready`. */
const ENGINE_TIMEOUT_MS = 60_000;

/** Milliseconds one row (both timed loops and warm-ups) may take. */
const ROW_TIMEOUT_MS: Record<BrowserBackend, number> = {
  'wasm-browser': 120_000,
  'webgpu-browser': 300_000,
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];

/** Rejects with a message naming `label` unless `work` settles in time. */
async function withTimeout<T>(
  work: Promise<T>,
  milliseconds: number,
  label: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} timed out after ${milliseconds} ms.`)),
      milliseconds,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts `vite preview` on `dist/` and waits until it responds. */
async function startServer(): Promise<ChildProcess> {
  // `npx` runs vite in a child process of its own, so the whole process
  // group is started detached and stopped together in `stopServer`.
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--strictPort',
      // Vite refuses a second preview of the same project without this,
      // and a developer's own `npm run preview` on port 4173 is common.
      '--bypass-lock',
    ],
    { stdio: 'ignore', detached: true },
  );
  for (let attempt = 0; attempt < 150; attempt++) {
    if (server.exitCode !== null) {
      throw new Error(
        `vite preview exited with code ${server.exitCode}. ` +
          `Is port ${PORT} in use, or is dist/ missing (npx vite build)?`,
      );
    }
    try {
      if ((await fetch(BASE)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stopServer(server);
  throw new Error(`vite preview did not respond on ${BASE} within 30 s.`);
}

/** Stops the `npx vite preview` process group started by `startServer`. */
function stopServer(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // The group has already exited.
  }
}

/** Measures every requested row of one backend in a fresh page. */
async function benchmarkBackend(
  browser: Browser,
  backend: BrowserBackend,
  options: BrowserBenchmarkOptions,
  notes: string[],
): Promise<BenchmarkRow[]> {
  const webgpu = backend === 'webgpu-browser';
  const objects = webgpu
    ? options.objects.filter((n) => n <= WEBGPU_MAX_OBJECTS)
    : options.objects;
  const request: Omit<ModelBenchmarkRequest, 'objects' | 'formulations'> =
    webgpu
      ? { batchSize: WEBGPU_BATCH_SIZE, repetitions: 1, seconds: 0 }
      : {
          batchSize: options.batchSize,
          repetitions: 2,
          seconds: options.seconds,
        };
  if (webgpu) {
    const note =
      `${backend}: software adapter, B=${WEBGPU_BATCH_SIZE}, one timed ` +
      `call after one warm-up, objects ≤ ${WEBGPU_MAX_OBJECTS} only.`;
    notes.push(note);
    options.onNote?.(note);
  }
  const page = await browser.newPage();
  const rows: BenchmarkRow[] = [];
  try {
    const name = webgpu ? 'webgpu' : 'wasm';
    const threads =
      !webgpu && options.threads ? `&threads=${options.threads}` : '';
    await page.goto(`${BASE}/?backend=${name}${threads}`);
    await page.waitForFunction(
      () => window.__eventlens?.state().engine.status === 'ready',
      undefined,
      { timeout: ENGINE_TIMEOUT_MS },
    );
    const report = await page.evaluate(
      () => window.__eventlens!.state().engine.report,
    );
    const running = report?.backend;
    if (running !== name) {
      throw new Error(
        `${backend}: the engine started ${running}, not ${name}.`,
      );
    }
    for (const count of objects) {
      for (const formulation of options.formulations) {
        const call = {
          ...request,
          objects: [count],
          formulations: [formulation],
        };
        const result = await withTimeout(
          page.evaluate((r) => window.__eventlens!.benchmarkModel(r), call),
          ROW_TIMEOUT_MS[backend],
          `${backend} ${formulation} ${count} objects`,
        );
        if (!result.ok) {
          throw new Error(`${backend}: ${result.error.message}`);
        }
        for (const row of result.value) {
          const labelled = { ...row, backend, threads: report?.wasmThreads };
          rows.push(labelled);
          options.onRow?.(labelled);
        }
      }
    }
  } finally {
    await page.close();
  }
  return rows;
}

/** Runs the requested backends in headless Chromium and returns the rows. */
export async function benchmarkInBrowser(
  options: BrowserBenchmarkOptions,
): Promise<BrowserBenchmark> {
  const server = await startServer();
  const notes: string[] = [];
  const rows: BenchmarkRow[] = [];
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    for (const backend of options.backends) {
      try {
        rows.push(
          ...(await benchmarkBackend(browser, backend, options, notes)),
        );
      } catch (error) {
        // One backend failing (no adapter, a timeout) leaves the other's rows.
        const message = error instanceof Error ? error.message : String(error);
        const note = `${backend} failed: ${message}`;
        notes.push(note);
        options.onNote?.(note);
      }
    }
    return { rows, version: `Chromium ${browser.version()}`, notes };
  } finally {
    await browser?.close();
    stopServer(server);
  }
}
