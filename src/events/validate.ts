import {
  OBJECT_TYPE_COUNT,
  OBJECT_TYPE_NAMES,
  type EventSet,
} from './eventSet';

/** One problem found in a set, located by event and object. */
export interface SetProblem {
  event: number;
  /** Index of the object within its event, when the problem is an object's. */
  object?: number;
  message: string;
}

/**
 * Checks a set's structure and values and returns every problem, each
 * naming the event (with its source entry) and object at fault. An empty
 * list means the set is valid.
 */
export function validateEventSet(
  set: EventSet,
  maxProblems = 20,
): SetProblem[] {
  const problems: SetProblem[] = [];
  const structural = checkStructure(set);
  if (structural) return [{ event: -1, message: structural }];
  const { offsets, objects, events, classNames } = set;
  for (
    let i = 0;
    i + 1 < offsets.length && problems.length < maxProblems;
    i++
  ) {
    const where = `event ${i} (source entry ${events.sourceEntry[i]})`;
    const label = events.label[i]!;
    if (label < -1 || label >= classNames.length) {
      problems.push({
        event: i,
        message: `${where}: label ${label} is not a class index below ${classNames.length}`,
      });
    }
    if (!Number.isFinite(events.weight[i])) {
      problems.push({ event: i, message: `${where}: weight is not finite` });
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const message = objectProblem(set, k);
      if (message) {
        const object = k - offsets[i]!;
        const type = OBJECT_TYPE_NAMES[objects.type[k]!] ?? 'object';
        problems.push({
          event: i,
          object,
          message: `${where}, object ${object} (${type}): ${message}`,
        });
      }
    }
  }
  return problems;
}

function checkStructure(set: EventSet): string | undefined {
  const { offsets, objects, events } = set;
  const nEvents = offsets.length - 1;
  const nObjects = offsets[nEvents] ?? 0;
  if (nEvents < 0 || offsets[0] !== 0) return 'offsets must start at 0';
  for (let i = 0; i < nEvents; i++) {
    if (offsets[i + 1]! < offsets[i]!) {
      return `offsets decrease at event ${i}`;
    }
  }
  for (const [name, column] of Object.entries(objects)) {
    if (column.length !== nObjects) {
      return `object column ${name} has ${column.length} entries, expected ${nObjects}`;
    }
  }
  for (const [name, column] of Object.entries(events)) {
    if (column.length !== nEvents) {
      return `event column ${name} has ${column.length} entries, expected ${nEvents}`;
    }
  }
  return undefined;
}

function objectProblem(set: EventSet, k: number): string | undefined {
  const { type, pt, eta, phi, energy, btag, charge } = set.objects;
  if (type[k]! >= OBJECT_TYPE_COUNT) return `type code ${type[k]} is unknown`;
  for (const [name, column] of [
    ['pt', pt],
    ['eta', eta],
    ['phi', phi],
    ['energy', energy],
    ['btag', btag],
  ] as const) {
    if (!Number.isFinite(column[k])) return `${name} is ${column[k]}`;
  }
  if (pt[k]! < 0) return `pt is ${pt[k]}, below 0`;
  if (energy[k]! < 0) return `energy is ${energy[k]}, below 0`;
  // Float32 storage rounds π up by 9e-8, hence the tolerance.
  if (Math.abs(phi[k]!) > Math.PI + 1e-6)
    return `phi is ${phi[k]}, outside (−π, π]`;
  if (btag[k]! < 0 || btag[k]! > 1) return `btag is ${btag[k]}, outside [0, 1]`;
  if (![-1, 0, 1].includes(charge[k]!)) return `charge is ${charge[k]}`;
  return undefined;
}
