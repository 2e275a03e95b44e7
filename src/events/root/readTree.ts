/**
 * Reading a tree through a `BranchMapping` into an `EventSet`, chunk by
 * chunk, with progress, cancellation and the checks that turn bad input
 * into messages a person can act on.
 */

import { EventLensError } from '../../core/errors';
import { EventSetBuilder } from '../builder';
import type { ImportOptions } from '../import';
import type { ImportResult, SkippedReport } from '../importResult';
import {
  addSampled,
  ClassSampler,
  sampleNote,
  type SampleOption,
} from '../sample';
import { normaliseUnits } from '../units';
import { convertEntry, InvalidValueError } from './convert';
import { mappingBranches, type BranchMapping } from './mapping';
import type { EventRecord } from '../eventSet';
import type { BranchValue, TreeSource } from './rootFile';

/** Default maximum number of events in one import. */
export const DEFAULT_MAX_EVENTS = 1_000_000;

/** Default number of entries read per jsroot call. */
export const DEFAULT_CHUNK_SIZE = 10_000;

/** Options of reading one tree. */
export interface ReadTreeOptions extends ImportOptions {
  /** Entries read per jsroot call; progress is reported after each. */
  chunkSize?: number;
  /**
   * Branch holding each entry's class, replacing the mapping's `label`.
   * Its distinct values become classes named "branch = value".
   */
  labelBranch?: string;
}

function checkTree(
  source: TreeSource,
  mapping: BranchMapping,
  fileName: string,
  maxEvents: number | null,
): string[] {
  const { name, entries } = source.info;
  const available = new Set(source.info.branches.map((b) => b.name));
  const branches = mappingBranches(mapping);
  const missing = branches.filter((branch) => !available.has(branch));
  if (missing.length > 0) {
    throw new EventLensError(
      'io/unsupported-layout',
      `Couldn't import ${fileName}: tree "${name}" has no branch ` +
        `${missing.map((b) => `"${b}"`).join(', ')}, which the mapping ` +
        'reads. Choose existing branches in the mapping.',
      { file: fileName, tree: name, missing },
    );
  }
  if (entries === 0) {
    throw new EventLensError(
      'io/empty-file',
      `Couldn't import ${fileName}: tree "${name}" has no entries. ` +
        'Choose a file or tree that contains events.',
      { file: fileName, tree: name },
    );
  }
  if (maxEvents !== null && entries > maxEvents) {
    throw new EventLensError(
      'io/too-large',
      `Couldn't import ${fileName}: tree "${name}" has ${entries} entries, ` +
        `more than the limit of ${maxEvents} events kept in memory. ` +
        'Load a sample of it, split the file, or raise the event limit.',
      { file: fileName, tree: name, entries, maxEvents },
    );
  }
  return branches;
}

function readFailed(
  error: unknown,
  fileName: string,
  tree: string,
  first: number,
): EventLensError {
  if (error instanceof EventLensError) return error;
  return new EventLensError(
    'io/read-failed',
    `Couldn't read ${fileName}: reading tree "${tree}" from entry ${first} ` +
      `failed (${(error as Error)?.message ?? String(error)}). The file ` +
      'may be damaged; download it again.',
    { file: fileName, tree, firstEntry: first },
  );
}

function cancelled(fileName: string): EventLensError {
  return new EventLensError(
    'engine/cancelled',
    `Import of ${fileName} was cancelled.`,
    { file: fileName },
  );
}

/** Classes of a label branch: each distinct value, in order of appearance. */
class LabelClasses {
  readonly names: string[] = [];
  private readonly indices = new Map<number, number>();

  constructor(private readonly branch: string) {}

  /** Returns the class index of a label value, adding a class if new. */
  indexOf(value: number): number {
    let index = this.indices.get(value);
    if (index === undefined) {
      index = this.names.length;
      this.indices.set(value, index);
      this.names.push(`${this.branch} = ${value}`);
    }
    return index;
  }
}

/** Where each converted entry goes: straight to the set, or a sampler. */
interface EntrySink {
  builder: EventSetBuilder;
  sampler?: ClassSampler<EventRecord>;
  labels?: LabelClasses;
}

function sinkFor(mapping: BranchMapping, options: ReadTreeOptions): EntrySink {
  // A label branch defines the classes, so a file class name would clash.
  const classNames =
    options.className && !mapping.label ? [options.className] : [];
  return {
    builder: new EventSetBuilder(classNames),
    sampler: options.sample
      ? new ClassSampler<EventRecord>(options.sample)
      : undefined,
    labels: mapping.label ? new LabelClasses(mapping.label) : undefined,
  };
}

/** Entries to read: all, or only the first N when that is the sample. */
function entriesToRead(
  entries: number,
  mapping: BranchMapping,
  sample: SampleOption | undefined,
): number {
  if (sample?.mode !== 'first' || mapping.label) return entries;
  return Math.min(entries, sample.size);
}

/**
 * Imports the entries of one tree with a mapping. `layout` is reported
 * in the result. Entries with NaN or infinite values fail the import
 * unless `invalidEntries` is "skip", which leaves them out and reports
 * them in `skipped`. With `sample`, only a sample is kept, so the event
 * limit does not apply.
 */
export async function importTreeSource(
  source: TreeSource,
  detected: BranchMapping,
  layout: string,
  fileName: string,
  options: ReadTreeOptions = {},
): Promise<ImportResult> {
  const mapping = options.labelBranch
    ? { ...detected, label: options.labelBranch }
    : detected;
  const maxEvents = options.sample
    ? null
    : (options.maxEvents ?? DEFAULT_MAX_EVENTS);
  const branches = checkTree(source, mapping, fileName, maxEvents);
  const tree = source.info.name;
  const entries = entriesToRead(source.info.entries, mapping, options.sample);
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const defaultLabel = options.className ? 0 : -1;
  const sink = sinkFor(mapping, options);
  const skipped: SkippedReport = {
    count: 0,
    reason: 'NaN or infinite values',
    examples: [],
  };
  let zeroPtObjects = 0;

  const onEntry = (entry: number, values: Record<string, BranchValue>) => {
    try {
      const where = { fileName, tree, entry };
      const converted = convertEntry(mapping, values, where);
      zeroPtObjects += converted.zeroPtObjects;
      const label =
        sink.labels && converted.label !== undefined
          ? sink.labels.indexOf(converted.label)
          : defaultLabel;
      const event = {
        objects: converted.objects,
        label,
        weight: converted.weight,
        sourceEntry: entry,
      };
      if (sink.sampler) sink.sampler.offer(label, event);
      else sink.builder.addEvent(event);
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      if (options.invalidEntries !== 'skip') throw error;
      skipped.count++;
      if (skipped.examples.length < 5) skipped.examples.push(`entry ${entry}`);
    }
  };

  for (let first = 0; first < entries; first += chunkSize) {
    if (options.signal?.aborted) throw cancelled(fileName);
    const count = Math.min(chunkSize, entries - first);
    try {
      await source.read(branches, first, count, onEntry);
    } catch (error) {
      throw readFailed(error, fileName, tree, first);
    }
    const done = first + count;
    options.onProgress?.(done / entries, `Read ${done} of ${entries} entries`);
  }
  if (sink.sampler) addSampled(sink.sampler, sink.builder);
  return finish(sink, fileName, layout, mapping, options, {
    skipped,
    zeroPtObjects,
    read: entries,
  });
}

function finish(
  sink: EntrySink,
  fileName: string,
  layout: string,
  mapping: BranchMapping,
  options: ReadTreeOptions,
  tally: { skipped: SkippedReport; zeroPtObjects: number; read: number },
): ImportResult {
  const { builder } = sink;
  if (builder.size === 0) {
    throw new EventLensError(
      'io/invalid-value',
      `Couldn't import ${fileName}: every entry has NaN or infinite ` +
        'values. Check how the file was written.',
      { file: fileName },
    );
  }
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.root$/i, '');
  const set = builder.build(name, fileName, [], sink.labels?.names);
  const units = options.units ?? mapping.units ?? 'auto';
  const warnings = normaliseUnits(set, units, fileName);
  if (tally.zeroPtObjects > 0) {
    const message =
      `${fileName}: left out ${tally.zeroPtObjects} objects with pT = 0, ` +
      'which have no direction.';
    warnings.push(message);
    set.notes.push(message);
  }
  if (options.sample) {
    const note = sampleNote(fileName, builder.size, tally.read, options.sample);
    warnings.push(note);
    set.notes.push(note);
  }
  const result: ImportResult = { set, layout, warnings };
  if (tally.skipped.count > 0) {
    result.skipped = tally.skipped;
    warnings.push(
      `${fileName}: skipped ${tally.skipped.count} entries with NaN or ` +
        `infinite values (first: ${tally.skipped.examples.join(', ')}).`,
    );
  }
  return result;
}
