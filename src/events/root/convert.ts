/**
 * Conversion of one TTree entry, as branch values, into EventSet objects
 * according to a `BranchMapping`.
 */

import { EventLensError } from '../../core/errors';
import { energyFromPtEtaM, wrapPhi } from '../../physics/kinematics';
import { ObjectType, type PhysicsObject } from '../eventSet';
import type { BranchValue } from './rootFile';
import type { BranchMapping, MappedObjectType, ObjectMapping } from './mapping';

const TYPE_OF: Record<MappedObjectType, ObjectType> = {
  jet: ObjectType.Jet,
  electron: ObjectType.Electron,
  muon: ObjectType.Muon,
  photon: ObjectType.Photon,
  met: ObjectType.MissingEt,
};

/** Location of an entry (file, tree, entry number), for messages. */
export interface EntryContext {
  fileName: string;
  tree: string;
  entry: number;
}

/** An entry converted to objects, with its weight and label. */
export interface ConvertedEntry {
  objects: PhysicsObject[];
  weight: number;
  /** Label from the mapping's label branch, or undefined without one. */
  label?: number;
  /** Non-MET objects left out because their pT is 0 (no direction). */
  zeroPtObjects: number;
}

/** Thrown for a NaN or infinite value; callers may skip the entry. */
export class InvalidValueError extends EventLensError {}

function lengthOf(value: BranchValue): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' || typeof value === 'boolean') return 1;
  return value.length;
}

function elementOf(value: BranchValue, index: number): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number(value[index]);
}

function branchesOf(object: ObjectMapping): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(object.momentum)) {
    if (key !== 'frame' && typeof value === 'string') names.push(value);
  }
  if (object.btag) names.push(object.btag.branch);
  if (object.charge) names.push(object.charge);
  if (object.select) names.push(object.select.branch);
  return names;
}

function collectionLength(
  object: ObjectMapping,
  values: Record<string, BranchValue>,
  where: EntryContext,
): number {
  const names = branchesOf(object);
  const first = names[0] ?? '';
  const length = lengthOf(values[first]);
  for (const name of names.slice(1)) {
    const other = lengthOf(values[name]);
    if (other === length) continue;
    throw new EventLensError(
      'io/invalid-value',
      `Couldn't import ${where.fileName}: in entry ${where.entry} of tree ` +
        `"${where.tree}", the ${object.type} branches have different ` +
        `lengths ("${first}" has ${length} values, "${name}" has ` +
        `${other}). Map all ${object.type} quantities to branches of ` +
        'the same collection.',
      { ...where, branches: [first, name], lengths: [length, other] },
    );
  }
  return length;
}

function finite(value: number, branch: string, where: EntryContext): number {
  if (Number.isFinite(value)) return value;
  throw new InvalidValueError(
    'io/invalid-value',
    `Couldn't import ${where.fileName}: entry ${where.entry} of tree ` +
      `"${where.tree}" has the value ${value} in branch "${branch}". Fix ` +
      'the file, or import it with invalid entries skipped.',
    { ...where, branch, value: String(value) },
  );
}

type Read = (branch: string | undefined) => number;

function kinematics(
  object: ObjectMapping,
  read: Read,
): { pt: number; eta: number; phi: number; energy: number } {
  const isMet = object.type === 'met';
  const m = object.momentum;
  if (m.frame === 'cartesian') {
    const px = read(m.px);
    const py = read(m.py);
    const pt = Math.hypot(px, py);
    const phi = pt === 0 ? 0 : wrapPhi(Math.atan2(py, px));
    if (isMet) return { pt, eta: 0, phi, energy: pt };
    const pz = read(m.pz);
    const eta = pt === 0 ? 0 : Math.asinh(pz / pt);
    const energy = m.energy ? read(m.energy) : Math.hypot(pt, pz);
    return { pt, eta, phi, energy };
  }
  const pt = read(m.pt);
  const phi = wrapPhi(read(m.phi));
  if (isMet) return { pt, eta: 0, phi, energy: pt };
  const eta = read(m.eta);
  const energy = m.energy
    ? read(m.energy)
    : energyFromPtEtaM(pt, eta, m.mass ? read(m.mass) : 0);
  return { pt, eta, phi, energy };
}

function btagOf(object: ObjectMapping, read: Read): number {
  const rule = object.btag;
  if (!rule) return 0;
  const value = read(rule.branch);
  if (rule.bitmask !== undefined) return (value & rule.bitmask) !== 0 ? 1 : 0;
  return value > (rule.above ?? 0.5) ? 1 : 0;
}

function convertCollection(
  object: ObjectMapping,
  values: Record<string, BranchValue>,
  where: EntryContext,
  out: ConvertedEntry,
): void {
  const length = collectionLength(object, values, where);
  for (let i = 0; i < length; i++) {
    const read: Read = (branch) =>
      branch === undefined
        ? 0
        : finite(elementOf(values[branch], i), branch, where);
    const select = object.select;
    if (select && Math.abs(read(select.branch)) !== select.absEquals) {
      continue;
    }
    const { pt, eta, phi, energy } = kinematics(object, read);
    if (pt === 0 && object.type !== 'met') {
      out.zeroPtObjects++;
      continue;
    }
    const charge = object.charge ? Math.sign(read(object.charge)) : 0;
    const type = TYPE_OF[object.type];
    const btag = btagOf(object, read);
    out.objects.push({ type, pt, eta, phi, energy, btag, charge });
  }
}

/**
 * Converts one entry. Throws `InvalidValueError` for NaN or infinite
 * values and `io/invalid-value` for collections of unequal lengths.
 */
export function convertEntry(
  mapping: BranchMapping,
  values: Record<string, BranchValue>,
  where: EntryContext,
): ConvertedEntry {
  const out: ConvertedEntry = { objects: [], weight: 1, zeroPtObjects: 0 };
  for (const object of mapping.objects) {
    convertCollection(object, values, where, out);
  }
  for (const branch of mapping.weights ?? []) {
    out.weight *= finite(elementOf(values[branch], 0), branch, where);
  }
  if (mapping.label) {
    out.label = finite(
      elementOf(values[mapping.label], 0),
      mapping.label,
      where,
    );
  }
  return out;
}
