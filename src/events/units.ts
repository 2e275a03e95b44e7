/**
 * Energy units of imported files. EventSet is in GeV, but ATLAS ntuples
 * and some others are in MeV. Files do not state their unit, so the
 * importers infer it from the momenta.
 */

import type { EventSet } from './eventSet';

/** Unit choice of an import: a fixed unit, or "auto" to detect MeV. */
export type EnergyUnitOption = 'auto' | 'GeV' | 'MeV';

/**
 * Median object pT above which a set is taken to be in MeV. Reconstructed
 * LHC objects have a median pT of tens of GeV. A median of 1000 would be
 * 1 TeV in GeV, beyond any ordinary sample, but 1 GeV in MeV, below the
 * usual 5–25 GeV object thresholds.
 */
export const MEV_MEDIAN_PT_THRESHOLD = 1000;

/** Returns the median of the non-zero values, or 0 when there are none. */
export function medianNonZero(values: ArrayLike<number>): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    if (value !== 0 && Number.isFinite(value)) kept.push(Math.abs(value));
  }
  if (kept.length === 0) return 0;
  kept.sort((a, b) => a - b);
  const middle = kept.length >> 1;
  if (kept.length % 2 === 1) return kept[middle] ?? 0;
  return ((kept[middle - 1] ?? 0) + (kept[middle] ?? 0)) / 2;
}

/** Guesses the energy unit of a set from the median pT of its objects. */
export function detectEnergyUnit(pt: ArrayLike<number>): 'GeV' | 'MeV' {
  return medianNonZero(pt) > MEV_MEDIAN_PT_THRESHOLD ? 'MeV' : 'GeV';
}

/** Multiplies pT and E of every object by `factor`, in place. */
export function scaleEnergies(set: EventSet, factor: number): void {
  const { pt, energy } = set.objects;
  for (let i = 0; i < pt.length; i++) pt[i] = (pt[i] ?? 0) * factor;
  for (let i = 0; i < energy.length; i++) {
    energy[i] = (energy[i] ?? 0) * factor;
  }
}

/**
 * Brings a freshly built set to GeV. With "auto" it converts when the
 * median pT looks like MeV; with "MeV" it always converts. A conversion
 * is reported in the returned warnings and in `set.notes`.
 */
export function normaliseUnits(
  set: EventSet,
  unit: EnergyUnitOption,
  fileName: string,
): string[] {
  if (unit === 'GeV') return [];
  const median = medianNonZero(set.objects.pt);
  if (unit === 'auto' && median <= MEV_MEDIAN_PT_THRESHOLD) return [];

  scaleEnergies(set, 1e-3);
  const reason =
    unit === 'MeV'
      ? 'the import was set to MeV'
      : `the median object pT is ${median.toFixed(0)}, which is only ` +
        'plausible in MeV';
  const message =
    `${fileName}: converted energies and momenta from MeV to GeV ` +
    `because ${reason}. If the file is in GeV, import it again with ` +
    'units set to GeV.';
  set.notes.push(message);
  return [message];
}
