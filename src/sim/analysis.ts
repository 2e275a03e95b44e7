/**
 * Summaries of reconstructed events used by the validation tests, the
 * figures and the count baseline: object counts, pair masses, peak fits.
 */

import { eventCount, ObjectType, type EventSet } from '../events/eventSet';

/** Object counts and MET of one event. */
export interface EventCounts {
  jets: number;
  bTags: number;
  electrons: number;
  muons: number;
  photons: number;
  /** Missing transverse momentum, GeV. */
  met: number;
}

/** Returns the object counts of event `i`. */
export function countObjects(set: EventSet, i: number): EventCounts {
  const o = set.objects;
  const counts: EventCounts = {
    jets: 0,
    bTags: 0,
    electrons: 0,
    muons: 0,
    photons: 0,
    met: 0,
  };
  const end = set.offsets[i + 1] ?? 0;
  for (let k = set.offsets[i] ?? 0; k < end; k++) {
    switch (o.type[k]) {
      case ObjectType.Jet:
        counts.jets++;
        if ((o.btag[k] ?? 0) > 0.5) counts.bTags++;
        break;
      case ObjectType.Electron:
        counts.electrons++;
        break;
      case ObjectType.Muon:
        counts.muons++;
        break;
      case ObjectType.Photon:
        counts.photons++;
        break;
      case ObjectType.MissingEt:
        counts.met = o.pt[k] ?? 0;
    }
  }
  return counts;
}

/** Returns the mean of a per-event quantity over a set. */
export function meanOver(
  set: EventSet,
  value: (set: EventSet, i: number) => number,
): number {
  const n = eventCount(set);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += value(set, i);
  return n === 0 ? 0 : sum / n;
}

/** Returns the object indices of event `i` with the given type, pT-ordered. */
export function objectsOfType(
  set: EventSet,
  i: number,
  type: ObjectType,
): number[] {
  const found: number[] = [];
  const end = set.offsets[i + 1] ?? 0;
  for (let k = set.offsets[i] ?? 0; k < end; k++) {
    if (set.objects.type[k] === type) found.push(k);
  }
  // The generator writes each type in falling pT; imported sets may not.
  return found.sort(
    (a, b) => (set.objects.pt[b] ?? 0) - (set.objects.pt[a] ?? 0),
  );
}

/**
 * Returns the invariant mass of a group of objects, GeV, treating each as
 * having the stored energy and momentum (pT, η, φ).
 */
export function invariantMassOf(set: EventSet, indices: readonly number[]) {
  let px = 0;
  let py = 0;
  let pz = 0;
  let e = 0;
  const o = set.objects;
  for (const k of indices) {
    const pt = o.pt[k] ?? 0;
    const phi = o.phi[k] ?? 0;
    px += pt * Math.cos(phi);
    py += pt * Math.sin(phi);
    pz += pt * Math.sinh(o.eta[k] ?? 0);
    e += o.energy[k] ?? 0;
  }
  return Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
}

/** Position and width of a peak, GeV. */
export interface PeakFit {
  mean: number;
  sigma: number;
  /** Number of values inside the final ±2σ window. */
  entries: number;
}

/**
 * Fits a peak by iterated truncated moments: starting from `guess` and a
 * ±`window` range, the mean and RMS of the values within ±2σ are
 * recomputed until stable. The RMS within ±2σ of a Gaussian is 0.88 σ,
 * so the RMS is divided by 0.88.
 */
export function fitPeak(
  values: readonly number[],
  guess: number,
  window: number,
): PeakFit {
  let mean = guess;
  let half = window;
  let sigma = window / 2;
  let entries = 0;
  for (let iteration = 0; iteration < 30; iteration++) {
    let sum = 0;
    let sum2 = 0;
    entries = 0;
    for (const v of values) {
      if (Math.abs(v - mean) > half) continue;
      sum += v;
      sum2 += v * v;
      entries++;
    }
    if (entries < 3) break;
    const newMean = sum / entries;
    const rms = Math.sqrt(Math.max(0, sum2 / entries - newMean * newMean));
    sigma = iteration === 0 ? rms : rms / 0.88;
    const converged = Math.abs(newMean - mean) < 1e-4 * Math.abs(mean);
    mean = newMean;
    half = 2 * sigma;
    if (converged && iteration > 2) break;
  }
  return { mean, sigma, entries };
}
