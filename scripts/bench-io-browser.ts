/**
 * `npm run bench:io:browser`: times the io worker of the built page on
 * each bundled sample in Debian's Chromium. It serves `dist/` (or --dist
 * DIR) with `vite preview`, loads each sample several times through the
 * page's sample buttons and prints the worker's own reading time
 * (`SetSummary.importMs`, from the Blob to the finished summary). A
 * measurement, not a test. Build first: `npx vite build`.
 */

import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '4412' },
    runs: { type: 'string', default: '5' },
    dist: { type: 'string', default: 'dist' },
  },
});
const port = Number(options.port);
const runs = Number(options.runs);
const base = `http://127.0.0.1:${port}`;

/** Samples of `public/samples/index.json`, by their button ids. */
interface Sample {
  id: string;
  file: string;
}

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not respond on ${base} within 20 s.`);
}

/** Loads one sample and returns the worker's time and the event count. */
async function loadOnce(page: Page, id: string) {
  await page.getByTestId(`data.sample.${id}`).click();
  await page.waitForFunction(
    () => window.__eventlens!.state().sets.length === 1,
    undefined,
    { timeout: 60_000 },
  );
  const summary = await page.evaluate(
    () => window.__eventlens!.state().sets[0]!.summary,
  );
  await page.getByTestId('data.set.remove').click();
  await page.waitForFunction(
    () => window.__eventlens!.state().sets.length === 0,
  );
  return { ms: summary.importMs ?? NaN, events: summary.events };
}

async function main(): Promise<void> {
  // vite itself, not npx, so that killing the child stops the server.
  const server = spawn(
    'node_modules/.bin/vite',
    ['preview', '--host', '127.0.0.1', '--port', String(port)].concat([
      '--strictPort',
      '--bypass-lock',
      '--outDir',
      options.dist,
    ]),
    { stdio: 'ignore' },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  try {
    await waitForServer();
    const page = await browser.newPage();
    await page.goto(`${base}/?backend=wasm`);
    await page
      .getByTestId('data.clear')
      .click({ timeout: 2000 })
      .catch(() => {
        // No saved sets to clear.
      });
    const manifest = await (await fetch(`${base}/samples/index.json`)).json();
    const samples = manifest.samples as Sample[];
    console.log(
      `io worker, ${runs} runs after one warm-up, ${browser.version()}`,
    );
    console.log('file                      events   median ms   min ms');
    for (const sample of samples) {
      const times: number[] = [];
      let events = 0;
      for (let run = 0; run <= runs; run++) {
        const result = await loadOnce(page, sample.id);
        events = result.events;
        // Run 0 loads jsroot's modules into the worker and warms the JIT.
        if (run > 0) times.push(result.ms);
      }
      times.sort((a, b) => a - b);
      console.log(
        sample.file.padEnd(24) +
          String(events).padStart(8) +
          (times[Math.floor(times.length / 2)] ?? 0).toFixed(1).padStart(12) +
          (times[0] ?? 0).toFixed(1).padStart(9),
      );
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
