/**
 * The single entry point of file import: picks the importer by file name
 * and content, and returns an `ImportResult`.
 */

import type { ProgressCallback } from './importResult';
import type { EnergyUnitOption } from './units';

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
  /** Maximum number of events; a larger file fails with io/too-large. */
  maxEvents?: number;
  onProgress?: ProgressCallback;
  /** Cancels the import between chunks. */
  signal?: AbortSignal;
}
