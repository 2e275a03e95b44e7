import { describe, expect, it } from 'vitest';
import { eventCount, ObjectType, type EventSet } from '../events/eventSet';
import { countObjects, fitPeak, meanOver, objectsOfType } from './analysis';
import { HIGGS_MASS, TOP_MASS, W_MASS, Z_MASS } from './constants';
import { caloSigma, detectorConfig } from './detectorConfig';
import { generateEvents, PROCESSES, type ProcessName } from './index';
import { diphotonMasses, dileptonMasses, hadronicTopMasses } from './peaks';

const FAST = detectorConfig('fast');

/** Mean expected mass resolution of a pair from per-object σ(E)/E, GeV. */
function predictedPairSigma(
  set: EventSet,
  type: ObjectType,
  terms: typeof FAST.ecal,
): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < eventCount(set); i++) {
    const objects = objectsOfType(set, i, type).slice(0, 2);
    if (objects.length < 2) continue;
    let r2 = 0;
    for (const k of objects) {
      const e = set.objects.energy[k]!;
      r2 += (caloSigma(terms, e, Math.abs(set.objects.eta[k]!)) / e) ** 2;
    }
    sum += 0.5 * Math.sqrt(r2);
    n++;
  }
  return sum / n;
}

function generate(process: ProcessName, events: number): EventSet {
  return generateEvents({ process, events, detector: 'fast', seed: 21 });
}

describe('reconstructed peaks', () => {
  it('puts m(γγ) at the Higgs mass with the ECAL resolution', () => {
    const set = generateEvents({
      process: 'ggF_H',
      events: 3000,
      detector: 'fast',
      seed: 21,
      higgsDecay: 'gammagamma',
    });
    const fit = fitPeak(diphotonMasses(set), 125, 10);
    expect(fit.entries).toBeGreaterThan(1000);
    expect(Math.abs(fit.mean - HIGGS_MASS)).toBeLessThan(0.3);
    const expected =
      HIGGS_MASS * predictedPairSigma(set, ObjectType.Photon, FAST.ecal);
    expect(fit.sigma / expected).toBeGreaterThan(0.85);
    expect(fit.sigma / expected).toBeLessThan(1.2);
  });

  it('puts m(ℓℓ) at the Z mass in ZH events', () => {
    const fit = fitPeak(dileptonMasses(generate('ZH', 30_000)), 91, 10);
    expect(fit.entries).toBeGreaterThan(700);
    expect(Math.abs(fit.mean - Z_MASS)).toBeLessThan(0.6);
    // The Breit–Wigner core (Γ = 2.5 GeV) with ~1 GeV lepton resolution.
    expect(fit.sigma).toBeGreaterThan(1.3);
    expect(fit.sigma).toBeLessThan(3);
  });

  it('puts hadronic W and top near their masses in tt̄', () => {
    const set = generate('ttbar', 40_000);
    const masses = hadronicTopMasses(set);
    const w = fitPeak(masses.w, 80, 25);
    const top = fitPeak(masses.top, 172, 40);
    expect(w.entries).toBeGreaterThan(600);
    expect(Math.abs(w.mean - W_MASS)).toBeLessThan(3);
    expect(Math.abs(top.mean - TOP_MASS)).toBeLessThan(6);
    // Final-state radiation and b-jet neutrinos widen the calorimeter
    // resolution, so the widths sit above it but in proportion to it.
    const jetSigma =
      W_MASS * predictedPairSigma(set, ObjectType.Jet, FAST.hcal);
    expect(w.sigma / jetSigma).toBeGreaterThan(0.8);
    expect(w.sigma / jetSigma).toBeLessThan(1.8);
    expect(top.sigma).toBeGreaterThan(w.sigma);
    expect(top.sigma).toBeLessThan(25);
  });
});

/** Mean |Δη| of the two leading jets in events with at least two jets. */
function leadingJetGap(set: EventSet): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < eventCount(set); i++) {
    const jets = objectsOfType(set, i, ObjectType.Jet);
    if (jets.length < 2) continue;
    sum += Math.abs(set.objects.eta[jets[0]!]! - set.objects.eta[jets[1]!]!);
    n++;
  }
  return sum / n;
}

describe('object multiplicities', () => {
  const meanJets = (set: EventSet) =>
    meanOver(set, (s, i) => countObjects(s, i).jets);
  const meanBTags = (set: EventSet) =>
    meanOver(set, (s, i) => countObjects(s, i).bTags);

  it('order tt̄tt̄ > tt̄t > tt̄ in jets and b-tags', () => {
    const [four, three, two] = (['tttt', 'ttt', 'ttbar'] as const).map((p) =>
      generate(p, 3000),
    ) as [EventSet, EventSet, EventSet];
    expect(meanJets(four)).toBeGreaterThan(meanJets(three) + 0.3);
    expect(meanJets(three)).toBeGreaterThan(meanJets(two) + 1);
    expect(meanBTags(four)).toBeGreaterThan(meanBTags(three) + 0.2);
    expect(meanBTags(three)).toBeGreaterThan(meanBTags(two) + 0.3);
  });

  it('give VBF H the widest gap between leading jets', () => {
    const gaps = PROCESSES.map((p) => leadingJetGap(generate(p, 2000)));
    const vbf = gaps[PROCESSES.indexOf('VBF_H')]!;
    for (const [k, gap] of gaps.entries()) {
      if (PROCESSES[k] !== 'VBF_H') expect(vbf).toBeGreaterThan(gap + 0.5);
    }
  });

  it('give tt̄γγ two photons far more often than tt̄', () => {
    const photons = (set: EventSet) =>
      meanOver(set, (s, i) => countObjects(s, i).photons);
    expect(photons(generate('ttgammagamma', 2000))).toBeGreaterThan(1.2);
    expect(photons(generate('ttbar', 2000))).toBeLessThan(0.05);
  });
});
