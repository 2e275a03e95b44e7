import { describe, expect, it } from 'vitest';
import { EventLensError } from '../core/errors';
import { eventCount } from './eventSet';
import { importFile } from './import';
import { importLhe } from './lhe';
import { fakeTree } from './root/fakeTree.testutil';
import { importFromTrees } from './root/importRoot';
import type { BranchMapping } from './root/mapping';
import { readSample } from './root/samples.testutil';
import { ClassSampler, type SampleOption } from './sample';

function bytesOf(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

const FIRST_50: SampleOption = { size: 50, mode: 'first' };
const RANDOM_50: SampleOption = { size: 50, mode: 'random', seed: 7 };

/** Returns a CSV of `n` one-jet events, classes alternating a, b, b. */
function csvEvents(n: number): string {
  const rows = ['event,type,pt,eta,phi,e,label'];
  for (let i = 0; i < n; i++) {
    const label = i % 3 === 0 ? 'a' : 'b';
    rows.push(`${i},jet,${20 + i},0.1,0.2,${30 + i},${label}`);
  }
  return rows.join('\n') + '\n';
}

describe('ClassSampler', () => {
  it('keeps the first items of each class in order', () => {
    const sampler = new ClassSampler<number>({ size: 2, mode: 'first' });
    [0, 1, 0, 0, 1, 1, 2].forEach((label, i) => sampler.offer(label, i));
    expect(sampler.items()).toEqual([0, 1, 2, 4, 6]);
  });

  it('draws the same random subset for the same seed', () => {
    const draw = (seed: number) => {
      const sampler = new ClassSampler<number>({
        size: 10,
        mode: 'random',
        seed,
      });
      for (let i = 0; i < 1000; i++) sampler.offer(0, i);
      return sampler.items();
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    expect(draw(3)).toHaveLength(10);
  });

  it('gives every item the same chance in random mode', () => {
    // 2000 draws of 10 out of 100: each item is kept about 200 times.
    const hits = new Array<number>(100).fill(0);
    for (let seed = 0; seed < 2000; seed++) {
      const sampler = new ClassSampler<number>({
        size: 10,
        mode: 'random',
        seed,
      });
      for (let i = 0; i < 100; i++) sampler.offer(0, i);
      for (const item of sampler.items()) hits[item]!++;
    }
    expect(Math.min(...hits)).toBeGreaterThan(140);
    expect(Math.max(...hits)).toBeLessThan(260);
  });

  it('rejects a size below one', () => {
    expect(() => new ClassSampler({ size: 0, mode: 'first' })).toThrow(
      /sample.size/,
    );
  });
});

describe('importFile with a sample', () => {
  it('reads only the first entries of a ROOT file', async () => {
    const { set, warnings } = await importFile(
      readSample('qcd.root'),
      'qcd.root',
      { sample: FIRST_50 },
    );
    expect(eventCount(set)).toBe(50);
    expect(Array.from(set.events.sourceEntry.slice(0, 3))).toEqual([0, 1, 2]);
    expect(set.events.sourceEntry[49]).toBe(49);
    expect(warnings.join(' ')).toContain('loaded 50 of 50 events read');
  });

  it('loads a seeded random subset of a ROOT file', async () => {
    const load = () =>
      importFile(readSample('qcd.root'), 'qcd.root', { sample: RANDOM_50 });
    const first = await load();
    const again = await load();
    const entries = Array.from(first.set.events.sourceEntry);
    expect(entries).toHaveLength(50);
    expect(entries).toEqual(Array.from(again.set.events.sourceEntry));
    expect([...entries].sort((a, b) => a - b)).toEqual(entries);
    expect(entries[entries.length - 1]).toBeGreaterThan(49);
    expect(first.set.notes.join(' ')).toContain('of 142 events read');
  });

  it('loads a sample of a ROOT file beyond the event limit', async () => {
    const file = readSample('qcd.root');
    const error = await importFile(file, 'qcd.root', { maxEvents: 100 }).then(
      () => undefined,
      (reason: unknown) => reason as EventLensError,
    );
    expect(error?.code).toBe('io/too-large');
    expect(error?.message).toContain('Load a sample');
    const { set } = await importFile(readSample('qcd.root'), 'qcd.root', {
      maxEvents: 100,
      sample: RANDOM_50,
    });
    expect(eventCount(set)).toBe(50);
  });

  it('samples an LHE file beyond the event limit', async () => {
    const bytes = readSample('powheg-box-v2-W.lhe');
    const result = await importLhe(bytes, 'w.lhe', {
      maxEvents: 10,
      sample: { size: 20, mode: 'random', seed: 1 },
    });
    expect(eventCount(result.set)).toBe(20);
    expect(result.set.notes.join(' ')).toContain('of 100 events read');
  });

  it('keeps up to N events per class in a CSV file', async () => {
    const { set } = await importFile(bytesOf(csvEvents(300)), 'x.csv', {
      sample: FIRST_50,
    });
    expect(set.classNames).toEqual(['a', 'b']);
    const perClass = [0, 0];
    for (const label of set.events.label) perClass[label]!++;
    expect(perClass).toEqual([50, 50]);
  });

  it('keeps the whole JSON file when it is smaller than the sample', async () => {
    const json = JSON.stringify({
      events: [{ objects: [{ type: 'jet', pt: 30, eta: 0, phi: 0, e: 31 }] }],
    });
    const { set, warnings } = await importFile(bytesOf(json), 'one.json', {
      sample: RANDOM_50,
    });
    expect(eventCount(set)).toBe(1);
    expect(warnings.join(' ')).toContain('loaded 1 of 1 events read');
  });
});

describe('label branch and label column', () => {
  const mapping: BranchMapping = {
    version: 1,
    tree: 'ntuple',
    objects: [
      {
        type: 'jet',
        momentum: { frame: 'polar', pt: 'j_pt', eta: 'j_eta', phi: 'j_phi' },
      },
    ],
  };
  const entries = [0, 1, 1, 2, 0, 2].map((cls, i) => ({
    j_pt: [30 + i],
    j_eta: [0.5],
    j_phi: [0.1],
    truth_class: cls,
  }));

  it('makes one class per value of a ROOT label branch', async () => {
    const { set } = await importFromTrees(
      [fakeTree('ntuple', entries)],
      'f.root',
      { mapping, labelBranch: 'truth_class', className: 'f' },
    );
    expect(set.classNames).toEqual([
      'truth_class = 0',
      'truth_class = 1',
      'truth_class = 2',
    ]);
    expect(Array.from(set.events.label)).toEqual([0, 1, 1, 2, 0, 2]);
  });

  it('samples per class of a ROOT label branch', async () => {
    const { set } = await importFromTrees(
      [fakeTree('ntuple', entries)],
      'f.root',
      {
        mapping,
        labelBranch: 'truth_class',
        sample: { size: 1, mode: 'first' },
      },
    );
    expect(Array.from(set.events.sourceEntry)).toEqual([0, 1, 3]);
  });

  it('takes CSV classes from a chosen column', async () => {
    const csv =
      'event,type,pt,eta,phi,e,process\n0,jet,30,0,0,31,ttH\n1,jet,40,0,0,41,tt\n';
    const { set } = await importFile(bytesOf(csv), 'p.csv', {
      labelColumn: 'process',
    });
    expect(set.classNames).toEqual(['ttH', 'tt']);
  });

  it('names the missing CSV label column and the columns there are', async () => {
    const csv = 'event,type,pt,eta,phi,e\n0,jet,30,0,0,31\n';
    const error = await importFile(bytesOf(csv), 'p.csv', {
      labelColumn: 'process',
    }).then(
      () => undefined,
      (reason: unknown) => reason as EventLensError,
    );
    expect(error?.code).toBe('io/invalid-csv');
    expect(error?.message).toContain('p.csv, line 1');
    expect(error?.message).toContain('no column "process"');
    expect(error?.message).toContain('event, type, pt');
  });
});
