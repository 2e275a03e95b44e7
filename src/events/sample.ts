/**
 * Loading a sample of a file instead of all of it: the first N events of
 * each class, or a seeded uniform random subset of N events per class.
 * Streaming importers (ROOT, LHE) offer each event as they read it, so a
 * file beyond the event limit still loads; CSV and JSON are sampled after
 * parsing because the byte limit already bounds them.
 */

import { EventSetBuilder } from './builder';
import { eventCount, type EventRecord, type EventSet } from './eventSet';

/** How many events to keep, and which. */
export interface SampleOption {
  /** Events kept per class; unlabelled events count as one class. */
  size: number;
  /** "first": the first `size` events; "random": a uniform subset. */
  mode: 'first' | 'random';
  /** Seed of the random subset; the same seed keeps the same events. */
  seed?: number;
}

/** Throws a RangeError naming the field unless `option` is usable. */
export function checkSampleOption(option: SampleOption): void {
  if (!Number.isInteger(option.size) || option.size < 1) {
    throw new RangeError(
      `sample.size must be an integer ≥ 1, got ${option.size}.`,
    );
  }
  if (option.mode !== 'first' && option.mode !== 'random') {
    throw new RangeError(
      `sample.mode must be "first" or "random", got "${String(option.mode)}".`,
    );
  }
}

/** mulberry32: small, fast and good enough to pick a subset. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Keeps at most `size` items per class from a stream of unknown length.
 * Random mode is reservoir sampling (Algorithm R), so every item of a
 * class has the same chance, whatever the file's order or length.
 */
export class ClassSampler<T> {
  /** Items offered so far, over all classes. */
  offered = 0;
  private readonly kept = new Map<number, { order: number; item: T }[]>();
  private readonly seen = new Map<number, number>();
  private readonly uniform: () => number;

  constructor(private readonly option: SampleOption) {
    checkSampleOption(option);
    this.uniform = seededUniform(option.seed ?? 1);
  }

  /** Offers one item of class `label` (−1 for unlabelled). */
  offer(label: number, item: T): void {
    const order = this.offered++;
    const seen = (this.seen.get(label) ?? 0) + 1;
    this.seen.set(label, seen);
    let kept = this.kept.get(label);
    if (!kept) {
      kept = [];
      this.kept.set(label, kept);
    }
    if (kept.length < this.option.size) {
      kept.push({ order, item });
    } else if (this.option.mode === 'random') {
      const slot = Math.floor(this.uniform() * seen);
      if (slot < this.option.size) kept[slot] = { order, item };
    }
  }

  /** True when "first" mode can keep nothing more of the single class. */
  isFull(): boolean {
    if (this.option.mode !== 'first' || this.kept.size !== 1) return false;
    const [only] = this.kept.values();
    return (only?.length ?? 0) >= this.option.size;
  }

  /** Returns the kept items in the order they were offered. */
  items(): T[] {
    return [...this.kept.values()]
      .flat()
      .sort((a, b) => a.order - b.order)
      .map(({ item }) => item);
  }
}

/** Appends the events a sampler kept to `builder`. */
export function addSampled(
  sampler: ClassSampler<EventRecord>,
  builder: EventSetBuilder,
): void {
  for (const event of sampler.items()) builder.addEvent(event);
}

/** Returns a new set holding only events `indices` of `set`, in order. */
export function subsetEvents(set: EventSet, indices: number[]): EventSet {
  const builder = new EventSetBuilder(set.classNames);
  const { objects, events, offsets, truth } = set;
  for (const i of indices) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      builder.addObject({
        type: objects.type[k]!,
        pt: objects.pt[k]!,
        eta: objects.eta[k]!,
        phi: objects.phi[k]!,
        energy: objects.energy[k]!,
        btag: objects.btag[k]!,
        charge: objects.charge[k]!,
      });
    }
    const eventTruth = truth
      ? Object.fromEntries(
          Object.entries(truth).map(([key, column]) => [key, column[i]!]),
        )
      : undefined;
    builder.endEvent(
      events.label[i]!,
      events.weight[i]!,
      events.sourceEntry[i]!,
      eventTruth,
    );
  }
  return builder.build(set.name, set.source, [...set.notes]);
}

/** Returns a sample of a finished set; the set itself when it is small. */
export function sampleEventSet(set: EventSet, option: SampleOption): EventSet {
  const sampler = new ClassSampler<number>(option);
  const total = eventCount(set);
  for (let i = 0; i < total; i++) sampler.offer(set.events.label[i]!, i);
  const kept = sampler.items();
  return kept.length === total ? set : subsetEvents(set, kept);
}

/** The note a sampled set carries, for the page and the command line. */
export function sampleNote(
  fileName: string,
  kept: number,
  read: number,
  option: SampleOption,
): string {
  const which =
    option.mode === 'random'
      ? `a random sample (seed ${option.seed ?? 1})`
      : 'the first events';
  return (
    `${fileName}: loaded ${kept} of ${read} events read, ${which} of at ` +
    `most ${option.size} per class.`
  );
}
