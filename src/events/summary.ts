import {
  eventCount,
  objectCount,
  OBJECT_TYPE_NAMES,
  type EventSet,
} from './eventSet';

/** Counts of objects by type name, over a whole set. */
export function countObjectsByType(set: EventSet): Record<string, number> {
  const counts = new Array<number>(OBJECT_TYPE_NAMES.length).fill(0);
  for (const type of set.objects.type) counts[type]!++;
  return Object.fromEntries(
    OBJECT_TYPE_NAMES.map((name, i) => [name, counts[i]!]),
  );
}

/** Counts of events by class, in class order; unlabelled events last. */
export function countEventsByClass(
  set: EventSet,
): { name: string; events: number }[] {
  const counts = new Array<number>(set.classNames.length).fill(0);
  let unlabelled = 0;
  for (const label of set.events.label) {
    if (label >= 0 && label < counts.length) counts[label]!++;
    else unlabelled++;
  }
  const rows = set.classNames.map((name, i) => ({ name, events: counts[i]! }));
  if (unlabelled > 0) rows.push({ name: 'unlabelled', events: unlabelled });
  return rows;
}

/** Returns the total numbers of events and objects. */
export function setSize(set: EventSet): { events: number; objects: number } {
  return { events: eventCount(set), objects: objectCount(set) };
}

/** Lists the transferable buffers of a set, for zero-copy postMessage. */
export function setBuffers(set: EventSet): ArrayBuffer[] {
  const columns = [
    set.offsets,
    ...Object.values(set.objects),
    ...Object.values(set.events),
    ...Object.values(set.truth ?? {}),
  ];
  return columns.map((column) => column.buffer as ArrayBuffer);
}
