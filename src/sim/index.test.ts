import { describe, expect, it } from 'vitest';
import { eventCount, ObjectType, type EventSet } from '../events/eventSet';
import {
  createEventStream,
  generateEvents,
  PROCESSES,
  TRUTH_KEYS,
} from './index';

function sameColumns(a: EventSet, b: EventSet): boolean {
  const columns = ['type', 'pt', 'eta', 'phi', 'energy', 'btag', 'charge'];
  return (
    a.offsets.join() === b.offsets.join() &&
    columns.every(
      (c) =>
        (a.objects as unknown as Record<string, ArrayLike<number>>)[
          c
        ]!.toString() ===
        (b.objects as unknown as Record<string, ArrayLike<number>>)[
          c
        ]!.toString(),
    )
  );
}

describe('generateEvents', () => {
  const options = {
    process: 'ttH',
    events: 300,
    detector: 'fast',
    seed: 7,
  } as const;

  it('lists the twelve processes in label order', () => {
    expect(PROCESSES).toEqual([
      'ggF_H',
      'VBF_H',
      'WH',
      'ZH',
      'ttH',
      'tHq',
      'single_top',
      'ttbar',
      'ttgammagamma',
      'ttW',
      'ttt',
      'tttt',
    ]);
  });

  it('repeats events for the same seed', () => {
    expect(sameColumns(generateEvents(options), generateEvents(options))).toBe(
      true,
    );
  });

  it('changes events with the seed, process or detector', () => {
    const base = generateEvents(options);
    expect(sameColumns(base, generateEvents({ ...options, seed: 8 }))).toBe(
      false,
    );
    const ttbar = generateEvents({ ...options, process: 'ttbar' });
    expect(sameColumns(base, ttbar)).toBe(false);
    const full = generateEvents({ ...options, detector: 'full' });
    expect(sameColumns(base, full)).toBe(false);
  });

  it('labels every event 0 with the process as class name', () => {
    const set = generateEvents(options);
    expect(eventCount(set)).toBe(300);
    expect(set.classNames).toEqual(['ttH']);
    expect(set.events.label.every((l) => l === 0)).toBe(true);
  });

  it('writes one MET object per event with η 0 and E = pT', () => {
    const set = generateEvents(options);
    for (let i = 0; i < eventCount(set); i++) {
      let metCount = 0;
      for (let k = set.offsets[i]!; k < set.offsets[i + 1]!; k++) {
        if (set.objects.type[k] !== ObjectType.MissingEt) continue;
        metCount++;
        expect(set.objects.eta[k]).toBe(0);
        expect(set.objects.energy[k]).toBe(set.objects.pt[k]);
      }
      expect(metCount).toBe(1);
    }
  });

  it('keeps φ in (−π, π] and energies at least pT', () => {
    const set = generateEvents({ ...options, process: 'tttt' });
    const o = set.objects;
    for (let k = 0; k < o.pt.length; k++) {
      expect(o.phi[k]).toBeGreaterThan(-Math.PI);
      expect(o.phi[k]).toBeLessThanOrEqual(Math.PI);
      expect(o.energy[k]! * (1 + 1e-6)).toBeGreaterThanOrEqual(o.pt[k]!);
    }
  });

  it('fills every truth column with the process content', () => {
    const set = generateEvents(options);
    expect(Object.keys(set.truth ?? {}).sort()).toEqual([...TRUTH_KEYS].sort());
    const truth = set.truth!;
    for (let i = 0; i < eventCount(set); i++) {
      expect(truth.nHiggs![i]).toBe(1);
      expect(truth.nTop![i]).toBe(2);
      expect(truth.nW![i]).toBeGreaterThanOrEqual(2);
      expect(truth.higgsDecay![i]).toBeGreaterThan(0);
      expect(truth.leadingTopPt![i]).toBeGreaterThan(0);
    }
    const ttbar = generateEvents({ ...options, process: 'ttbar' }).truth!;
    expect(ttbar.nHiggs!.every((n) => n === 0)).toBe(true);
    expect(ttbar.higgsDecay!.every((n) => n === 0)).toBe(true);
    expect(ttbar.leadingHiggsPt!.every((n) => n === 0)).toBe(true);
  });

  it('rejects an unknown process or a bad count', () => {
    expect(() =>
      generateEvents({ ...options, process: 'stop' as 'ttH' }),
    ).toThrow(/Unknown process "stop"/);
    expect(() => generateEvents({ ...options, events: -1 })).toThrow(
      /events must be an integer/,
    );
  });
});

describe('createEventStream', () => {
  it('deals class-balanced batches labelled by position', () => {
    const stream = createEventStream({
      processes: PROCESSES,
      detector: 'fast',
      seed: 3,
      batchSize: 64,
    });
    const counts = new Array<number>(12).fill(0);
    // Three batches of 64 are one deck of 16 events per process.
    for (let b = 0; b < 3; b++) {
      const batch = stream.next().value as EventSet;
      expect(eventCount(batch)).toBe(64);
      expect(batch.classNames).toEqual([...PROCESSES]);
      for (const label of batch.events.label) {
        counts[label] = (counts[label] ?? 0) + 1;
      }
    }
    expect(counts).toEqual(new Array<number>(12).fill(16));
  });

  it('repeats batches for the same seed and shuffles labels', () => {
    const make = () =>
      createEventStream({
        processes: ['WH', 'ZH'],
        detector: 'full',
        seed: 9,
        batchSize: 32,
      });
    const a = make().next().value as EventSet;
    const b = make().next().value as EventSet;
    expect(sameColumns(a, b)).toBe(true);
    expect(a.classNames).toEqual(['WH', 'ZH']);
    const labels = Array.from(a.events.label);
    expect(labels.slice(0, 16).every((l) => l === labels[0])).toBe(false);
  });

  it('rejects an empty process list', () => {
    expect(() =>
      createEventStream({
        processes: [],
        detector: 'fast',
        seed: 1,
        batchSize: 8,
      }),
    ).toThrow(/at least one process/);
  });
});
