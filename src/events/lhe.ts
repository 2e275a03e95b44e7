/**
 * Les Houches Event (LHE) import. Final-state particles (status +1)
 * become truth-level objects: charged leptons, photons, quarks and gluons
 * as jets, and the invisible particles summed into missing transverse
 * momentum. The file is read line by line in chunks, so its size only
 * costs time, never one giant string or regular expression.
 */

import { EventLensError } from '../core/errors';
import { EventSetBuilder } from './builder';
import type { EventRecord, EventSet } from './eventSet';
import type { ImportOptions } from './import';
import type { ImportResult, SkippedReport } from './importResult';
import {
  feedLine,
  lheError,
  parseBlock,
  textChunks,
  type ParserState,
} from './lheParser';
import { addSampled, ClassSampler, sampleNote } from './sample';
import { normaliseUnits } from './units';

/** Options of an LHE import. */
export interface LheImportOptions extends ImportOptions {
  /**
   * Detector model applied to the truth-level set before it is returned,
   * for example the generator's parametric detector.
   */
  smear?: (set: EventSet) => EventSet;
  /** Bytes decoded per step; progress is reported after each. */
  chunkBytes?: number;
}

/** Default maximum number of LHE events in one import. */
export const DEFAULT_MAX_LHE_EVENTS = 1_000_000;

const DEFAULT_CHUNK_BYTES = 1 << 20;

function tooLarge(state: ParserState, maxEvents: number): EventLensError {
  return new EventLensError(
    'io/too-large',
    `Couldn't import ${state.fileName}: it has more than ${maxEvents} ` +
      'events, the limit kept in memory. Split the file into smaller ' +
      'ones, load a sample of it, or raise the event limit.',
    { file: state.fileName, maxEvents },
  );
}

/** Per-import tallies that end up in warnings and `skipped`. */
interface Tally {
  ignored: Map<number, number>;
  skipped: SkippedReport;
  /** Kept events when `sample` is set, which lifts the event limit. */
  sampler?: ClassSampler<EventRecord>;
}

function addBlock(
  block: string[],
  state: ParserState,
  builder: EventSetBuilder,
  options: LheImportOptions,
  tally: Tally,
): void {
  const index = state.events;
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_LHE_EVENTS;
  if (!tally.sampler && index >= maxEvents) throw tooLarge(state, maxEvents);
  try {
    const { objects, weight } = parseBlock(block, state, tally.ignored);
    const label = options.className ? 0 : -1;
    const event = { objects, label, weight, sourceEntry: index };
    if (tally.sampler) tally.sampler.offer(label, event);
    else builder.addEvent(event);
  } catch (error) {
    const skip = options.invalidEntries === 'skip';
    if (!skip || (error as EventLensError).code !== 'io/invalid-value') {
      throw error;
    }
    tally.skipped.count++;
    if (tally.skipped.examples.length < 5) {
      tally.skipped.examples.push(`event ${index + 1}`);
    }
  }
  state.events++;
}

/**
 * Imports an LHE file (plain or gzip-compressed). Events get the LHE
 * event weight, and `sourceEntry` is the 0-based index of the `<event>`
 * block. Without `smear` the objects are truth-level partons and leptons.
 */
export async function importLhe(
  bytes: ArrayBuffer,
  fileName: string,
  options: LheImportOptions = {},
): Promise<ImportResult> {
  const state: ParserState = {
    fileName,
    line: 0,
    sawHeader: false,
    block: null,
    blockLine: 0,
    events: 0,
  };
  if (bytes.byteLength === 0) {
    throw lheError(
      'io/empty-file',
      state,
      'the file is empty. Choose the file again; the upload may have failed.',
    );
  }
  const builder = new EventSetBuilder(
    options.className ? [options.className] : [],
  );
  const tally: Tally = {
    ignored: new Map(),
    skipped: { count: 0, reason: 'NaN or infinite values', examples: [] },
    sampler: options.sample ? new ClassSampler(options.sample) : undefined,
  };
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  let carry = '';
  for await (const [text, fraction] of textChunks(bytes, chunkBytes)) {
    if (options.signal?.aborted) {
      throw new EventLensError(
        'engine/cancelled',
        `Import of ${fileName} was cancelled.`,
        { file: fileName },
      );
    }
    const lines = (carry + text).split('\n');
    carry = lines.pop() ?? '';
    const done: string[][] = [];
    for (const line of lines) feedLine(state, line, done);
    for (const block of done) addBlock(block, state, builder, options, tally);
    options.onProgress?.(fraction, `Read ${state.events} events`);
  }
  const last: string[][] = [];
  feedLine(state, carry, last);
  for (const block of last) addBlock(block, state, builder, options, tally);
  if (tally.sampler) addSampled(tally.sampler, builder);
  return finishLhe(builder, state, options, tally);
}

/** Throws when the file ended inside a block, had no header or no event. */
function checkComplete(
  builder: EventSetBuilder,
  state: ParserState,
  tally: Tally,
): void {
  if (state.block) {
    throw lheError(
      'io/invalid-lhe',
      state,
      `the <event> block at line ${state.blockLine} has no </event>; the ` +
        'file may be truncated. Download or write it again.',
      { line: state.blockLine },
    );
  }
  if (!state.sawHeader) {
    throw lheError(
      'io/invalid-lhe',
      state,
      'it is not a Les Houches Event file (no <LesHouchesEvents> ' +
        'element). Choose an .lhe file.',
    );
  }
  if (builder.size > 0) return;
  if (tally.skipped.count > 0) {
    throw lheError(
      'io/invalid-value',
      state,
      'every event has NaN or infinite values. Check how the file was written.',
    );
  }
  throw lheError(
    'io/empty-file',
    state,
    'it contains no <event> blocks. Choose a file with events.',
  );
}

function finishLhe(
  builder: EventSetBuilder,
  state: ParserState,
  options: LheImportOptions,
  tally: Tally,
): ImportResult {
  checkComplete(builder, state, tally);

  const name = state.fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.lhe(\.gz)?$/i, '');
  // A detector model writes its own note, so the truth-level one would lie.
  const notes = options.smear
    ? []
    : [
        'Truth-level objects from LHE: partons, leptons and photons with ' +
          'no detector simulation; invisible particles summed into MET.',
      ];
  let set = builder.build(name, state.fileName, notes);

  // Units first: a detector model expects GeV.
  const warnings = normaliseUnits(set, options.units ?? 'auto', state.fileName);
  if (tally.ignored.size > 0) {
    const ids = [...tally.ignored].map(([id, n]) => `${id} (${n}×)`).join(', ');
    warnings.push(
      `${state.fileName}: left out final-state particles with ` +
        `PDG ids that map to no object type: ${ids}.`,
    );
  }

  if (options.sample) {
    const note = sampleNote(
      state.fileName,
      builder.size,
      state.events,
      options.sample,
    );
    warnings.push(note);
    set.notes.push(note);
  }

  let layout = 'lhe';
  if (options.smear) {
    set = options.smear(set);
    layout = 'lhe+detector';
  }
  const result: ImportResult = { set, layout, warnings };
  if (tally.skipped.count > 0) {
    result.skipped = tally.skipped;
    warnings.push(
      `${state.fileName}: skipped ${tally.skipped.count} events ` +
        `with NaN or infinite values (first: ${tally.skipped.examples.join(', ')}).`,
    );
  }
  return result;
}
