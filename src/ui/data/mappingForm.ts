/**
 * The branch-mapping dialog's form as plain data: built from a tree
 * listing (with guesses from branch names) or from a saved mapping, and
 * turned back into a `BranchMapping`. No React here, so it is unit-tested.
 */
import type { RootTreeListing } from '../../events/root/importRoot';
import {
  mappingBranches,
  parseBranchMapping,
  type BranchMapping,
  type MappedObjectType,
  type ObjectMapping,
} from '../../events/root/mapping';

/** Object types in the order the dialog lists them. */
export const FORM_TYPES: readonly MappedObjectType[] = [
  'jet',
  'electron',
  'muon',
  'photon',
  'met',
];

/** Branch fields of one object row; an empty string means "none". */
export interface RowBranches {
  pt: string;
  eta: string;
  phi: string;
  px: string;
  py: string;
  pz: string;
  energy: string;
  mass: string;
  btag: string;
  charge: string;
}

/** One object collection in the form. */
export interface ObjectRow extends RowBranches {
  type: MappedObjectType;
  enabled: boolean;
  frame: 'polar' | 'cartesian';
  /** b-tag cut: tagged when the value is above it. */
  btagAbove: string;
  /** Parts of a loaded mapping the form does not edit, kept unchanged. */
  kept?: Pick<ObjectMapping, 'select'> & { bitmask?: number };
}

/** The whole form. */
export interface MappingForm {
  tree: string;
  rows: ObjectRow[];
  weight: string;
  label: string;
  units: 'auto' | 'GeV' | 'MeV';
}

/** Name stems by which a branch is taken to belong to an object type. */
const STEMS: Record<MappedObjectType, string[]> = {
  jet: ['jet', 'jets', 'j', 'ak4'],
  electron: ['electron', 'electrons', 'ele', 'el', 'e'],
  muon: ['muon', 'muons', 'mu', 'm'],
  photon: ['photon', 'photons', 'pho', 'ph', 'gamma', 'y'],
  met: ['met', 'missinget', 'mis', 'etmiss', 'missing'],
};

/** Branch suffixes per field, lowercase, checked in order. */
const SUFFIXES: Record<keyof RowBranches, string[]> = {
  pt: ['pt', 'et', 'met'],
  eta: ['eta'],
  phi: ['phi'],
  px: ['px'],
  py: ['py'],
  pz: ['pz'],
  energy: ['e', 'energy'],
  mass: ['m', 'mass'],
  btag: ['btag', 'btagged', 'isb', 'bdisc'],
  charge: ['charge', 'q'],
};

/** Returns the branch that looks like `field` of `type`, or "". */
export function guessBranch(
  names: readonly string[],
  type: MappedObjectType,
  field: keyof RowBranches,
): string {
  for (const stem of STEMS[type]) {
    for (const suffix of SUFFIXES[field]) {
      const found = names.find((name) => {
        const lower = name.toLowerCase();
        return [
          `${stem}_${suffix}`,
          `${stem}.${suffix}`,
          `${stem}${suffix}`,
        ].includes(lower);
      });
      if (found) return found;
    }
  }
  return '';
}

function emptyRow(type: MappedObjectType): ObjectRow {
  return {
    type,
    enabled: false,
    frame: 'polar',
    pt: '',
    eta: '',
    phi: '',
    px: '',
    py: '',
    pz: '',
    energy: '',
    mass: '',
    btag: '',
    charge: '',
    btagAbove: '0.5',
  };
}

function guessedRow(names: string[], type: MappedObjectType): ObjectRow {
  const row = emptyRow(type);
  for (const field of Object.keys(SUFFIXES) as (keyof RowBranches)[]) {
    row[field] = guessBranch(names, type, field);
  }
  const polar = row.pt !== '' && row.phi !== '';
  const cartesian = row.px !== '' && row.py !== '';
  if (!polar && cartesian) row.frame = 'cartesian';
  row.enabled = polar || cartesian;
  return row;
}

/** Builds a form for a tree, guessing each field from branch names. */
export function formForTree(tree: RootTreeListing): MappingForm {
  if (tree.mapping) return formFromMapping(tree.mapping);
  const names = tree.branches.map((branch) => branch.name);
  return {
    tree: tree.name,
    rows: FORM_TYPES.map((type) => guessedRow(names, type)),
    weight: names.find((name) => /weight/i.test(name)) ?? '',
    label: '',
    units: 'auto',
  };
}

function rowFromObject(object: ObjectMapping): ObjectRow {
  const row: ObjectRow = { ...emptyRow(object.type), enabled: true };
  const { momentum } = object;
  row.frame = momentum.frame;
  if (momentum.frame === 'polar') {
    row.pt = momentum.pt;
    row.eta = momentum.eta ?? '';
    row.phi = momentum.phi;
    row.mass = momentum.mass ?? '';
  } else {
    row.px = momentum.px;
    row.py = momentum.py;
    row.pz = momentum.pz ?? '';
  }
  row.energy = momentum.energy ?? '';
  row.btag = object.btag?.branch ?? '';
  row.btagAbove = String(object.btag?.above ?? 0.5);
  row.charge = object.charge ?? '';
  if (object.select || object.btag?.bitmask !== undefined) {
    row.kept = { select: object.select, bitmask: object.btag?.bitmask };
  }
  return row;
}

/** Builds a form from a mapping; types it lacks get a disabled row. */
export function formFromMapping(mapping: BranchMapping): MappingForm {
  const rows = mapping.objects.map(rowFromObject);
  for (const type of FORM_TYPES) {
    if (!rows.some((row) => row.type === type)) rows.push(emptyRow(type));
  }
  rows.sort((a, b) => FORM_TYPES.indexOf(a.type) - FORM_TYPES.indexOf(b.type));
  return {
    tree: mapping.tree,
    rows,
    weight: mapping.weights?.join(',') ?? '',
    label: mapping.label ?? '',
    units: mapping.units ?? 'auto',
  };
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

function objectFromRow(row: ObjectRow): ObjectMapping {
  const momentum: ObjectMapping['momentum'] =
    row.frame === 'polar'
      ? {
          frame: 'polar',
          pt: row.pt,
          eta: optional(row.eta),
          phi: row.phi,
          energy: optional(row.energy),
          mass: optional(row.mass),
        }
      : {
          frame: 'cartesian',
          px: row.px,
          py: row.py,
          pz: optional(row.pz),
          energy: optional(row.energy),
        };
  const object: ObjectMapping = { type: row.type, momentum };
  if (row.btag !== '') {
    const bitmask = row.kept?.bitmask;
    object.btag =
      bitmask !== undefined
        ? { branch: row.btag, bitmask }
        : { branch: row.btag, above: Number(row.btagAbove) || 0 };
  }
  if (row.charge !== '') object.charge = row.charge;
  if (row.kept?.select) object.select = row.kept.select;
  return object;
}

/** Returns the mapping a form describes; throws naming the first problem. */
export function mappingFromForm(form: MappingForm): BranchMapping {
  const weights = form.weight
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return parseBranchMapping({
    version: 1,
    tree: form.tree,
    objects: form.rows.filter((row) => row.enabled).map(objectFromRow),
    weights,
    label: optional(form.label),
    units: form.units,
  });
}

/**
 * Lists what stops a form from importing `trees`: a tree that is not in
 * the file, branches the tree lacks, or an invalid mapping. Empty when the
 * form can be applied.
 */
export function formProblems(
  form: MappingForm,
  trees: readonly RootTreeListing[],
): string[] {
  const tree = trees.find((t) => t.name === form.tree);
  if (!tree) return [`The file has no tree "${form.tree}"; choose a tree.`];
  let mapping: BranchMapping;
  try {
    mapping = mappingFromForm(form);
  } catch (error) {
    return [(error as Error).message];
  }
  const names = new Set(tree.branches.map((branch) => branch.name));
  const missing = mappingBranches(mapping).filter((name) => !names.has(name));
  return missing.map(
    (name) => `Tree "${tree.name}" has no branch "${name}"; choose another.`,
  );
}
