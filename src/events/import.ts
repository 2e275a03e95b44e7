/**
 * The single entry point of file import: picks the importer by file name
 * and content, and returns an `ImportResult`.
 */

import { EventLensError } from '../core/errors';
import { importCsv } from './csv';
import type { ImportResult, ProgressCallback } from './importResult';
import { importJson } from './json';
import { importLhe, type LheImportOptions } from './lhe';
import { isGzip } from './lheParser';
import { importRoot, type RootImportOptions } from './root/importRoot';
import { sampleEventSet, sampleNote, type SampleOption } from './sample';
import { normaliseUnits, type EnergyUnitOption } from './units';

/** Options every importer understands. */
export interface ImportOptions {
  /** Class of every event in the file; without it events are unlabelled. */
  className?: string;
  /** Energy unit of the file; "auto" (default) detects MeV and converts. */
  units?: EnergyUnitOption;
  /**
   * "reject" (default) fails on the first entry with a NaN or infinite
   * value; "skip" leaves such entries out and reports them in `skipped`.
   */
  invalidEntries?: 'reject' | 'skip';
  /**
   * Maximum number of events; a larger file fails with io/too-large
   * unless `sample` is set.
   */
  maxEvents?: number;
  /** Keep only a sample of the events, per class. */
  sample?: SampleOption;
  onProgress?: ProgressCallback;
  /** Cancels the import between chunks. */
  signal?: AbortSignal;
}

/** Options of `importFile`: the union of every importer's options. */
export interface FileImportOptions extends RootImportOptions {
  /** Detector model for LHE events; see `LheImportOptions.smear`. */
  smear?: LheImportOptions['smear'];
  /** CSV column holding each event's class, instead of `label`/`class`. */
  labelColumn?: string;
}

/** File formats `importFile` recognises. */
export type FileFormat = 'root' | 'lhe' | 'csv' | 'json';

const SNIFF_BYTES = 4096;

/**
 * Picks the format from the extension, then from the content: the ROOT
 * magic "root", gzip (taken as LHE), `<LesHouchesEvents`, a leading `{`
 * or `[` (JSON, also under a .csv name). Returns null when nothing
 * matches.
 */
export function detectFormat(
  bytes: ArrayBuffer,
  fileName: string,
): FileFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.root')) return 'root';
  if (name.endsWith('.lhe') || name.endsWith('.lhe.gz')) return 'lhe';
  if (name.endsWith('.json')) return 'json';

  const head = new Uint8Array(
    bytes,
    0,
    Math.min(SNIFF_BYTES, bytes.byteLength),
  );
  const text = new TextDecoder().decode(head);
  const first = text.trimStart()[0];
  if (name.endsWith('.csv')) {
    // JSON saved under a .csv name. The CSV layouts read here never start
    // with { or [.
    return first === '{' || first === '[' ? 'json' : 'csv';
  }
  if (isGzip(bytes)) return 'lhe';
  if (text.startsWith('root')) return 'root';
  if (text.includes('<LesHouchesEvents')) return 'lhe';
  if (first === '{' || first === '[') return 'json';
  if (/^[^\n]*,[^\n]*\n/.test(text)) return 'csv';
  return null;
}

function labelAll(result: ImportResult, className: string | undefined): void {
  const { set } = result;
  if (!className || set.events.label.some((label) => label !== -1)) return;
  set.classNames = [className];
  set.events.label.fill(0);
}

function sampleResult(
  result: ImportResult,
  fileName: string,
  sample: SampleOption,
): void {
  const read = result.set.offsets.length - 1;
  result.set = sampleEventSet(result.set, sample);
  const kept = result.set.offsets.length - 1;
  const note = sampleNote(fileName, kept, read, sample);
  result.warnings.push(note);
  result.set.notes.push(note);
}

/**
 * Rejects binary content in a file named as text (an image renamed .csv):
 * a NUL byte in the first kilobytes never occurs in CSV or JSON.
 */
function rejectBinary(bytes: ArrayBuffer, fileName: string, format: string) {
  const head = new Uint8Array(bytes, 0, Math.min(4096, bytes.byteLength));
  if (head.includes(0)) {
    throw new EventLensError(
      'io/unknown-format',
      `Couldn't import ${fileName}: it is named as ${format.toUpperCase()} ` +
        'but holds binary data, not text. Choose the exported text file.',
      { file: fileName, format },
    );
  }
}

/**
 * Decodes a text file as UTF-8. A file that is not valid UTF-8 (a
 * spreadsheet's Latin-1 export) is read as Windows-1252 instead, with a
 * warning that names the first line that is not UTF-8.
 */
export function decodeText(
  bytes: ArrayBuffer,
  fileName: string,
): { text: string; warning?: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = lossy.indexOf('\uFFFD');
    const line = lossy.slice(0, Math.max(bad, 0)).split('\n').length;
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      warning:
        `${fileName} is not UTF-8 text (line ${line} is the first that is ` +
        'not), so it was read as Windows-1252 (Latin-1). If names look ' +
        'wrong, save the file as UTF-8 and load it again.',
    };
  }
}

function importText(
  format: 'csv' | 'json',
  bytes: ArrayBuffer,
  fileName: string,
  options: FileImportOptions,
): ImportResult {
  rejectBinary(bytes, fileName, format);
  const { text, warning } = decodeText(bytes, fileName);
  const result =
    format === 'csv'
      ? importCsv(text, fileName, {
          invalidRows: options.invalidEntries === 'skip' ? 'skip' : 'reject',
          labelColumn: options.labelColumn,
        })
      : importJson(text, fileName);
  if (warning) result.warnings.push(warning);
  labelAll(result, options.className);
  if (options.sample) sampleResult(result, fileName, options.sample);
  // EventLens JSON is GeV by definition; a CSV may come from anywhere.
  if (format === 'csv') {
    result.warnings.push(
      ...normaliseUnits(result.set, options.units ?? 'auto', fileName),
    );
  }
  return result;
}

/**
 * Imports one file of any supported format into an `ImportResult`.
 * Every failure is an `EventLensError` whose message names the file.
 */
export async function importFile(
  bytes: ArrayBuffer,
  fileName: string,
  options: FileImportOptions = {},
): Promise<ImportResult> {
  if (bytes.byteLength === 0) {
    throw new EventLensError(
      'io/empty-file',
      `Couldn't import ${fileName}: the file is empty. Choose the file ` +
        'again; the upload may have failed.',
      { file: fileName },
    );
  }
  const lower = fileName.toLowerCase();
  if (isGzip(bytes) && /\.(csv|json)\.gz$/.test(lower)) {
    throw new EventLensError(
      'io/unknown-format',
      `Couldn't import ${fileName}: it is gzip-compressed, and only LHE ` +
        'files (.lhe.gz) are read compressed. Decompress it (for example ' +
        'with gunzip) and load the result.',
      { file: fileName },
    );
  }
  const format = detectFormat(bytes, fileName);
  try {
    if (format === 'root') return await importRoot(bytes, fileName, options);
    if (format === 'lhe') return await importLhe(bytes, fileName, options);
    if (format === 'csv' || format === 'json') {
      return importText(format, bytes, fileName, options);
    }
  } catch (error) {
    if (error instanceof EventLensError) throw error;
    throw new EventLensError(
      'io/read-failed',
      `Couldn't import ${fileName}: ${(error as Error)?.message ?? error}. ` +
        'The file may be damaged; check it or choose another one.',
      { file: fileName, format },
    );
  }
  throw new EventLensError(
    'io/unknown-format',
    `Couldn't import ${fileName}: its format is not recognised. Choose a ` +
      'ROOT (.root), LHE (.lhe, .lhe.gz), CSV (.csv) or JSON (.json) file.',
    { file: fileName },
  );
}
