/**
 * The serialisable description of how a TTree's branches become physics
 * objects. Layout detection produces one; the mapping dialog lets a person
 * write one for any other tree, save it as JSON and reuse it.
 */

import { EventLensError } from '../../core/errors';

/** Object types a mapping can fill, as named in files and on the page. */
export type MappedObjectType = 'jet' | 'electron' | 'muon' | 'photon' | 'met';

/** Momentum given as pT, η, φ and optionally E or mass (GeV, radians). */
export interface PolarMomentumBranches {
  frame: 'polar';
  pt: string;
  /** Absent for missing transverse momentum, whose η is 0 by convention. */
  eta?: string;
  phi: string;
  /** Energy branch; without it E comes from `mass`, else the object is massless. */
  energy?: string;
  mass?: string;
}

/** Momentum given as Cartesian px, py, pz and optionally E (GeV). */
export interface CartesianMomentumBranches {
  frame: 'cartesian';
  px: string;
  py: string;
  /** Absent for missing transverse momentum. */
  pz?: string;
  /** Energy branch; without it the object is massless, E = |p|. */
  energy?: string;
}

/** Rule that turns a b-tag branch into the 1/0 flag of `EventSet`. */
export interface BtagRule {
  branch: string;
  /** Tagged when `(value & bitmask) !== 0`; takes precedence over `above`. */
  bitmask?: number;
  /** Tagged when `value > above`; 0.5 when neither rule is given. */
  above?: number;
}

/**
 * One object collection. A branch may contain one number per entry (one
 * object) or an array per entry (one object per element). All branches of
 * a collection must have the same length in every entry.
 */
export interface ObjectMapping {
  type: MappedObjectType;
  momentum: PolarMomentumBranches | CartesianMomentumBranches;
  btag?: BtagRule;
  charge?: string;
  /**
   * Keeps only the elements whose `branch` value has absolute value
   * `absEquals`, for mixed collections such as ATLAS `lep_*` with
   * `lep_type` 11 (electron) or 13 (muon).
   */
  select?: { branch: string; absEquals: number };
}

/** A complete, JSON-serialisable TTree-to-EventSet mapping. */
export interface BranchMapping {
  /** Format version; readers reject versions they do not know. */
  version: 1;
  /** TTree name, possibly inside directories: "dir/tree". */
  tree: string;
  objects: ObjectMapping[];
  /** Per-entry weight branches, multiplied together; weight 1 when empty. */
  weights?: string[];
  /** Per-entry integer branch holding a class index. */
  label?: string;
  /** Energy unit of the momentum branches; "auto" detects MeV. */
  units?: 'auto' | 'GeV' | 'MeV';
}

/** Returns every branch a mapping reads, each once, in a stable order. */
export function mappingBranches(mapping: BranchMapping): string[] {
  const names = new Set<string>();
  for (const object of mapping.objects) {
    for (const [key, value] of Object.entries(object.momentum)) {
      if (key !== 'frame' && typeof value === 'string') names.add(value);
    }
    if (object.btag) names.add(object.btag.branch);
    if (object.charge) names.add(object.charge);
    if (object.select) names.add(object.select.branch);
  }
  for (const weight of mapping.weights ?? []) names.add(weight);
  if (mapping.label) names.add(mapping.label);
  return [...names];
}

const OBJECT_TYPES: readonly string[] = [
  'jet',
  'electron',
  'muon',
  'photon',
  'met',
];

function invalid(why: string): EventLensError {
  return new EventLensError(
    'io/unsupported-layout',
    `Couldn't use the branch mapping: ${why}. Fix the mapping and try again.`,
    { reason: why },
  );
}

function requireString(value: unknown, where: string): void {
  if (typeof value !== 'string' || value === '') {
    throw invalid(`${where} must name a branch`);
  }
}

function checkMomentum(momentum: unknown, where: string, isMet: boolean) {
  const m = momentum as Record<string, unknown> | undefined;
  if (m?.frame === 'polar') {
    requireString(m.pt, `${where}.momentum.pt`);
    requireString(m.phi, `${where}.momentum.phi`);
    if (!isMet) requireString(m.eta, `${where}.momentum.eta`);
  } else if (m?.frame === 'cartesian') {
    requireString(m.px, `${where}.momentum.px`);
    requireString(m.py, `${where}.momentum.py`);
    if (!isMet) requireString(m.pz, `${where}.momentum.pz`);
  } else {
    throw invalid(`${where}.momentum.frame must be "polar" or "cartesian"`);
  }
}

/**
 * Checks a mapping read from JSON (a saved file, the dialog) and returns
 * it typed; throws `io/unsupported-layout` naming the first problem.
 */
export function parseBranchMapping(value: unknown): BranchMapping {
  const mapping = value as Partial<BranchMapping> | null;
  if (!mapping || typeof mapping !== 'object') {
    throw invalid('it is not a JSON object');
  }
  if (mapping.version !== 1) throw invalid('its version must be 1');
  requireString(mapping.tree, 'tree');
  if (!Array.isArray(mapping.objects) || mapping.objects.length === 0) {
    throw invalid('objects must list at least one object collection');
  }
  mapping.objects.forEach((object, index) => {
    const where = `objects[${index}]`;
    if (!OBJECT_TYPES.includes(object?.type)) {
      throw invalid(`${where}.type must be one of ${OBJECT_TYPES.join(', ')}`);
    }
    checkMomentum(object.momentum, where, object.type === 'met');
  });
  const units = mapping.units ?? 'auto';
  if (!['auto', 'GeV', 'MeV'].includes(units)) {
    throw invalid('units must be "auto", "GeV" or "MeV"');
  }
  return mapping as BranchMapping;
}
