/**
 * The data of a fine-tuning experiment: one event set per class, split
 * per class (stratified) into test, validation and training events with
 * a seeded shuffle. Test and validation events are cut first, from fixed
 * fractions, so the test set stays the same whatever the training size,
 * and test events are never trained on.
 */

import { EventLensError } from '../core/errors';
import { eventCount, type EventSet } from '../events/eventSet';
import { createRandom, shuffleInPlace } from '../graph/random';

/**
 * One class of the experiment: every event of `set` gets this class.
 * NOTE: the labels inside `set` are ignored, so a file with a label
 * column is trained as a single class, not split into its labels.
 */
export interface ClassData {
  name: string;
  set: EventSet;
}

/** Split settings: training size, held-out fractions and seed. */
export interface SplitSettings {
  /** Training events per class; null takes every event left. */
  perClass: number | null;
  /** Share of each class held out for validation, in (0, 1). */
  validationFraction: number;
  /** Share of each class held out for the test, in (0, 1). */
  testFraction: number;
  seed: number;
}

/** Events of one class in each part. */
export interface ClassCounts {
  name: string;
  source: string;
  available: number;
  train: number;
  validation: number;
  test: number;
}

/** The three labelled parts and their per-class counts. */
export interface DataSplit {
  train: EventSet;
  validation: EventSet;
  test: EventSet;
  counts: ClassCounts[];
  /** Messages for a person, e.g. fewer training events than requested. */
  warnings: string[];
}

/** Minimum training events per class below which the split warns. */
export const FEW_EVENTS_WARNING = 8;

function reject(message: string, details: Record<string, unknown> = {}) {
  return new EventLensError('engine/invalid-request', message, details);
}

/** Checks the classes and fractions; throws a message naming the problem. */
function checkInput(classes: readonly ClassData[], settings: SplitSettings) {
  if (classes.length < 2) {
    throw reject(
      `Fine-tuning needs at least two classes, got ${classes.length}. ` +
        'Load two or more event sets on the Data page and select them.',
    );
  }
  const names = classes.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    throw reject(
      `Two classes are both named "${duplicate}", but each class needs ` +
        'its own name. Use each event set once.',
    );
  }
  const { validationFraction: v, testFraction: t } = settings;
  if (!(v > 0 && t > 0 && v + t < 1)) {
    throw reject(
      `Validation (${v}) and test (${t}) fractions must be above 0 and ` +
        'sum to less than 1.',
    );
  }
  if (settings.perClass !== null && !(settings.perClass >= 1)) {
    throw reject(
      `Training events per class must be at least 1, got ${settings.perClass}.`,
    );
  }
  for (const c of classes) {
    if (eventCount(c.set) < 3) {
      throw reject(
        `Class "${c.name}" has ${eventCount(c.set)} events; it needs at ` +
          'least 3 (one each for training, validation and test). Load more ' +
          'events for it.',
        { className: c.name },
      );
    }
  }
}

/** Copies the chosen events of several sets into one labelled set. */
export function gatherEvents(
  parts: readonly { set: EventSet; indices: readonly number[] }[],
  classNames: string[],
  name: string,
): EventSet {
  let events = 0;
  let objects = 0;
  for (const { set, indices } of parts) {
    events += indices.length;
    for (const e of indices)
      objects += (set.offsets[e + 1] ?? 0) - (set.offsets[e] ?? 0);
  }
  const out: EventSet = {
    name,
    source: parts.map((p) => p.set.source).join(', '),
    offsets: new Uint32Array(events + 1),
    objects: {
      type: new Uint8Array(objects),
      pt: new Float32Array(objects),
      eta: new Float32Array(objects),
      phi: new Float32Array(objects),
      energy: new Float32Array(objects),
      btag: new Float32Array(objects),
      charge: new Int8Array(objects),
    },
    events: {
      label: new Int32Array(events),
      weight: new Float32Array(events),
      sourceEntry: new Int32Array(events),
    },
    classNames,
    notes: [],
  };
  let e = 0;
  let o = 0;
  parts.forEach(({ set, indices }, label) => {
    for (const source of indices) {
      const start = set.offsets[source] ?? 0;
      const end = set.offsets[source + 1] ?? start;
      for (const key of Object.keys(
        out.objects,
      ) as (keyof EventSet['objects'])[]) {
        out.objects[key].set(set.objects[key].subarray(start, end), o);
      }
      o += end - start;
      out.events.label[e] = label;
      out.events.weight[e] = set.events.weight[source] ?? 1;
      out.events.sourceEntry[e] = set.events.sourceEntry[source] ?? source;
      e++;
      out.offsets[e] = o;
    }
  });
  return out;
}

/** Splits each class into test, validation and training events. */
export function splitClasses(
  classes: readonly ClassData[],
  settings: SplitSettings,
): DataSplit {
  checkInput(classes, settings);
  const warnings: string[] = [];
  const parts = classes.map((c, index) => {
    const n = eventCount(c.set);
    const order = Array.from({ length: n }, (_, i) => i);
    // Each class gets its own stream, so adding a class leaves the others'
    // split unchanged.
    shuffleInPlace(order, createRandom(settings.seed * 7919 + index + 1));
    const test = Math.max(1, Math.round(n * settings.testFraction));
    const validation = Math.max(1, Math.round(n * settings.validationFraction));
    const left = Math.max(1, n - test - validation);
    const train = Math.min(settings.perClass ?? left, left);
    if (settings.perClass !== null && train < settings.perClass) {
      warnings.push(
        `Class "${c.name}" has only ${train} events left for training ` +
          `after the validation and test cut; ${settings.perClass} were requested.`,
      );
    }
    if (train < FEW_EVENTS_WARNING) {
      warnings.push(
        `Class "${c.name}" has only ${train} training events; with fewer ` +
          `than ${FEW_EVENTS_WARNING} per class the results are mostly noise.`,
      );
    }
    return {
      test: order.slice(0, test),
      validation: order.slice(test, test + validation),
      train: order.slice(test + validation, test + validation + train),
      counts: {
        name: c.name,
        source: c.set.source,
        available: n,
        train,
        validation,
        test,
      },
      set: c.set,
    };
  });
  const names = classes.map((c) => c.name);
  const pick = (part: 'train' | 'validation' | 'test') =>
    gatherEvents(
      parts.map((p) => ({ set: p.set, indices: p[part] })),
      names,
      `${names.join(' vs ')} (${part})`,
    );
  return {
    train: pick('train'),
    validation: pick('validation'),
    test: pick('test'),
    counts: parts.map((p) => p.counts),
    warnings,
  };
}
