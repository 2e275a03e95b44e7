import { EventLensError } from '../core/errors';
import { EventSetBuilder } from './builder';
import { OBJECT_TYPE_NAMES, type EventSet } from './eventSet';
import type { ImportResult } from './importResult';
import {
  findObjectProblem,
  normaliseObject,
  parseObjectType,
  TYPE_HELP,
  type RawObject,
} from './objectFields';

/** Format tag written into, and expected in, EventLens JSON files. */
export const JSON_FORMAT = 'eventlens-events';

/**
 * The JSON layout: `{ format, version: 1, name?, classNames?, events }`,
 * or just the `events` array. Each event is
 * `{ label?, weight?, objects: [{ type, pt, eta, phi, e | mass, btag?, charge? }] }`
 * where `label` is a class name or an index into `classNames`.
 */
interface JsonFile {
  format?: string;
  version?: number;
  name?: string;
  classNames?: unknown;
  events?: unknown;
}

function fail(fileName: string, path: string, message: string): never {
  throw new EventLensError(
    'io/invalid-event',
    `Couldn't read ${fileName}, ${path}: ${message}. Fix that entry and load the file again.`,
    { file: fileName, path },
  );
}

/** Names the JSON type of `value` for messages: "an array", "a number"… */
function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Parses JSON text; a syntax error is reported with its line and column. */
function parseJson(text: string, fileName: string): unknown {
  if (text.trim() === '') {
    throw new EventLensError(
      'io/empty-file',
      `Couldn't read ${fileName}: the file is empty. Choose a JSON file with an "events" array.`,
      { file: fileName },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = `, line ${line}, column ${column}`;
    }
    // V8's message for text that stops early names no position.
    const cut = /end of JSON input/i.test(message);
    const next = cut
      ? 'It ends before the JSON is complete, so it was probably cut off; export or download it again.'
      : 'Fix the file at that place, or export it again.';
    throw new EventLensError(
      'io/invalid-json',
      `Couldn't read ${fileName}${where}: the file is not valid JSON (${message}). ${next}`,
      { file: fileName },
    );
  }
}

function readNumber(
  fileName: string,
  record: Record<string, unknown>,
  keys: string[],
  path: string,
  fallback?: number,
): number | undefined {
  const key = keys.find((k) => k in record);
  if (key === undefined) {
    if (fallback === undefined && keys[0] !== 'e') {
      fail(fileName, path, `"${keys[0]}" is missing`);
    }
    return fallback;
  }
  const value = record[key];
  if (typeof value !== 'number') {
    fail(
      fileName,
      `${path}.${key}`,
      `${JSON.stringify(value)} is not a number`,
    );
  }
  return value;
}

function readObject(fileName: string, value: unknown, path: string): RawObject {
  if (typeof value !== 'object' || value === null) {
    fail(fileName, path, 'expected an object with type, pt, eta, phi and e');
  }
  const record = value as Record<string, unknown>;
  const type = parseObjectType(record.type as string | number);
  if (type === undefined) {
    fail(
      fileName,
      `${path}.type`,
      `${JSON.stringify(record.type)} is unknown; use ${TYPE_HELP}`,
    );
  }
  const isMet = type === 4;
  const object: RawObject = {
    type,
    pt: readNumber(fileName, record, ['pt'], path)!,
    eta: isMet ? 0 : readNumber(fileName, record, ['eta'], path)!,
    phi: readNumber(fileName, record, ['phi'], path, isMet ? 0 : undefined)!,
    energy: readNumber(fileName, record, ['e', 'energy', 'E'], path),
    mass: readNumber(fileName, record, ['mass', 'm'], path, 0),
    btag: readNumber(fileName, record, ['btag'], path, 0)!,
    charge: readNumber(fileName, record, ['charge'], path, 0)!,
  };
  const problem = findObjectProblem(object);
  if (problem) fail(fileName, path, problem);
  return object;
}

/** Imports an EventLens JSON file (see `JsonFile` for the layout). */
export function importJson(text: string, fileName: string): ImportResult {
  const parsed = parseJson(text, fileName);
  const file: JsonFile = Array.isArray(parsed)
    ? { events: parsed }
    : (parsed as JsonFile);
  if (
    typeof file !== 'object' ||
    file === null ||
    !Array.isArray(file.events)
  ) {
    fail(
      fileName,
      'top level',
      'expected an "events" array or an array of events',
    );
  }
  if (file.format !== undefined && file.format !== JSON_FORMAT) {
    fail(fileName, 'format', `"${file.format}" is not "${JSON_FORMAT}"`);
  }
  const name = file.name ?? fileName.replace(/\.[^.]+$/, '');
  const declared = Array.isArray(file.classNames)
    ? file.classNames.map(String)
    : [];
  const classes = new Map(declared.map((c, i) => [c, i]));
  const builder = new EventSetBuilder();
  const truthKeys: { keys?: string[] } = {};
  let labelled = false;
  file.events.forEach((event: unknown, i: number) => {
    const path = `events[${i}]`;
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      fail(
        fileName,
        path,
        `expected an event object such as {"objects": [...]}, found ${describeJson(event)}`,
      );
    const record = event as Record<string, unknown>;
    if (!Array.isArray(record.objects))
      fail(fileName, `${path}.objects`, 'expected an array');
    const label = readLabel(fileName, record.label, classes, path);
    if (label >= 0) labelled = true;
    const weight = readNumber(fileName, record, ['weight'], path, 1)!;
    record.objects.forEach((object: unknown, k: number) => {
      builder.addObject(
        normaliseObject(readObject(fileName, object, `${path}.objects[${k}]`)),
      );
    });
    const truth = readTruth(fileName, record.truth, path, truthKeys);
    builder.endEvent(label, weight, i, truth);
  });
  if (builder.size === 0) {
    throw new EventLensError(
      'io/empty-file',
      `Couldn't read ${fileName}: its "events" array is empty. Add events to the file.`,
      { file: fileName },
    );
  }
  // A file without labels is one class named after the file.
  const classNames = classes.size > 0 ? [...classes.keys()] : [name];
  const set = builder.build(name, fileName, [], classNames);
  if (classes.size === 0 && !labelled) set.events.label.fill(0);
  return { set, layout: 'json', warnings: [] };
}

function readLabel(
  fileName: string,
  label: unknown,
  classes: Map<string, number>,
  path: string,
): number {
  if (label === undefined || label === null) return -1;
  if (typeof label === 'number') {
    if (!Number.isInteger(label) || label < 0 || label >= classes.size) {
      fail(
        fileName,
        `${path}.label`,
        `${label} is not an index into classNames`,
      );
    }
    return label;
  }
  const key = String(label);
  let index = classes.get(key);
  if (index === undefined) {
    index = classes.size;
    classes.set(key, index);
  }
  return index;
}

/**
 * Reads an event's optional `truth` object. Every event must carry the same
 * keys as the first, because truth is stored as one column per key.
 */
function readTruth(
  fileName: string,
  value: unknown,
  path: string,
  seen: { keys?: string[] },
): Record<string, number> | undefined {
  const keys = value === undefined ? [] : Object.keys(value as object).sort();
  seen.keys ??= keys;
  if (keys.join() !== seen.keys.join()) {
    fail(
      fileName,
      `${path}.truth`,
      `has keys [${keys.join(', ')}], but the first event has [${seen.keys.join(', ')}]`,
    );
  }
  if (value === undefined) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of keys) {
    if (typeof record[key] !== 'number' || !Number.isFinite(record[key])) {
      fail(fileName, `${path}.truth.${key}`, 'must be a finite number');
    }
  }
  return record as Record<string, number>;
}

/** Writes a set as EventLens JSON; reading it back gives the same set. */
export function eventSetToJson(set: EventSet): string {
  const { offsets, objects, events } = set;
  const truthKeys = Object.keys(set.truth ?? {});
  const list = [];
  for (let i = 0; i + 1 < offsets.length; i++) {
    const items = [];
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      items.push({
        type: OBJECT_TYPE_NAMES[objects.type[k]!],
        pt: objects.pt[k],
        eta: objects.eta[k],
        phi: objects.phi[k],
        e: objects.energy[k],
        btag: objects.btag[k],
        charge: objects.charge[k],
      });
    }
    const label = events.label[i]!;
    const truth = truthKeys.length
      ? Object.fromEntries(truthKeys.map((key) => [key, set.truth![key]![i]]))
      : undefined;
    list.push({
      // An unlabelled event (−1) has no label in the file.
      label: label >= 0 ? label : undefined,
      weight: events.weight[i],
      objects: items,
      truth,
    });
  }
  return JSON.stringify({
    format: JSON_FORMAT,
    version: 1,
    name: set.name,
    classNames: set.classNames,
    events: list,
  });
}
