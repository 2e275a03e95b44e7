import { describe, expect, it } from 'vitest';
import { EventLensError } from '../../core/errors';
import { eventCount, ObjectType } from '../eventSet';
import { importRoot, importRootWithMapping, listRootTrees } from './importRoot';
import type { BranchMapping } from './mapping';
import { readSample } from './samples.testutil';

const EXPECTED_EVENTS: [string, number][] = [
  ['single_top.root', 5684],
  ['ww.root', 4580],
  ['wz.root', 3367],
  ['zz.root', 2421],
  ['qcd.root', 142],
];

async function expectError(work: Promise<unknown>): Promise<EventLensError> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EventLensError);
  return error as EventLensError;
}

describe('importRoot on the HEP tutorial samples', () => {
  it.each(EXPECTED_EVENTS)('reads every event of %s', async (file, events) => {
    const result = await importRoot(readSample(file), file);
    expect(result.layout).toBe('heptutorial');
    expect(eventCount(result.set)).toBe(events);
    expect(result.warnings).toEqual([]);
  });

  it('computes pT, eta and phi from Cartesian momenta', async () => {
    const { set } = await importRoot(readSample('single_top.root'), 'st');
    // Entry 0 has two jets; the first has Px = -10.3905 GeV.
    expect(set.objects.type[0]).toBe(ObjectType.Jet);
    const pt = set.objects.pt[0] ?? 0;
    const phi = set.objects.phi[0] ?? 0;
    expect(pt * Math.cos(phi)).toBeCloseTo(-10.3905, 3);
    expect(set.events.sourceEntry[0]).toBe(0);
    for (const value of set.objects.phi) {
      expect(value).toBeGreaterThan(-Math.PI);
      expect(value).toBeLessThanOrEqual(Math.PI);
    }
  });

  it('maps the -1 b-tag sentinel to 0 and tagged jets to 1', async () => {
    const { set } = await importRoot(readSample('single_top.root'), 'st');
    const tags = new Set(set.objects.btag);
    expect([...tags].sort()).toEqual([0, 1]);
    // The first jet of entry 0 has discriminant 4.30, the second -1.
    expect(set.objects.btag[0]).toBe(1);
    expect(set.objects.btag[1]).toBe(0);
  });

  it('gives every event one MET object with eta 0 and E = pT', async () => {
    const { set } = await importRoot(readSample('zz.root'), 'zz.root');
    let metCount = 0;
    for (let i = 0; i < set.objects.type.length; i++) {
      if (set.objects.type[i] !== ObjectType.MissingEt) continue;
      metCount++;
      expect(set.objects.eta[i]).toBe(0);
      expect(set.objects.energy[i]).toBe(set.objects.pt[i]);
    }
    expect(metCount).toBe(eventCount(set));
  });

  it('labels events with the requested class', async () => {
    const options = { className: 'WW' };
    const { set } = await importRoot(readSample('ww.root'), 'ww', options);
    expect(set.classNames).toEqual(['WW']);
    expect(new Set(set.events.label)).toEqual(new Set([0]));
  });

  it('reports progress chunk by chunk up to 1', async () => {
    const fractions: number[] = [];
    await importRoot(readSample('wz.root'), 'wz.root', {
      chunkSize: 1000,
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(fractions).toHaveLength(4);
    expect(fractions.at(-1)).toBe(1);
  });

  it('gives the same events for any chunk size', async () => {
    const whole = await importRoot(readSample('qcd.root'), 'qcd.root');
    const chunked = await importRoot(readSample('qcd.root'), 'qcd.root', {
      chunkSize: 7,
    });
    expect(chunked.set.offsets).toEqual(whole.set.offsets);
    expect(chunked.set.objects.pt).toEqual(whole.set.objects.pt);
  });

  it('stops between chunks when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await expectError(
      importRoot(readSample('qcd.root'), 'qcd.root', {
        signal: controller.signal,
      }),
    );
    expect(error.code).toBe('engine/cancelled');
  });
});

describe('listRootTrees', () => {
  it('lists trees with branch types, counters and entries', async () => {
    const trees = await listRootTrees(readSample('qcd.root'), 'qcd.root');
    expect(trees).toHaveLength(1);
    const tree = trees[0];
    expect(tree?.name).toBe('events');
    expect(tree?.entries).toBe(142);
    expect(tree?.layout).toBe('heptutorial');
    const px = tree?.branches.find((b) => b.name === 'Jet_Px');
    expect(px).toEqual({
      name: 'Jet_Px',
      type: 'Float_t',
      isArray: true,
      countBranch: 'NJet',
    });
    const njet = tree?.branches.find((b) => b.name === 'NJet');
    expect(njet?.isArray).toBe(false);
  });
});

describe('importRootWithMapping', () => {
  const jetsOnly: BranchMapping = {
    version: 1,
    tree: 'events',
    objects: [
      {
        type: 'jet',
        momentum: {
          frame: 'cartesian',
          px: 'Jet_Px',
          py: 'Jet_Py',
          pz: 'Jet_Pz',
          energy: 'Jet_E',
        },
      },
    ],
  };

  it('imports only the mapped objects', async () => {
    const mapping = JSON.parse(JSON.stringify(jetsOnly)) as BranchMapping;
    const result = await importRootWithMapping(
      readSample('qcd.root'),
      'qcd.root',
      mapping,
    );
    expect(result.layout).toBe('mapping');
    expect(eventCount(result.set)).toBe(142);
    expect(new Set(result.set.objects.type)).toEqual(new Set([0]));
  });

  it('rejects a mapping that names a missing branch', async () => {
    const mapping: BranchMapping = {
      ...jetsOnly,
      objects: [
        {
          type: 'muon',
          momentum: { frame: 'polar', pt: 'Mu_pt', eta: 'Mu_eta', phi: 'x' },
        },
      ],
    };
    const error = await expectError(
      importRootWithMapping(readSample('qcd.root'), 'qcd.root', mapping),
    );
    expect(error.code).toBe('io/unsupported-layout');
    expect(error.message).toContain('"Mu_pt"');
    expect(error.message).toContain('qcd.root');
  });

  it('rejects a mapping for a tree the file lacks', async () => {
    const mapping = { ...jetsOnly, tree: 'Events' };
    const error = await expectError(
      importRootWithMapping(readSample('qcd.root'), 'qcd.root', mapping),
    );
    expect(error.code).toBe('io/unsupported-layout');
    expect(error.message).toContain('no tree "Events"');
  });
});
