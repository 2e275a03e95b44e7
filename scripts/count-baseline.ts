/**
 * Difficulty reference: the 12-way accuracy of a multinomial logistic
 * regression on object counts alone (jets, b-tags, leptons, photons, MET
 * bins), trained and tested on separate class-balanced generated samples.
 *
 * Usage: npm run baseline:counts -- [--events N] [--detector fast|full]
 * (N events per process for training and again for testing).
 */

import { parseArgs } from 'node:util';
import { eventCount, type EventSet } from '../src/events/eventSet';
import { countObjects } from '../src/sim/analysis';
import {
  createEventStream,
  PROCESSES,
  type DetectorPreset,
} from '../src/sim/index';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    detector: { type: 'string', default: 'fast' },
  },
});
const perProcess = Number(values.events);
const detector = values.detector as DetectorPreset;
const CLASSES = PROCESSES.length;
const MET_EDGES = [20, 40, 60, 100, 150];

/** One-hot bins, in order: jets 0–9+, b-tags 0–4+, leptons 0–3+, photons 0–2+, MET. */
const BIN_COUNTS = [10, 5, 4, 3, MET_EDGES.length + 1];
const FEATURES = BIN_COUNTS.reduce((a, b) => a + b, 0) + 1;

/** Returns the bin of each count group, combined into one integer key. */
function binKey(set: EventSet, i: number): number {
  const c = countObjects(set, i);
  let met = 0;
  while (met < MET_EDGES.length && c.met >= MET_EDGES[met]!) met++;
  const bins = [
    Math.min(c.jets, 9),
    Math.min(c.bTags, 4),
    Math.min(c.electrons + c.muons, 3),
    Math.min(c.photons, 2),
    met,
  ];
  return bins.reduce((key, bin, k) => key * BIN_COUNTS[k]! + bin, 0);
}

function featuresOf(key: number): Float64Array {
  const x = new Float64Array(FEATURES);
  let rest = key;
  let offset = FEATURES - 1;
  for (let k = BIN_COUNTS.length - 1; k >= 0; k--) {
    offset -= BIN_COUNTS[k]!;
    x[offset + (rest % BIN_COUNTS[k]!)] = 1;
    rest = Math.floor(rest / BIN_COUNTS[k]!);
  }
  x[FEATURES - 1] = 1; // bias
  return x;
}

/** Class counts per distinct bin key: the data, compressed exactly. */
function tabulate(seed: number): Map<number, number[]> {
  const table = new Map<number, number[]>();
  const stream = createEventStream({
    processes: PROCESSES,
    detector,
    seed,
    batchSize: CLASSES * 100,
  });
  for (let done = 0; done < perProcess; done += 100) {
    const batch = stream.next().value as EventSet;
    for (let i = 0; i < eventCount(batch); i++) {
      const key = binKey(batch, i);
      let row = table.get(key);
      if (!row) table.set(key, (row = new Array<number>(CLASSES).fill(0)));
      row[batch.events.label[i]!]!++;
    }
  }
  return table;
}

function softmaxScores(w: Float64Array, x: Float64Array): number[] {
  const scores = new Array<number>(CLASSES).fill(0);
  for (let c = 0; c < CLASSES; c++) {
    for (let f = 0; f < FEATURES; f++)
      scores[c]! += w[c * FEATURES + f]! * x[f]!;
  }
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Fits softmax regression by full-batch gradient descent with L2 1e-4. */
function train(table: Map<number, number[]>): Float64Array {
  const w = new Float64Array(CLASSES * FEATURES);
  const rows = [...table].map(([key, counts]) => ({
    x: featuresOf(key),
    counts,
  }));
  const total = rows.reduce(
    (n, r) => n + r.counts.reduce((a, b) => a + b, 0),
    0,
  );
  const gradient = new Float64Array(w.length);
  for (let step = 0; step < 2000; step++) {
    gradient.fill(0);
    for (const { x, counts } of rows) {
      const p = softmaxScores(w, x);
      const n = counts.reduce((a, b) => a + b, 0);
      for (let c = 0; c < CLASSES; c++) {
        const residual = n * p[c]! - counts[c]!;
        for (let f = 0; f < FEATURES; f++)
          gradient[c * FEATURES + f]! += residual * x[f]!;
      }
    }
    for (let k = 0; k < w.length; k++)
      w[k]! -= 2 * (gradient[k]! / total + 1e-4 * w[k]!);
  }
  return w;
}

/** Returns accuracy of a per-key class choice on a tabulated sample. */
function accuracy(
  table: Map<number, number[]>,
  choose: (key: number) => number,
) {
  let right = 0;
  let total = 0;
  for (const [key, counts] of table) {
    right += counts[choose(key)]!;
    total += counts.reduce((a, b) => a + b, 0);
  }
  return right / total;
}

const trainTable = tabulate(1);
const testTable = tabulate(2);
const w = train(trainTable);
const argmax = (values: readonly number[]) =>
  values.indexOf(Math.max(...values));
const logistic = accuracy(testTable, (key) =>
  argmax(softmaxScores(w, featuresOf(key))),
);
// The best any classifier of these bins can do on the training sample's
// own frequencies: a lookup of the majority class per bin combination.
const lookup = accuracy(testTable, (key) => argmax(trainTable.get(key) ?? [1]));

process.stdout.write(
  `Count baseline, ${detector} detector, ${perProcess} training and ` +
    `${perProcess} test events per process, ${CLASSES} classes:\n` +
    `  logistic regression accuracy  ${(100 * logistic).toFixed(1)} %\n` +
    `  majority-per-bin lookup       ${(100 * lookup).toFixed(1)} %\n` +
    `  chance                        ${(100 / CLASSES).toFixed(1)} %\n`,
);
