import type { EventSet } from './eventSet';

/** Rows or events an importer left out, with the reason, for the page. */
export interface SkippedReport {
  /** Number of rows (CSV) or entries (ROOT, LHE, JSON) left out. */
  count: number;
  /** Reason they were left out, in words a person understands. */
  reason: string;
  /** The first few places, for example "line 17" or "entry 204". */
  examples: string[];
}

/** Result of every importer: the whole set, never a silent part of it. */
export interface ImportResult {
  set: EventSet;
  /** Detected layout, for example "csv-objects", "heptutorial", "delphes". */
  layout: string;
  /** Things a person should know, for example "converted MeV to GeV". */
  warnings: string[];
  /** Present when the importer was allowed to skip bad rows and did. */
  skipped?: SkippedReport;
}

/** Progress of a long import, as a fraction of bytes or entries read. */
export type ProgressCallback = (fraction: number, message?: string) => void;
