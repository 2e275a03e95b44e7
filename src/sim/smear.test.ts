import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventCount, ObjectType, type EventSet } from '../events/eventSet';
import { importLhe } from '../events/lhe';
import { smearEventSet } from './smear';

const SAMPLE = fileURLToPath(
  new URL('../../public/samples/powheg-box-v2-W.lhe', import.meta.url),
);

function sampleBytes(): ArrayBuffer {
  const bytes = readFileSync(SAMPLE);
  return bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
}

function countType(set: EventSet, type: ObjectType): number {
  return set.objects.type.filter((t) => t === type).length;
}

async function truthSet(): Promise<EventSet> {
  return (await importLhe(sampleBytes(), 'w.lhe', { className: 'W' })).set;
}

describe('smearEventSet', () => {
  it('keeps events, labels and weights', async () => {
    const truth = await truthSet();
    const reco = smearEventSet(truth, { detector: 'fast', seed: 1 });
    expect(eventCount(reco)).toBe(eventCount(truth));
    expect(reco.classNames).toEqual(['W']);
    expect(Array.from(reco.events.weight)).toEqual(
      Array.from(truth.events.weight),
    );
    expect(Array.from(reco.events.sourceEntry)).toEqual(
      Array.from(truth.events.sourceEntry),
    );
  });

  it('gives every event exactly one MET object', async () => {
    const reco = smearEventSet(await truthSet(), { detector: 'full', seed: 2 });
    expect(countType(reco, ObjectType.MissingEt)).toBe(eventCount(reco));
  });

  it('loses some electrons and smears the rest', async () => {
    const truth = await truthSet();
    const reco = smearEventSet(truth, { detector: 'fast', seed: 3 });
    const truthElectrons = countType(truth, ObjectType.Electron);
    const recoElectrons = countType(reco, ObjectType.Electron);
    // W → eν: one electron per event, 85–95 % identified in acceptance.
    expect(truthElectrons).toBe(100);
    expect(recoElectrons).toBeGreaterThan(50);
    expect(recoElectrons).toBeLessThan(100);
    const firstTruth = truth.objects.pt.find(
      (_, k) => truth.objects.type[k] === ObjectType.Electron,
    )!;
    const firstReco = reco.objects.pt.find(
      (_, k) => reco.objects.type[k] === ObjectType.Electron,
    )!;
    expect(Math.abs(firstReco / firstTruth - 1)).toBeLessThan(0.2);
  });

  it('reproduces the same set from the same seed', async () => {
    const truth = await truthSet();
    const a = smearEventSet(truth, { detector: 'fast', seed: 9 });
    const b = smearEventSet(truth, { detector: 'fast', seed: 9 });
    const c = smearEventSet(truth, { detector: 'fast', seed: 10 });
    expect(Array.from(a.objects.pt)).toEqual(Array.from(b.objects.pt));
    expect(Array.from(a.objects.pt)).not.toEqual(Array.from(c.objects.pt));
  });

  it('reports the detector as the LHE layout "lhe+detector"', async () => {
    const result = await importLhe(sampleBytes(), 'w.lhe', {
      smear: (set) => smearEventSet(set, { detector: 'fast', seed: 1 }),
    });
    expect(result.layout).toBe('lhe+detector');
    expect(result.set.notes.join(' ')).toContain('fast detector model');
    expect(result.set.notes.join(' ')).not.toContain('no detector');
  });
});
