/**
 * Recognition of the common TTree layouts by their branch names. Each
 * recogniser returns a `BranchMapping`, so a detected layout and a mapping
 * written by hand go through the same import code.
 */

import type {
  BranchMapping,
  BtagRule,
  MappedObjectType,
  ObjectMapping,
} from './mapping';

/** Layouts recognised without asking the person. */
export type RootLayout =
  'heptutorial' | 'delphes' | 'nanoaod' | 'atlas-opendata';

/** A recognised layout with the mapping that imports it. */
export interface DetectedLayout {
  layout: RootLayout;
  mapping: BranchMapping;
}

type Recogniser = (
  tree: string,
  has: (name: string) => boolean,
  names: readonly string[],
) => BranchMapping | null;

function firstPresent(
  has: (name: string) => boolean,
  candidates: readonly string[],
): string | undefined {
  return candidates.find(has);
}

/**
 * Flat ntuples with counters and Cartesian momenta, as in the CMS "HEP
 * tutorial" samples: `NJet`, `Jet_Px` … `Jet_E`, `MET_px`, `MET_py`.
 */
const heptutorial: Recogniser = (tree, has) => {
  const collections: [string, MappedObjectType][] = [
    ['Jet', 'jet'],
    ['Electron', 'electron'],
    ['Muon', 'muon'],
    ['Photon', 'photon'],
  ];
  const objects: ObjectMapping[] = [];
  for (const [prefix, type] of collections) {
    const px = `${prefix}_Px`;
    if (![px, `${prefix}_Py`, `${prefix}_Pz`, `${prefix}_E`].every(has)) {
      continue;
    }
    const object: ObjectMapping = {
      type,
      momentum: {
        frame: 'cartesian',
        px,
        py: `${prefix}_Py`,
        pz: `${prefix}_Pz`,
        energy: `${prefix}_E`,
      },
    };
    // The tutorial stores −1 for untagged jets and, for jets that passed
    // its working point, the discriminant (above 1.1 in every sample).
    if (has(`${prefix}_btag`)) {
      object.btag = { branch: `${prefix}_btag`, above: 0 };
    }
    if (has(`${prefix}_Charge`)) object.charge = `${prefix}_Charge`;
    objects.push(object);
  }
  // NOTE: jets failing `Jet_ID` are kept (0.05–1.5 % of jets in the
  // samples) because a mapping cannot express that cut yet.
  if (objects.length === 0) return null;
  if (has('MET_px') && has('MET_py')) {
    objects.push({
      type: 'met',
      momentum: { frame: 'cartesian', px: 'MET_px', py: 'MET_py' },
    });
  }
  const weights = has('EventWeight') ? ['EventWeight'] : [];
  return { version: 1, tree, objects, weights, units: 'auto' };
};

/**
 * Delphes trees: `Jet.PT`, `Jet.Eta` …, `MissingET.MET`, `MissingET.Phi`.
 * NOTE: only tested on in-memory trees. Reading these split TClonesArray
 * branches through jsroot has not been run on a real Delphes file.
 */
const delphes: Recogniser = (tree, has) => {
  if (!has('Jet.PT') && !has('Electron.PT') && !has('Muon.PT')) return null;
  const objects: ObjectMapping[] = [];
  const polar = (prefix: string, extra: 'Mass' | 'E' | null) => ({
    frame: 'polar' as const,
    pt: `${prefix}.PT`,
    eta: `${prefix}.Eta`,
    phi: `${prefix}.Phi`,
    ...(extra === 'Mass' && has(`${prefix}.Mass`)
      ? { mass: `${prefix}.Mass` }
      : {}),
    ...(extra === 'E' && has(`${prefix}.E`) ? { energy: `${prefix}.E` } : {}),
  });
  if (has('Jet.PT')) {
    // Delphes sets bit 0 of BTag for the first (default) working point.
    const btag: BtagRule | undefined = has('Jet.BTag')
      ? { branch: 'Jet.BTag', bitmask: 1 }
      : undefined;
    objects.push({ type: 'jet', momentum: polar('Jet', 'Mass'), btag });
  }
  for (const [prefix, type] of [
    ['Electron', 'electron'],
    ['Muon', 'muon'],
  ] as const) {
    if (!has(`${prefix}.PT`)) continue;
    const charge = has(`${prefix}.Charge`) ? `${prefix}.Charge` : undefined;
    objects.push({ type, momentum: polar(prefix, null), charge });
  }
  if (has('Photon.PT')) {
    objects.push({ type: 'photon', momentum: polar('Photon', 'E') });
  }
  if (has('MissingET.MET') && has('MissingET.Phi')) {
    objects.push({
      type: 'met',
      momentum: { frame: 'polar', pt: 'MissingET.MET', phi: 'MissingET.Phi' },
    });
  }
  const weights = has('Event.Weight') ? ['Event.Weight'] : [];
  return { version: 1, tree, objects, weights, units: 'GeV' };
};

/**
 * NanoAOD b-tag discriminants with cuts near their medium working points.
 * NOTE: the exact cut depends on the data-taking year; a saved mapping can
 * set another one.
 */
const NANOAOD_BTAG: readonly [string, number][] = [
  ['Jet_btagDeepFlavB', 0.2783],
  ['Jet_btagPNetB', 0.245],
  ['Jet_btagDeepB', 0.4184],
];

/** NanoAOD `Events`: `nJet`, `Jet_pt`, `Jet_eta` …, `MET_pt`, `MET_phi`. */
const nanoaod: Recogniser = (tree, has) => {
  const collections: [string, MappedObjectType][] = [
    ['Jet', 'jet'],
    ['Electron', 'electron'],
    ['Muon', 'muon'],
    ['Photon', 'photon'],
  ];
  const objects: ObjectMapping[] = [];
  for (const [prefix, type] of collections) {
    const names = ['pt', 'eta', 'phi'].map((v) => `${prefix}_${v}`);
    if (!names.every(has)) continue;
    const mass = has(`${prefix}_mass`) ? `${prefix}_mass` : undefined;
    const [pt = '', eta, phi = ''] = names;
    const object: ObjectMapping = {
      type,
      momentum: { frame: 'polar', pt, eta, phi, mass },
    };
    if (type === 'jet') {
      const rule = NANOAOD_BTAG.find(([branch]) => has(branch));
      if (rule) object.btag = { branch: rule[0], above: rule[1] };
    } else if (type !== 'photon' && has(`${prefix}_charge`)) {
      object.charge = `${prefix}_charge`;
    }
    objects.push(object);
  }
  if (objects.length === 0) return null;
  if (has('MET_pt') && has('MET_phi')) {
    objects.push({
      type: 'met',
      momentum: { frame: 'polar', pt: 'MET_pt', phi: 'MET_phi' },
    });
  }
  const weights = has('genWeight') ? ['genWeight'] : [];
  return { version: 1, tree, objects, weights, units: 'GeV' };
};

/**
 * ATLAS Open Data b-tag discriminants and cuts: MV2c10 at its 70 %
 * working point (13 TeV 2020 release) and MV1 at 70 % (8 TeV release).
 * The 2024–2025 release stores a DL1d quantile from 1 to 5, and 4 and 5
 * are its tighter bins. NOTE: that quantile cut is a choice made here,
 * not an ATLAS recommendation.
 */
const ATLAS_BTAG: readonly [string, number][] = [
  ['jet_MV2c10', 0.8244273],
  ['jet_MV1', 0.7892],
  ['jet_btag_quantile', 3.5],
];

/** ATLAS Open Data education ntuples: `lep_pt`, `jet_pt`, `met` … */
const atlasOpenData: Recogniser = (tree, has, names) => {
  const objects: ObjectMapping[] = [];
  const polar = (prefix: string) => {
    const pt = `${prefix}_pt`;
    const eta = `${prefix}_eta`;
    const phi = `${prefix}_phi`;
    if (![pt, eta, phi].every(has)) return undefined;
    const energy = firstPresent(has, [`${prefix}_E`, `${prefix}_e`]);
    return { frame: 'polar' as const, pt, eta, phi, energy };
  };
  const jet = polar('jet');
  if (jet) {
    const rule = ATLAS_BTAG.find(([branch]) => has(branch));
    const btag = rule ? { branch: rule[0], above: rule[1] } : undefined;
    objects.push({ type: 'jet', momentum: jet, btag });
  }
  const lep = polar('lep');
  if (lep && has('lep_type')) {
    const charge = has('lep_charge') ? 'lep_charge' : undefined;
    for (const [type, pdg] of [
      ['electron', 11],
      ['muon', 13],
    ] as const) {
      const select = { branch: 'lep_type', absEquals: pdg };
      objects.push({ type, momentum: lep, charge, select });
    }
  }
  const photon = polar('photon');
  if (photon) objects.push({ type: 'photon', momentum: photon });
  if (objects.length === 0) return null;

  // 2016–2020 releases call it met_et; the 2024–2025 release calls it met.
  const met = firstPresent(has, ['met', 'met_et']);
  if (met && has('met_phi')) {
    objects.push({
      type: 'met',
      momentum: { frame: 'polar', pt: met, phi: 'met_phi' },
    });
  }
  const weights = names.filter(
    (name) => name === 'mcWeight' || /^scaleFactor_/i.test(name),
  );
  return { version: 1, tree, objects, weights, units: 'auto' };
};

// Order matters: Delphes and NanoAOD names are specific, the flat and
// ATLAS patterns are checked after them.
const RECOGNISERS: readonly [RootLayout, Recogniser][] = [
  ['delphes', delphes],
  ['nanoaod', nanoaod],
  ['heptutorial', heptutorial],
  ['atlas-opendata', atlasOpenData],
];

/** Recognises a tree's layout from its branch names, or returns null. */
export function detectLayout(
  tree: string,
  branchNames: readonly string[],
): DetectedLayout | null {
  const present = new Set(branchNames);
  const has = (name: string) => present.has(name);
  for (const [layout, recognise] of RECOGNISERS) {
    const mapping = recognise(tree, has, branchNames);
    if (mapping) return { layout, mapping };
  }
  return null;
}
