import { describe, expect, it } from 'vitest';
import { eventCount, ObjectType } from '../../events/eventSet';
import { fakeTree } from '../../events/root/fakeTree.testutil';
import {
  importFromTrees,
  type RootTreeListing,
} from '../../events/root/importRoot';
import { detectLayout } from '../../events/root/layouts';
import {
  formForTree,
  formFromMapping,
  formProblems,
  mappingFromForm,
} from './mappingForm';
import {
  deleteMapping,
  mappingFromJson,
  mappingToJson,
  saveMapping,
  savedMappings,
} from './savedMappings';

/** A tree no layout recognises: its own names for jets, muons and MET. */
const entries = [0, 1, 0].map((cls, i) => ({
  jets_pt: [40 + i, 25],
  jets_eta: [0.5, -1.2],
  jets_phi: [0.3, 2.0],
  jets_e: [50 + i, 40],
  jets_isB: [1, 0],
  mu_px: [20],
  mu_py: [5],
  mu_pz: [3],
  mu_q: [-1],
  missing_et: 30,
  missing_phi: -1,
  sample_id: cls,
  w: 0.5,
}));
const tree = fakeTree('nominal', entries);

function listing(): RootTreeListing {
  const names = tree.info.branches.map((branch) => branch.name);
  const detected = detectLayout(tree.info.name, names);
  return {
    ...tree.info,
    layout: detected?.layout ?? null,
    mapping: detected?.mapping ?? null,
  };
}

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('mapping form', () => {
  it('starts from an unrecognised layout', () => {
    expect(listing().layout).toBeNull();
  });

  it('guesses branches from their names', () => {
    const form = formForTree(listing());
    const jet = form.rows.find((row) => row.type === 'jet')!;
    const muon = form.rows.find((row) => row.type === 'muon')!;
    const met = form.rows.find((row) => row.type === 'met')!;
    expect(jet).toMatchObject({ enabled: true, frame: 'polar', pt: 'jets_pt' });
    expect(jet.energy).toBe('jets_e');
    expect(muon).toMatchObject({
      frame: 'cartesian',
      px: 'mu_px',
      charge: 'mu_q',
    });
    expect(met).toMatchObject({ pt: 'missing_et', phi: 'missing_phi' });
    expect(form.rows.find((row) => row.type === 'photon')!.enabled).toBe(false);
  });

  it('imports the tree through the chosen mapping', async () => {
    const form = formForTree(listing());
    form.rows.find((row) => row.type === 'jet')!.btag = 'jets_isB';
    form.label = 'sample_id';
    form.weight = 'w';
    expect(formProblems(form, [listing()])).toEqual([]);
    const { set } = await importFromTrees([tree], 'own.root', {
      mapping: mappingFromForm(form),
    });
    expect(eventCount(set)).toBe(3);
    expect(Array.from(set.objects.type.slice(0, 4))).toEqual([
      ObjectType.Jet,
      ObjectType.Jet,
      ObjectType.Muon,
      ObjectType.MissingEt,
    ]);
    expect(set.objects.btag[0]).toBe(1);
    expect(set.objects.charge[2]).toBe(-1);
    expect(set.events.weight[0]).toBeCloseTo(0.5, 6);
    expect(set.classNames).toEqual(['sample_id = 0', 'sample_id = 1']);
  });

  it('names a branch the tree lacks', () => {
    const form = formForTree(listing());
    form.rows.find((row) => row.type === 'jet')!.eta = 'jets_y';
    expect(formProblems(form, [listing()])).toEqual([
      'Tree "nominal" has no branch "jets_y"; choose another.',
    ]);
  });

  it('reports an object without pT', () => {
    const form = formForTree(listing());
    form.rows.find((row) => row.type === 'jet')!.pt = '';
    expect(formProblems(form, [listing()])[0]).toContain(
      'objects[0].momentum.pt must name a branch',
    );
  });

  it('keeps a detected mapping through the form', () => {
    const detected = detectLayout('events', [
      'lep_pt',
      'lep_eta',
      'lep_phi',
      'lep_E',
      'lep_type',
      'lep_charge',
      'met_et',
      'met_phi',
    ])!.mapping;
    const again = mappingFromForm(formFromMapping(detected));
    expect(again.objects.map((object) => object.type)).toEqual([
      'electron',
      'muon',
      'met',
    ]);
    expect(again.objects[1]!.select).toEqual({
      branch: 'lep_type',
      absEquals: 13,
    });
    expect(again.objects[1]!.charge).toBe('lep_charge');
    expect(again.objects[2]!.momentum).toMatchObject({ pt: 'met_et' });
  });
});

describe('saved mappings', () => {
  it('saves, lists and deletes by name', () => {
    const storage = new MemoryStorage();
    const mapping = mappingFromForm(formForTree(listing()));
    saveMapping('my ntuple', mapping, storage);
    expect(Object.keys(savedMappings(storage))).toEqual(['my ntuple']);
    expect(savedMappings(storage)['my ntuple']).toEqual(mapping);
    deleteMapping('my ntuple', storage);
    expect(savedMappings(storage)).toEqual({});
  });

  it('round-trips through exported JSON', () => {
    const mapping = mappingFromForm(formForTree(listing()));
    expect(mappingFromJson(mappingToJson(mapping), 'm.json')).toEqual(mapping);
  });

  it('names the file of an invalid mapping', () => {
    expect(() => mappingFromJson('{"version": 2}', 'old.json')).toThrow(
      /old\.json: .*version must be 1/,
    );
    expect(() => mappingFromJson('{', 'cut.json')).toThrow(
      /cut\.json: it is not valid JSON/,
    );
  });
});
