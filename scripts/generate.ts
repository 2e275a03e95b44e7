/**
 * Generates events of one process and writes them as an EventSet file.
 *
 * Usage: npm run generate -- --process ttH --events 10000 --detector fast
 * --seed 7 --out ttH.json [--higgs-decay gammagamma]
 * The output format follows the extension of --out: .json or .csv.
 */

import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eventSetToCsv } from '../src/events/csv';
import { eventSetToJson } from '../src/events/json';
import { objectCount } from '../src/events/eventSet';
import { eventSetChecksum } from '../src/sim/checksum';
import {
  generateEvents,
  HIGGS_DECAY_MODES,
  processIndex,
  PROCESSES,
  type DetectorPreset,
  type HiggsDecayMode,
  type ProcessName,
} from '../src/sim/index';

const HELP = `Usage: npm run generate -- --process NAME --out FILE [options]

  --process NAME      one of ${PROCESSES.join(', ')}
  --events N          number of events (default 10000)
  --detector PRESET   fast (Delphes ATLAS-like) or full (default fast)
  --seed N            non-negative integer seed (default 1)
  --out FILE          output file, .json or .csv
  --higgs-decay MODE  force every Higgs into one mode: ${HIGGS_DECAY_MODES.join(', ')}
`;

function fail(message: string): never {
  process.stderr.write(`generate: ${message}\n\n${HELP}`);
  process.exit(1);
}

function integerOption(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    fail(`--${name} must be a non-negative integer, got "${text}".`);
  }
  return value;
}

const { values } = parseArgs({
  options: {
    process: { type: 'string' },
    events: { type: 'string', default: '10000' },
    detector: { type: 'string', default: 'fast' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    'higgs-decay': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const name = values.process ?? fail('--process is missing.');
try {
  processIndex(name);
} catch (error) {
  fail((error as Error).message);
}
if (values.detector !== 'fast' && values.detector !== 'full') {
  fail(`--detector must be fast or full, got "${values.detector}".`);
}
const out = values.out ?? fail('--out is missing.');
const format = extname(out).toLowerCase();
if (format !== '.json' && format !== '.csv') {
  fail(`--out must end in .json or .csv, got "${out}".`);
}
const higgsDecay = values['higgs-decay'];
if (
  higgsDecay !== undefined &&
  !(HIGGS_DECAY_MODES as readonly string[]).includes(higgsDecay)
) {
  fail(`--higgs-decay must be one of ${HIGGS_DECAY_MODES.join(', ')}.`);
}

const start = performance.now();
const set = generateEvents({
  process: name as ProcessName,
  events: integerOption('events', values.events),
  detector: values.detector as DetectorPreset,
  seed: integerOption('seed', values.seed),
  higgsDecay: higgsDecay as HiggsDecayMode | undefined,
});
const seconds = (performance.now() - start) / 1000;
const text = format === '.json' ? eventSetToJson(set) : eventSetToCsv(set);
writeFileSync(out, text);
process.stdout.write(
  `Wrote ${set.events.label.length} ${name} events ` +
    `(${objectCount(set)} objects, checksum ${eventSetChecksum(set)}) ` +
    `to ${out} in ${seconds.toFixed(2)} s.\n`,
);
