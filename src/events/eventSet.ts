/**
 * The in-memory event model shared by importers, the generator, graph
 * building and the pages.
 *
 * An `EventSet` is columnar and jagged: the objects of every event are laid
 * end to end in flat typed arrays, and `offsets` marks where each event's
 * objects start. Event `i` owns objects `offsets[i]` to `offsets[i + 1] - 1`.
 * Energies and momenta are in GeV, angles in radians, φ in (−π, π].
 */

/** Kinds of reconstructed object. The numeric values are stored in files. */
export enum ObjectType {
  Jet = 0,
  Electron = 1,
  Muon = 2,
  Photon = 3,
  /** Missing transverse momentum: η = 0, E = pT by convention. */
  MissingEt = 4,
}

/** Number of object types, the width of a one-hot type encoding. */
export const OBJECT_TYPE_COUNT = 5;

/** Names used in files, messages and the page, indexed by `ObjectType`. */
export const OBJECT_TYPE_NAMES: readonly string[] = [
  'jet',
  'electron',
  'muon',
  'photon',
  'met',
];

/** Per-object columns, one entry per object across all events. */
export interface ObjectColumns {
  /** `ObjectType` of each object. */
  type: Uint8Array;
  /** Transverse momentum, GeV, ≥ 0. */
  pt: Float32Array;
  /** Pseudorapidity; 0 for missing transverse momentum. */
  eta: Float32Array;
  /** Azimuth, radians, in (−π, π]. */
  phi: Float32Array;
  /** Energy, GeV, ≥ 0. */
  energy: Float32Array;
  /** b-tag: 1 tagged, 0 not; a discriminant in [0, 1] is also allowed. */
  btag: Float32Array;
  /** Electric charge in units of e: −1, 0 or +1. */
  charge: Int8Array;
}

/** Per-event columns, one entry per event. */
export interface EventColumns {
  /** Index into `classNames`, or −1 when the event has no label. */
  label: Int32Array;
  /** Event weight; 1 when the source has none. */
  weight: Float32Array;
  /** Entry (ROOT), event number (LHE, JSON) or first line (CSV) in the source. */
  sourceEntry: Int32Array;
}

/** Optional per-event truth for multilabel training, keyed by quantity. */
export type TruthColumns = Record<string, Float32Array>;

/** A set of events with their objects, labels and provenance. */
export interface EventSet {
  /** Display name, usually the file name without extension. */
  name: string;
  /** File or generator the events came from. */
  source: string;
  /** Object start offsets, length = number of events + 1. */
  offsets: Uint32Array;
  objects: ObjectColumns;
  events: EventColumns;
  /** Class names that `events.label` indexes. */
  classNames: string[];
  truth?: TruthColumns;
  /** Notes a person should see, for example a unit conversion. */
  notes: string[];
}

/** Returns the number of events in a set. */
export function eventCount(set: EventSet): number {
  return set.offsets.length - 1;
}

/** Returns the total number of objects in a set. */
export function objectCount(set: EventSet): number {
  return set.offsets[set.offsets.length - 1] ?? 0;
}

/** One object as a plain record, for building sets row by row. */
export interface PhysicsObject {
  type: ObjectType;
  pt: number;
  eta: number;
  phi: number;
  energy: number;
  btag: number;
  charge: number;
}

/** One event as plain records, for building sets row by row. */
export interface EventRecord {
  objects: PhysicsObject[];
  /** Class index into the set's `classNames`, or −1. */
  label: number;
  weight: number;
  sourceEntry: number;
}
