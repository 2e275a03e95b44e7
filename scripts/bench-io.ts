/**
 * `npm run bench:io [-- FILE…]`: times `importFile` on each file (by
 * default every sample in public/samples/) and prints the median and
 * fastest of several runs after one warm-up. A measurement, not a test.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { eventCount } from '../src/events/eventSet';
import { importFile } from '../src/events/import';

const RUNS = 5;
const SAMPLES = 'public/samples';

function sampleFiles(): string[] {
  return readdirSync(SAMPLES)
    .filter((name) => /\.(root|lhe)$/.test(name))
    .sort()
    .map((name) => join(SAMPLES, name));
}

async function timeFile(path: string) {
  const buffer = readFileSync(path);
  const name = basename(path);
  const times: number[] = [];
  let events = 0;
  for (let run = 0; run <= RUNS; run++) {
    // A fresh copy per run: importers may keep or transfer the buffer.
    const bytes = buffer.buffer.slice(
      buffer.byteOffset,
      buffer.byteOffset + buffer.byteLength,
    ) as ArrayBuffer;
    const started = performance.now();
    const result = await importFile(bytes, name);
    const elapsed = performance.now() - started;
    events = eventCount(result.set);
    // Run 0 warms up the JIT and loads jsroot's modules.
    if (run > 0) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  return {
    name,
    bytes: buffer.byteLength,
    events,
    median,
    fastest: times[0] ?? 0,
  };
}

const files = process.argv.slice(2);
console.log(
  `importFile, ${RUNS} runs after one warm-up, Node ${process.version}`,
);
console.log('file                      size kB   events   median ms   min ms');
for (const path of files.length > 0 ? files : sampleFiles()) {
  const r = await timeFile(path);
  console.log(
    r.name.padEnd(24) +
      (r.bytes / 1024).toFixed(0).padStart(9) +
      String(r.events).padStart(9) +
      r.median.toFixed(1).padStart(12) +
      r.fastest.toFixed(1).padStart(9),
  );
}
