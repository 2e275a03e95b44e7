import { wrapPhi, energyFromPtEtaM } from '../physics/kinematics';
import { ObjectType, OBJECT_TYPE_NAMES, type PhysicsObject } from './eventSet';

/** Spellings accepted for each object type in CSV and JSON files. */
const TYPE_ALIASES: Record<string, ObjectType> = {
  jet: ObjectType.Jet,
  j: ObjectType.Jet,
  electron: ObjectType.Electron,
  ele: ObjectType.Electron,
  e: ObjectType.Electron,
  muon: ObjectType.Muon,
  mu: ObjectType.Muon,
  photon: ObjectType.Photon,
  gamma: ObjectType.Photon,
  pho: ObjectType.Photon,
  met: ObjectType.MissingEt,
  missinget: ObjectType.MissingEt,
  missing_et: ObjectType.MissingEt,
};

/**
 * Parses an object type from a name ("jet", "mu", "met" …) or its numeric
 * code (0–4). Returns undefined when neither matches.
 */
export function parseObjectType(
  value: string | number,
): ObjectType | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= 4
      ? (value as ObjectType)
      : undefined;
  }
  const key = value.trim().toLowerCase();
  if (/^[0-4]$/.test(key)) return Number(key) as ObjectType;
  return TYPE_ALIASES[key];
}

/** Accepted type names, for error messages. */
export const TYPE_HELP = `${OBJECT_TYPE_NAMES.join(', ')} (or codes 0–4)`;

/** Numeric fields of one object as read from a file, before checks. */
export interface RawObject {
  type: ObjectType;
  pt: number;
  eta: number;
  phi: number;
  /** Energy, GeV; undefined when the file gives a mass instead. */
  energy?: number;
  /** Mass, GeV; used only when `energy` is undefined. */
  mass?: number;
  btag: number;
  charge: number;
}

/**
 * Checks one object's values and returns the problem in words, or
 * undefined when it is valid. φ outside (−π, π] is not a problem: it is
 * the same direction and `normaliseObject` wraps it.
 */
export function findObjectProblem(object: RawObject): string | undefined {
  const numeric: [string, number | undefined][] = [
    ['pt', object.pt],
    ['eta', object.eta],
    ['phi', object.phi],
    ['energy', object.energy],
    ['mass', object.mass],
    ['btag', object.btag],
    ['charge', object.charge],
  ];
  for (const [field, value] of numeric) {
    if (value !== undefined && !Number.isFinite(value)) {
      return `${field} is ${value}, but must be a finite number`;
    }
  }
  if (object.pt < 0) return `pt is ${object.pt}, but must be ≥ 0`;
  if (object.energy !== undefined && object.energy < 0) {
    return `energy is ${object.energy}, but must be ≥ 0`;
  }
  if (object.energy === undefined && object.mass === undefined) {
    return 'neither energy nor mass is given';
  }
  if (object.btag < 0 || object.btag > 1) {
    return `btag is ${object.btag}, but must lie in [0, 1]`;
  }
  if (![-1, 0, 1].includes(object.charge)) {
    return `charge is ${object.charge}, but must be −1, 0 or 1`;
  }
  return undefined;
}

/**
 * Completes a valid raw object: wraps φ, derives E from the mass when
 * needed, and puts missing transverse momentum at η = 0 with E = pT.
 */
export function normaliseObject(object: RawObject): PhysicsObject {
  const { type, pt, eta, btag, charge } = object;
  const phi = wrapPhi(object.phi);
  if (type === ObjectType.MissingEt) {
    return { type, pt, eta: 0, phi, energy: pt, btag: 0, charge: 0 };
  }
  const energy = object.energy ?? energyFromPtEtaM(pt, eta, object.mass ?? 0);
  return { type, pt, eta, phi, energy, btag, charge };
}
