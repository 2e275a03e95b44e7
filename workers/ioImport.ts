/**
 * File import inside the io worker: reads a Blob in slices so that large
 * files report progress, then summarises the set for the page.
 */
import { EventLensError } from '../src/core/errors';
import { detectDelimiter, splitCsvLine } from '../src/events/csvText';
import type { EventSet } from '../src/events/eventSet';
import type { ImportResult } from '../src/events/importResult';
import { histogramSet } from '../src/events/histograms';
import {
  detectFormat,
  importFile,
  type FileImportOptions,
} from '../src/events/import';
import {
  listRootTrees,
  type RootTreeListing,
} from '../src/events/root/importRoot';
import {
  countEventsByClass,
  countObjectsByType,
  setSize,
} from '../src/events/summary';
import { smearEventSet } from '../src/sim/smear';
import {
  MAX_FILE_BYTES,
  type ImportedSet,
  type ImportRequest,
  type ProgressListener,
  type SetSummary,
} from './protocol';

export { MAX_FILE_BYTES };

/** Seed of the LHE detector model, fixed so a reload gives the same set. */
const DETECTOR_SEED = 1;

function checkSize(file: Blob, fileName: string): void {
  if (file.size <= MAX_FILE_BYTES) return;
  throw new EventLensError(
    'io/too-large',
    `Couldn't load ${fileName}: it is ${Math.round(file.size / 2 ** 20)} MB, ` +
      `above the ${MAX_FILE_BYTES / 2 ** 20} MB a browser tab can parse. ` +
      'Split it, or check it first with npm run inspect.',
    { file: fileName, bytes: file.size, maxBytes: MAX_FILE_BYTES },
  );
}

/** Turns a page request into importer options. */
function importOptions(
  fileName: string,
  request: ImportRequest,
  onProgress?: ProgressListener,
): FileImportOptions {
  const { detector } = request;
  return {
    className: baseName(fileName),
    invalidEntries: request.skipInvalidRows ? 'skip' : 'reject',
    mapping: request.mapping,
    labelBranch: request.labelBranch,
    labelColumn: request.labelColumn,
    sample: request.sample,
    smear: detector
      ? (set: EventSet) => smearEventSet(set, { detector, seed: DETECTOR_SEED })
      : undefined,
    onProgress,
  };
}

/**
 * Parses a file (ROOT, LHE, CSV or JSON, by extension and content) and
 * returns the set with its summary. Unlabelled events become one class
 * named after the file.
 */
export async function importBlob(
  file: Blob,
  fileName: string,
  request: ImportRequest,
  onProgress?: ProgressListener,
): Promise<ImportedSet> {
  checkSize(file, fileName);
  const started = performance.now();
  onProgress?.(0, 'reading');
  const bytes = await file.arrayBuffer();
  const format = detectFormat(bytes, fileName);
  const csvColumns = format === 'csv' ? csvHeader(bytes) : undefined;
  const result = await importFile(
    bytes,
    fileName,
    importOptions(fileName, request, onProgress),
  );
  onProgress?.(1, 'done');
  const summary = summarise(result);
  summary.format = format ?? undefined;
  summary.csvColumns = csvColumns;
  summary.request = request;
  summary.importMs = performance.now() - started;
  return { set: result.set, summary };
}

/** Lists the trees of a ROOT file for the mapping dialog. */
export async function listTrees(
  file: Blob,
  fileName: string,
): Promise<RootTreeListing[]> {
  checkSize(file, fileName);
  return listRootTrees(await file.arrayBuffer(), fileName);
}

/** Returns the column names of a CSV file's first non-comment line. */
function csvHeader(bytes: ArrayBuffer): string[] {
  const head = new TextDecoder().decode(bytes.slice(0, 64 * 1024));
  const line = head
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .find((text) => text.trim() !== '' && !text.startsWith('#'));
  if (line === undefined) return [];
  return splitCsvLine(line, detectDelimiter(line)).map((name) => name.trim());
}

function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/(\.lhe)?\.[^.]+$/i, '');
}

/** Builds the counts the page shows for an imported set. */
export function summarise(result: ImportResult): SetSummary {
  const { set } = result;
  // NOTE: found by the wording of normaliseUnits' message, the one place
  // that converts units; a reworded message hides the units badge.
  const unitConversion = result.warnings.find((text) =>
    text.includes('from MeV to GeV'),
  );
  return {
    name: set.name,
    source: set.source,
    layout: result.layout,
    ...setSize(set),
    objectsByType: countObjectsByType(set),
    eventsByClass: countEventsByClass(set),
    warnings: result.warnings,
    skipped: result.skipped,
    notes: set.notes,
    histograms: histogramSet(set),
    unitConversion,
  };
}
