/**
 * Leave-one-object-out importance: how much the probability of the
 * predicted class drops when one object is removed from the event. It
 * needs only forward passes, so it works for any model and backend, and
 * it reads as "this object made the model more (or less) sure".
 */

import { EventLensError } from '../core/errors';
import { eventCount, type EventSet } from '../events/eventSet';

/**
 * Builds a set whose event 0 is event `event` of `set` and whose event
 * k + 1 is the same event without its object k (in the set's order).
 */
export function leaveOneOutSet(set: EventSet, event: number): EventSet {
  if (!(event >= 0 && event < eventCount(set))) {
    throw new EventLensError(
      'engine/invalid-request',
      `Event ${event} is not in "${set.name}", which has ` +
        `${eventCount(set)} events.`,
    );
  }
  const start = set.offsets[event]!;
  const n = set.offsets[event + 1]! - start;
  const variants = n + 1;
  const total = n + n * (n - 1);
  const picks = new Int32Array(total);
  const offsets = new Uint32Array(variants + 1);
  let at = 0;
  for (let v = 0; v < variants; v++) {
    offsets[v] = at;
    for (let k = 0; k < n; k++) {
      if (k !== v - 1) picks[at++] = start + k;
    }
  }
  offsets[variants] = at;

  const floats = (column: Float32Array) =>
    Float32Array.from(picks, (i) => column[i]!);
  const { objects } = set;
  return {
    name: `${set.name} event ${event}, leave one out`,
    source: set.source,
    offsets,
    objects: {
      type: Uint8Array.from(picks, (i) => objects.type[i]!),
      pt: floats(objects.pt),
      eta: floats(objects.eta),
      phi: floats(objects.phi),
      energy: floats(objects.energy),
      btag: floats(objects.btag),
      charge: Int8Array.from(picks, (i) => objects.charge[i]!),
    },
    events: {
      label: new Int32Array(variants).fill(set.events.label[event]!),
      weight: new Float32Array(variants).fill(1),
      sourceEntry: new Int32Array(variants).fill(
        set.events.sourceEntry[event]!,
      ),
    },
    classNames: set.classNames,
    notes: [],
  };
}

/**
 * Returns, per object, p(target | full event) − p(target | event without
 * the object), from the probabilities `[n + 1, classes]` of the set that
 * `leaveOneOutSet` builds. Positive: the object supports the class.
 */
export function leaveOneOutImportance(
  probabilities: Float32Array,
  classes: number,
  target: number,
): number[] {
  const variants = probabilities.length / classes;
  const full = probabilities[target]!;
  const drops: number[] = [];
  for (let v = 1; v < variants; v++) {
    drops.push(full - probabilities[v * classes + target]!);
  }
  return drops;
}
