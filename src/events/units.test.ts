import { describe, expect, it } from 'vitest';
import { EventSetBuilder } from './builder';
import { ObjectType, type EventSet } from './eventSet';
import { detectEnergyUnit, medianNonZero, normaliseUnits } from './units';

function setWithPts(pts: number[]): EventSet {
  const builder = new EventSetBuilder();
  for (const pt of pts) {
    builder.addObject({
      type: ObjectType.Jet,
      pt,
      eta: 0,
      phi: 0,
      energy: pt * 2,
      btag: 0,
      charge: 0,
    });
    builder.endEvent(-1);
  }
  return builder.build('test', 'test.root');
}

describe('medianNonZero', () => {
  it('ignores zeros and non-finite values', () => {
    expect(medianNonZero([0, 3, 1, NaN, 2, 0])).toBe(2);
    expect(medianNonZero([4, 1, 3, 2])).toBe(2.5);
    expect(medianNonZero([0, 0])).toBe(0);
  });
});

describe('detectEnergyUnit', () => {
  it('tells ATLAS MeV from GeV', () => {
    expect(detectEnergyUnit([25_000, 40_000, 61_000])).toBe('MeV');
    expect(detectEnergyUnit([25, 40, 61])).toBe('GeV');
    expect(detectEnergyUnit([900, 1100, 700])).toBe('GeV');
  });
});

describe('normaliseUnits', () => {
  it('converts a MeV set and says so', () => {
    const set = setWithPts([30_000, 45_000, 80_000]);
    const warnings = normaliseUnits(set, 'auto', 'mini.root');
    expect(set.objects.pt[0]).toBeCloseTo(30, 4);
    expect(set.objects.energy[0]).toBeCloseTo(60, 4);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('mini.root');
    expect(warnings[0]).toContain('MeV to GeV');
    expect(set.notes).toEqual(warnings);
  });

  it('leaves a GeV set alone', () => {
    const set = setWithPts([30, 45, 80]);
    expect(normaliseUnits(set, 'auto', 'a.root')).toEqual([]);
    expect(set.objects.pt[0]).toBe(30);
    expect(set.notes).toEqual([]);
  });

  it('follows an explicit unit over detection', () => {
    const mev = setWithPts([30, 45, 80]);
    expect(normaliseUnits(mev, 'MeV', 'a.root')).toHaveLength(1);
    expect(mev.objects.pt[0]).toBeCloseTo(0.03, 6);
    const gev = setWithPts([30_000]);
    expect(normaliseUnits(gev, 'GeV', 'a.root')).toEqual([]);
    expect(gev.objects.pt[0]).toBe(30_000);
  });
});
