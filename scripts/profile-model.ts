/**
 * Profiles one inference call or training step of the network on Node's
 * WASM backend (one thread) and prints where the time goes: kernel time
 * by kernel, then the most expensive kernel and input-shape pairs.
 *
 *   npm run profile:model -- [--mode train|infer] [--objects 12]
 *     [--batch-size 64] [--top 15]
 *
 * Kernel times come from `tf.profile` and include the kernels' own
 * JavaScript. The forward pass of a hand-written gradient (`tf.customGrad`)
 * appears as one entry named `forward`, with its kernels inside it.
 * Profiling slows the call down, so read the shares, not the sums.
 */

import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { buildGraphBatch } from '../src/graph/batches';
import {
  BENCHMARK_CLASSES,
  createBenchmarkModel,
} from '../src/model/benchmark';
import { makeSyntheticSet } from '../src/model/testing/synthetic';
import { TrainingSession } from '../src/train/session';
import { useBackend } from './tfjs-node-setup';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'train' },
    objects: { type: 'string', default: '12' },
    'batch-size': { type: 'string', default: '64' },
    top: { type: 'string', default: '15' },
  },
});

/** Reads a positive integer option, or exits with a message. */
function positiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(
      `Invalid --${option} "${text}": expected a positive integer.`,
    );
    process.exit(2);
  }
  return value;
}

const mode = args.mode;
if (mode !== 'train' && mode !== 'infer') {
  console.error(`Invalid --mode "${mode}": expected train or infer.`);
  process.exit(2);
}
const objects = positiveInteger('objects', args.objects);
const batchSize = positiveInteger('batch-size', args['batch-size']);
const top = positiveInteger('top', args.top);

await useBackend('wasm');
const model = createBenchmarkModel();
const set = makeSyntheticSet({
  events: batchSize,
  classes: BENCHMARK_CLASSES,
  seed: objects,
  minObjects: objects,
  maxObjects: objects,
});
const indices = Array.from({ length: batchSize }, (_, i) => i);
const batch = buildGraphBatch(set, model.scaling, indices);
const session = new TrainingSession(model, {
  strategy: 'scratch',
  learningRate: 1e-4,
});

function run(): void {
  const out =
    mode === 'train' ? session.step(batch) : model.predict(batch, 'efficient');
  out.dataSync();
  out.dispose();
}

// Two warm-up calls, then the profiled one, then five timed ones.
run();
run();
const profile = await tf.profile(run);
const started = performance.now();
for (let i = 0; i < 5; i++) run();
const wall = (performance.now() - started) / 5;

interface Total {
  ms: number;
  calls: number;
}
const byKernel = new Map<string, Total>();
const byShape = new Map<string, Total>();
const add = (map: Map<string, Total>, key: string, ms: number) => {
  const total = map.get(key) ?? { ms: 0, calls: 0 };
  total.ms += ms;
  total.calls++;
  map.set(key, total);
};
for (const kernel of profile.kernels) {
  // Op scopes (`fusedMatMul__op`, `unnamed scope`) wrap kernels that are
  // listed on their own, so only kernels and custom-gradient forward
  // passes are counted.
  const counted =
    kernel.name === 'forward' || tf.getKernel(kernel.name, 'wasm') != null;
  if (!counted) continue;
  const ms = Number(kernel.kernelTimeMs) || 0;
  add(byKernel, kernel.name, ms);
  add(byShape, `${kernel.name} ${JSON.stringify(kernel.inputShapes)}`, ms);
}
const counted = [...byKernel.values()].reduce((sum, t) => sum + t.ms, 0);
const sorted = (map: Map<string, Total>) =>
  [...map].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
const percent = (ms: number) => ((100 * ms) / counted).toFixed(1).padStart(5);

console.log(
  `${mode}, ${objects} objects, B=${batchSize}, Node WASM (1 thread): ` +
    `${wall.toFixed(1)} ms per call, ${Math.round((batchSize * 1000) / wall)} events/s, ` +
    `${profile.kernels.length} profile entries, ${counted.toFixed(1)} ms counted`,
);
console.log('\nby kernel            ms      %  calls');
for (const [name, total] of sorted(byKernel)) {
  console.log(
    `${name.padEnd(16)} ${total.ms.toFixed(1).padStart(7)} ${percent(total.ms)} ${String(total.calls).padStart(6)}`,
  );
}
console.log('\nby kernel and input shapes');
for (const [key, total] of sorted(byShape)) {
  console.log(
    `${total.ms.toFixed(1).padStart(7)} ${percent(total.ms)} ${String(total.calls).padStart(5)}  ${key}`,
  );
}
session.dispose();
model.dispose();
