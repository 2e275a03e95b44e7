/**
 * Measures generator throughput per process on one core.
 *
 * Usage: npx tsx scripts/bench-sim.ts [--events N] [--detector fast|full]
 * [--json]. With --json it prints one JSON object,
 * { eventsPerSecond: { ggF_H: …, … }, mean: … }.
 */

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  generateEvents,
  PROCESSES,
  type DetectorPreset,
} from '../src/sim/index';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    detector: { type: 'string', default: 'fast' },
    json: { type: 'boolean', default: false },
  },
});

const events = Number(values.events);
if (!Number.isInteger(events) || events < 1) {
  throw new Error(`--events must be a positive integer, got ${values.events}`);
}
const detector = values.detector as DetectorPreset;

// A short warm-up lets the JIT compile the hot paths before timing.
for (const process of PROCESSES) {
  generateEvents({ process, events: 2000, detector, seed: 1 });
}

const eventsPerSecond: Record<string, number> = {};
for (const process of PROCESSES) {
  const start = performance.now();
  generateEvents({ process, events, detector, seed: 2 });
  const seconds = (performance.now() - start) / 1000;
  eventsPerSecond[process] = Math.round(events / seconds);
}
const rates = Object.values(eventsPerSecond);
const mean = Math.round(rates.reduce((a, b) => a + b, 0) / rates.length);

if (values.json) {
  process.stdout.write(JSON.stringify({ eventsPerSecond, mean }) + '\n');
} else {
  process.stdout.write(
    `Events per second on one core, ${detector} detector, ${events} events each:\n`,
  );
  for (const [name, rate] of Object.entries(eventsPerSecond)) {
    process.stdout.write(
      `  ${name.padEnd(14)} ${rate.toLocaleString('en-US')}\n`,
    );
  }
  process.stdout.write(
    `  ${'mean'.padEnd(14)} ${mean.toLocaleString('en-US')}\n`,
  );
}
