/**
 * File import inside the io worker: reads a Blob in slices so that large
 * files report progress, then summarises the set for the page.
 */
import { EventLensError } from '../src/core/errors';
import type { ImportResult } from '../src/events/importResult';
import { histogramSet } from '../src/events/histograms';
import { importFile } from '../src/events/import';
import {
  countEventsByClass,
  countObjectsByType,
  setSize,
} from '../src/events/summary';
import type {
  ImportedSet,
  ImportRequest,
  ProgressListener,
  SetSummary,
} from './protocol';

/** Largest file a tab should parse: beyond it memory runs short. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

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
  if (file.size > MAX_FILE_BYTES) {
    throw new EventLensError(
      'io/too-large',
      `Couldn't load ${fileName}: it is ${Math.round(file.size / 2 ** 20)} MB, ` +
        `above the ${MAX_FILE_BYTES / 2 ** 20} MB a browser tab can parse. ` +
        'Split it, or check it first with npm run inspect.',
      { file: fileName, bytes: file.size },
    );
  }
  onProgress?.(0, 'reading');
  const bytes = await file.arrayBuffer();
  const result = await importFile(bytes, fileName, {
    className: baseName(fileName),
    invalidEntries: request.skipInvalidRows ? 'skip' : 'reject',
    onProgress,
  });
  onProgress?.(1, 'done');
  return { set: result.set, summary: summarise(result) };
}

function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/(\.lhe)?\.[^.]+$/i, '');
}

/** Builds the counts the page shows for an imported set. */
export function summarise(result: ImportResult): SetSummary {
  const { set } = result;
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
  };
}
