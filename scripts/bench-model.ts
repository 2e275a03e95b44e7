/**
 * Measures inference and training throughput of the network for events of
 * 8, 12 and 24 objects, for the efficient and the concatenated
 * formulations, on the Node backends (WASM and CPU). With --browser it
 * also measures the built page in headless Chromium (`wasm-browser`,
 * `webgpu-browser`).
 *
 *   npm run bench:model -- [--json] [--backends wasm,cpu] [--objects 8,12,24]
 *     [--batch-size 64] [--seconds 3] [--browser] [--threads N]
 *
 * --backends also takes `wasm-browser` and `webgpu-browser`, so
 * `--backends wasm-browser` measures the browser's WASM alone. The browser
 * half serves `dist/`, so run `npx vite build` first. --threads sets the
 * browser's WASM threads (default: one per logical core). Node's WASM
 * backend always runs on one thread.
 */

import { parseArgs } from 'node:util';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import {
  BENCHMARK_CLASSES,
  createBenchmarkModel,
  measureThroughput,
  type BenchmarkRow,
} from '../src/model/benchmark';
import { defaultModelConfig } from '../src/model/config';
import { parameterCount } from '../src/model/params';
import type { Formulation } from '../src/model/network';
import { useBackend, type NodeBackend } from './tfjs-node-setup';
import type { BrowserBackend, BrowserBenchmark } from './bench-model-browser';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    backends: { type: 'string', default: 'wasm,cpu' },
    objects: { type: 'string', default: '8,12,24' },
    formulations: { type: 'string', default: 'efficient,concatenated' },
    'batch-size': { type: 'string', default: '64' },
    seconds: { type: 'string', default: '3' },
    browser: { type: 'boolean', default: false },
    threads: { type: 'string' },
  },
});

/** Parses a comma-separated list of positive integers, or exits with a message. */
function positiveIntegers(option: string, text: string): number[] {
  const values = text.split(',').map(Number);
  if (
    values.length === 0 ||
    values.some((v) => !Number.isInteger(v) || v < 1)
  ) {
    console.error(
      `Invalid --${option} "${text}": expected positive integers separated by commas, such as 8,12,24.`,
    );
    process.exit(2);
  }
  return values;
}

/** Backend names of the browser half, measured in headless Chromium. */
const BROWSER_BACKENDS = ['wasm-browser', 'webgpu-browser'];

/** Prints one row as a table line, padding the backend to `width`. */
function printRow(row: BenchmarkRow, width: number): void {
  console.log(
    `${row.backend.padEnd(width)} ${row.formulation.padEnd(13)} ${String(row.objects).padStart(2)} objects  B=${row.batchSize}${row.threads ? `  ${row.threads} thr` : ''}${row.simdKernels === false ? '  no SIMD kernels' : ''}  infer ${String(row.inferEventsPerSecond).padStart(6)} ev/s  train ${String(row.trainEventsPerSecond).padStart(5)} ev/s  ${row.gflops} GFLOP/s (train)`,
  );
}

async function main(): Promise<void> {
  const rows: BenchmarkRow[] = [];
  const classNames = Array.from(
    { length: BENCHMARK_CLASSES },
    (_, c) => `class${c}`,
  );
  const parameters = parameterCount(
    defaultModelConfig({ kind: 'multiclass', classNames }),
  );

  const requested = args.backends.split(',').filter((b) => b !== '');
  if (args.browser) requested.push(...BROWSER_BACKENDS);
  const nodeBackends = requested.filter(
    (b) => !BROWSER_BACKENDS.includes(b),
  ) as NodeBackend[];
  const browserBackends = BROWSER_BACKENDS.filter((b) =>
    requested.includes(b),
  ) as BrowserBackend[];
  const width = Math.max(5, ...requested.map((b) => b.length));
  const objectCounts = positiveIntegers('objects', args.objects);
  const [batchSize, ...extraBatchSizes] = positiveIntegers(
    'batch-size',
    args['batch-size'],
  );
  if (extraBatchSizes.length > 0) {
    console.error(
      `Invalid --batch-size "${args['batch-size']}": expected one batch size. Run once per size.`,
    );
    process.exit(2);
  }
  const threads =
    args.threads === undefined
      ? undefined
      : positiveIntegers('threads', args.threads)[0];
  const formulations = args.formulations.split(',') as Formulation[];

  if (!args.json) console.log(`${parameters} parameters (12-class head)`);
  for (const backend of nodeBackends) {
    await useBackend(backend);
    const model = createBenchmarkModel();
    for (const objects of objectCounts) {
      for (const formulation of formulations) {
        // The CPU backend is slow enough that a smaller batch keeps runs short.
        const row = await measureThroughput(model, {
          formulation,
          objects,
          batchSize: backend === 'cpu' ? 16 : batchSize!,
          repetitions: 2,
          seconds: Number(args.seconds),
        });
        if (backend === 'wasm') row.threads = getThreadsCount();
        rows.push(row);
        if (!args.json) printRow(row, width);
      }
    }
    model.dispose();
  }

  let browser: BrowserBenchmark | undefined;
  if (browserBackends.length > 0) {
    // Imported only here so that Node-only runs never load Playwright.
    const { benchmarkInBrowser } = await import('./bench-model-browser');
    browser = await benchmarkInBrowser({
      backends: browserBackends,
      objects: objectCounts,
      formulations,
      batchSize: batchSize!,
      seconds: Number(args.seconds),
      threads,
      onRow: (row) => {
        if (!args.json) printRow(row, width);
      },
      onNote: (note) => {
        if (!args.json) console.log(note);
      },
    });
    rows.push(...browser.rows);
  }

  if (args.json)
    console.log(
      JSON.stringify({
        machine: '2-core CPU, Node 20, tfjs 4.22',
        parameters,
        ...(browser && { browser: browser.version, notes: browser.notes }),
        rows,
      }),
    );
}

await main();
