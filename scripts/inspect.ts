/**
 * `npm run inspect -- FILE…`: imports each file with the same importers
 * as the page and prints its format, layout, tree, event count, object
 * multiplicities and warnings. With --out, writes the EventSet as CSV or
 * JSON. Exits with 1 when any file fails.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../src/core/errors';
import { eventSetToCsv } from '../src/events/csv';
import {
  eventCount,
  OBJECT_TYPE_NAMES,
  type EventSet,
} from '../src/events/eventSet';
import { detectFormat, importFile } from '../src/events/import';
import type { ImportResult } from '../src/events/importResult';
import { eventSetToJson } from '../src/events/json';
import { listRootTrees } from '../src/events/root/importRoot';
import { parseBranchMapping } from '../src/events/root/mapping';
import type { SampleOption } from '../src/events/sample';
import type { EnergyUnitOption } from '../src/events/units';
import { smearEventSet, type DetectorPreset } from '../src/sim';

const HELP = `Usage: npm run inspect -- [options] FILE...

Imports each file (ROOT, LHE, LHE.gz, CSV or JSON) as the page does and
prints what it contains.

Options:
  --json            print one JSON object per file instead of text
  --out PATH        write the events of the (single) FILE to PATH, as CSV
                    or JSON by PATH's extension
  --class NAME      class name given to every event
  --units UNIT      energy unit of the file: auto (default), GeV or MeV
  --tree NAME       ROOT tree to read instead of the detected one
  --mapping PATH    ROOT branch mapping (JSON) to use instead of detection
  --skip-invalid    leave out entries with NaN or infinite values
  --label NAME      ROOT branch or CSV column holding each event's class
  --sample N        keep at most N events per class (first N, or random
                    with --seed)
  --seed S          load a seeded random sample instead of the first N
  --detector D      pass LHE truth objects through the fast or full
                    detector model (layout lhe+detector)
  -h, --help        show this help
`;

/** Per-file summary; `--json` prints it as it is. */
interface FileReport {
  file: string;
  format: string | null;
  layout: string | null;
  tree?: string;
  events: number;
  objects?: Record<string, number>;
  meanPerEvent?: Record<string, number>;
  maxPerEvent?: Record<string, number>;
  warnings: string[];
  skipped?: ImportResult['skipped'];
  seconds?: number;
  error?: { code: string; message: string };
}

function multiplicities(set: EventSet) {
  const objects: Record<string, number> = {};
  const maxPerEvent: Record<string, number> = {};
  const meanPerEvent: Record<string, number> = {};
  const events = eventCount(set);
  for (const name of OBJECT_TYPE_NAMES) {
    objects[name] = 0;
    maxPerEvent[name] = 0;
  }
  for (let event = 0; event < events; event++) {
    const counts = new Array<number>(OBJECT_TYPE_NAMES.length).fill(0);
    const end = set.offsets[event + 1] ?? 0;
    for (let i = set.offsets[event] ?? 0; i < end; i++) {
      const type = set.objects.type[i] ?? 0;
      counts[type] = (counts[type] ?? 0) + 1;
    }
    OBJECT_TYPE_NAMES.forEach((name, type) => {
      const count = counts[type] ?? 0;
      objects[name] = (objects[name] ?? 0) + count;
      maxPerEvent[name] = Math.max(maxPerEvent[name] ?? 0, count);
    });
  }
  for (const name of OBJECT_TYPE_NAMES) {
    meanPerEvent[name] = Number(((objects[name] ?? 0) / events).toFixed(3));
  }
  return { objects, meanPerEvent, maxPerEvent };
}

/** Finds the tree `importFile` reads, the same way it picks it. */
async function treeOf(
  bytes: ArrayBuffer,
  file: string,
  requested: string | undefined,
): Promise<string | undefined> {
  if (requested) return requested;
  const trees = await listRootTrees(bytes, file);
  return trees.find((tree) => tree.layout !== null)?.name;
}

type Options = ReturnType<typeof readOptions>['values'];

function sampleOf(options: Options): SampleOption | undefined {
  if (options.sample === undefined) return undefined;
  const size = Number(options.sample);
  if (options.seed === undefined) return { size, mode: 'first' };
  return { size, mode: 'random', seed: Number(options.seed) };
}

async function inspectFile(path: string, options: Options) {
  const file = basename(path);
  const buffer = readFileSync(path);
  const bytes = buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer;

  const format = detectFormat(bytes, file);
  const mapping = options.mapping
    ? parseBranchMapping(JSON.parse(readFileSync(options.mapping, 'utf8')))
    : undefined;
  const detector = options.detector as DetectorPreset | undefined;
  const started = performance.now();
  const result = await importFile(bytes, file, {
    className: options.class,
    units: options.units as EnergyUnitOption | undefined,
    tree: options.tree,
    mapping,
    invalidEntries: options['skip-invalid'] ? 'skip' : 'reject',
    labelBranch: format === 'root' ? options.label : undefined,
    labelColumn: format === 'csv' ? options.label : undefined,
    sample: sampleOf(options),
    smear: detector
      ? (set) => smearEventSet(set, { detector, seed: 1 })
      : undefined,
  });
  const seconds = (performance.now() - started) / 1000;

  const report: FileReport = {
    file: path,
    format,
    layout: result.layout,
    events: eventCount(result.set),
    ...multiplicities(result.set),
    warnings: result.warnings,
    seconds: Number(seconds.toFixed(3)),
  };
  if (format === 'root') {
    report.tree = mapping?.tree ?? (await treeOf(bytes, file, options.tree));
  }
  if (result.skipped) report.skipped = result.skipped;
  return { report, set: result.set };
}

function printText(report: FileReport): void {
  const lines = [report.file];
  if (report.error) {
    lines.push(`  error (${report.error.code}): ${report.error.message}`);
    console.log(lines.join('\n'));
    return;
  }
  const tree = report.tree ? `, tree "${report.tree}"` : '';
  lines.push(`  format ${report.format}, layout ${report.layout}${tree}`);
  lines.push(`  events ${report.events} (read in ${report.seconds} s)`);
  const rows = OBJECT_TYPE_NAMES.map((name) => {
    const total = report.objects?.[name] ?? 0;
    const mean = report.meanPerEvent?.[name] ?? 0;
    const max = report.maxPerEvent?.[name] ?? 0;
    return (
      `    ${name.padEnd(9)}${String(total).padStart(8)}` +
      `   mean ${mean.toFixed(2).padStart(5)}   max ${max}`
    );
  });
  lines.push('  objects', ...rows);
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  console.log(lines.join('\n'));
}

function writeOut(path: string, set: EventSet): void {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) writeFileSync(path, eventSetToCsv(set));
  else if (lower.endsWith('.json')) writeFileSync(path, eventSetToJson(set));
  else throw new Error(`--out ${path}: the name must end in .csv or .json`);
}

function readOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      out: { type: 'string' },
      class: { type: 'string' },
      units: { type: 'string' },
      tree: { type: 'string' },
      mapping: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      label: { type: 'string' },
      sample: { type: 'string' },
      seed: { type: 'string' },
      detector: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Returns a message for the first invalid option value, if any. */
function checkOptions(options: Options): string | undefined {
  const positive = (value: string | undefined) =>
    value === undefined || (Number.isInteger(Number(value)) && +value > 0);
  if (!positive(options.sample)) {
    return `--sample ${options.sample}: use a whole number of events ≥ 1.`;
  }
  const seed = options.seed;
  if (seed !== undefined && !(Number.isSafeInteger(+seed) && +seed >= 0)) {
    return `--seed ${seed}: use a whole number ≥ 0.`;
  }
  if (options.seed !== undefined && options.sample === undefined) {
    return '--seed needs --sample N.';
  }
  const detector = options.detector;
  if (detector !== undefined && !['fast', 'full'].includes(detector)) {
    return `--detector ${detector}: use fast or full.`;
  }
  return undefined;
}

async function main(): Promise<number> {
  const { values: options, positionals: files } = readOptions();
  if (options.help || files.length === 0) {
    console.log(HELP);
    return files.length === 0 && !options.help ? 2 : 0;
  }
  if (options.out && files.length !== 1) {
    console.error('--out needs exactly one input file.');
    return 2;
  }
  if (options.units && !['auto', 'GeV', 'MeV'].includes(options.units)) {
    console.error(`--units ${options.units}: use auto, GeV or MeV.`);
    return 2;
  }
  const problem = checkOptions(options);
  if (problem) {
    console.error(problem);
    return 2;
  }
  let failures = 0;
  for (const path of files) {
    let report: FileReport;
    try {
      const inspected = await inspectFile(path, options);
      report = inspected.report;
      if (options.out) writeOut(options.out, inspected.set);
    } catch (error) {
      failures++;
      const { code, message } = toErrorInfo(error);
      const base = { file: path, format: null, layout: null, events: 0 };
      report = { ...base, warnings: [], error: { code, message } };
    }
    if (options.json) console.log(JSON.stringify(report));
    else printText(report);
  }
  return failures > 0 ? 1 : 0;
}

process.exitCode = await main();
