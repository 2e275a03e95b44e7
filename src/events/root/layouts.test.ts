import { describe, expect, it } from 'vitest';
import { EventLensError } from '../../core/errors';
import { eventCount, ObjectType, type EventSet } from '../eventSet';
import { fakeTree } from './fakeTree.testutil';
import { importFromTrees } from './importRoot';
import { detectLayout } from './layouts';
import { parseBranchMapping } from './mapping';

async function expectError(work: Promise<unknown>): Promise<EventLensError> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EventLensError);
  return error as EventLensError;
}

function objectsOfType(set: EventSet, type: ObjectType): number[] {
  const found: number[] = [];
  set.objects.type.forEach((t, i) => {
    if (t === type) found.push(i);
  });
  return found;
}

const DELPHES_ENTRY = {
  'Jet.PT': [50, 30],
  'Jet.Eta': [0.5, -1.2],
  'Jet.Phi': [0.1, 3.0],
  'Jet.Mass': [5, 4],
  'Jet.BTag': [1, 2],
  'Electron.PT': [40],
  'Electron.Eta': [0.3],
  'Electron.Phi': [-2],
  'Electron.Charge': [-1],
  'Muon.PT': [],
  'Muon.Eta': [],
  'Muon.Phi': [],
  'Muon.Charge': [],
  'Photon.PT': [],
  'Photon.Eta': [],
  'Photon.Phi': [],
  'Photon.E': [],
  'MissingET.MET': [25],
  'MissingET.Phi': [1.5],
  'Event.Weight': [0.5],
};

const NANOAOD_ENTRY = {
  nJet: 1,
  Jet_pt: [60],
  Jet_eta: [1],
  Jet_phi: [0.2],
  Jet_mass: [8],
  Jet_btagDeepFlavB: [0.9],
  nMuon: 1,
  Muon_pt: [35],
  Muon_eta: [-0.4],
  Muon_phi: [2.2],
  Muon_mass: [0.106],
  Muon_charge: [1],
  MET_pt: 42,
  MET_phi: -3,
  genWeight: 2,
};

// 2016-2020 ATLAS Open Data in MeV, with leptons in one collection.
const ATLAS_ENTRY = {
  lep_n: 2,
  lep_pt: [45_000, 30_000],
  lep_eta: [0.1, 1.1],
  lep_phi: [1, -1],
  lep_E: [46_000, 50_000],
  lep_charge: [1, -1],
  lep_type: [11, 13],
  jet_n: 1,
  jet_pt: [70_000],
  jet_eta: [2],
  jet_phi: [0.5],
  jet_E: [270_000],
  jet_MV2c10: [0.95],
  met_et: 33_000,
  met_phi: 0.7,
  mcWeight: 0.8,
  scaleFactor_ELE: 0.9,
};

describe('detectLayout', () => {
  it('recognises each layout by its branch names', () => {
    const cases: [string, string[], string | null][] = [
      [
        'events',
        ['NJet', 'Jet_Px', 'Jet_Py', 'Jet_Pz', 'Jet_E'],
        'heptutorial',
      ],
      ['Delphes', Object.keys(DELPHES_ENTRY), 'delphes'],
      ['Events', Object.keys(NANOAOD_ENTRY), 'nanoaod'],
      ['mini', Object.keys(ATLAS_ENTRY), 'atlas-opendata'],
      [
        'analysis',
        ['jet_pt', 'jet_eta', 'jet_phi', 'jet_e', 'met'],
        'atlas-opendata',
      ],
      ['t', ['x', 'y', 'Jet_Px'], null],
    ];
    for (const [tree, branches, layout] of cases) {
      expect(detectLayout(tree, branches)?.layout ?? null).toBe(layout);
    }
  });

  it('returns mappings that survive JSON', () => {
    const detected = detectLayout('Delphes', Object.keys(DELPHES_ENTRY));
    const copy = parseBranchMapping(
      JSON.parse(JSON.stringify(detected?.mapping)),
    );
    expect(copy).toEqual(JSON.parse(JSON.stringify(detected?.mapping)));
  });
});

describe('importFromTrees with detected layouts', () => {
  it('reads a Delphes tree', async () => {
    const tree = fakeTree('Delphes', [DELPHES_ENTRY]);
    const { set, layout } = await importFromTrees([tree], 'd.root');
    expect(layout).toBe('delphes');
    const jets = objectsOfType(set, ObjectType.Jet);
    expect(jets).toHaveLength(2);
    // BTag bit 0 is the default working point: 1 tagged, 2 not.
    expect(jets.map((i) => set.objects.btag[i])).toEqual([1, 0]);
    const [electron = -1] = objectsOfType(set, ObjectType.Electron);
    expect(set.objects.charge[electron]).toBe(-1);
    const [met = -1] = objectsOfType(set, ObjectType.MissingEt);
    expect(set.objects.pt[met]).toBeCloseTo(25, 5);
    expect(set.events.weight[0]).toBeCloseTo(0.5, 6);
  });

  it('reads a NanoAOD tree with masses and b-tag cuts', async () => {
    const tree = fakeTree('Events', [NANOAOD_ENTRY]);
    const { set, layout } = await importFromTrees([tree], 'nano.root');
    expect(layout).toBe('nanoaod');
    const [jet = -1] = objectsOfType(set, ObjectType.Jet);
    expect(set.objects.btag[jet]).toBe(1);
    const expectedE = Math.hypot(60 * Math.cosh(1), 8);
    expect(set.objects.energy[jet]).toBeCloseTo(expectedE, 3);
    const [met = -1] = objectsOfType(set, ObjectType.MissingEt);
    expect(set.objects.phi[met]).toBeCloseTo(-3, 5);
    expect(set.events.weight[0]).toBe(2);
  });

  it('splits ATLAS leptons and converts MeV', async () => {
    const tree = fakeTree('mini', [ATLAS_ENTRY]);
    const result = await importFromTrees([tree], 'atlas.root');
    const { set } = result;
    expect(result.layout).toBe('atlas-opendata');
    const [electron = -1] = objectsOfType(set, ObjectType.Electron);
    const [muon = -1] = objectsOfType(set, ObjectType.Muon);
    expect(set.objects.pt[electron]).toBeCloseTo(45, 3);
    expect(set.objects.charge[muon]).toBe(-1);
    expect(result.warnings.join()).toContain('MeV to GeV');
    expect(set.notes.join()).toContain('MeV to GeV');
    expect(set.events.weight[0]).toBeCloseTo(0.72, 5);
  });
});

describe('importFromTrees on bad trees', () => {
  it('rejects a tree without usable branches', async () => {
    const tree = fakeTree('t', [{ x: 1, y: [2] }]);
    const error = await expectError(importFromTrees([tree], 'odd.root'));
    expect(error.code).toBe('io/unsupported-layout');
    expect(error.message).toContain('odd.root');
    expect(error.message).toContain('branch mapping');
  });

  it('rejects an empty tree', async () => {
    const names = Object.keys(NANOAOD_ENTRY);
    const tree = fakeTree('Events', [], names);
    const error = await expectError(importFromTrees([tree], 'empty.root'));
    expect(error.code).toBe('io/empty-file');
    expect(error.message).toContain('tree "Events" has no entries');
  });

  it('rejects collections of different lengths', async () => {
    const entry = { ...NANOAOD_ENTRY, Jet_eta: [1, 2] };
    const tree = fakeTree('Events', [NANOAOD_ENTRY, entry]);
    const error = await expectError(importFromTrees([tree], 'n.root'));
    expect(error.code).toBe('io/invalid-value');
    expect(error.message).toContain('entry 1');
    expect(error.message).toContain('"Jet_eta" has 2');
  });

  it('rejects NaN and infinite values unless told to skip', async () => {
    const nan = { ...NANOAOD_ENTRY, Muon_pt: [NaN] };
    const inf = { ...NANOAOD_ENTRY, MET_pt: Infinity };
    const tree = fakeTree('Events', [NANOAOD_ENTRY, nan, inf]);
    const error = await expectError(importFromTrees([tree], 'n.root'));
    expect(error.code).toBe('io/invalid-value');
    expect(error.message).toContain('entry 1');
    expect(error.message).toContain('"Muon_pt"');
    const result = await importFromTrees([tree], 'n.root', {
      invalidEntries: 'skip',
    });
    expect(eventCount(result.set)).toBe(1);
    expect(result.skipped?.count).toBe(2);
    expect(result.skipped?.examples).toEqual(['entry 1', 'entry 2']);
  });

  it('rejects more entries than the event limit', async () => {
    const tree = fakeTree('Events', [NANOAOD_ENTRY, NANOAOD_ENTRY]);
    const error = await expectError(
      importFromTrees([tree], 'n.root', { maxEvents: 1 }),
    );
    expect(error.code).toBe('io/too-large');
  });

  it('rejects an invalid saved mapping', async () => {
    const tree = fakeTree('Events', [NANOAOD_ENTRY]);
    const mapping = JSON.parse('{"version":1,"tree":"Events","objects":[]}');
    const error = await expectError(
      importFromTrees([tree], 'n.root', { mapping }),
    );
    expect(error.code).toBe('io/unsupported-layout');
    expect(error.message).toContain('at least one object collection');
  });
});
