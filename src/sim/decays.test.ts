import { describe, expect, it } from 'vitest';
import {
  HADRONIC_TAU,
  HIGGS_BRANCHING,
  HIGGS_MASS,
  PDG,
  TAU_BRANCHING,
  TAU_MASS,
  TOP_MASS,
  W_BRANCHING,
  W_MASS,
  Z_BRANCHING,
  Z_MASS,
} from './constants';
import { decayParticle } from './decays';
import { decayTwoBody, Particle } from './particle';
import { Rng } from './random';
import { SimEvent } from './simEvent';

const DECAYS = 100_000;

/** Makes a moving parent of the given code and mass in a fresh event. */
function moving(event: SimEvent, rng: Rng, pid: number, mass: number) {
  event.reset();
  const p = event.make(pid, mass);
  return p.setPtEtaPhiM(rng.range(0, 300), rng.range(-3, 3), rng.phi(), mass);
}

function codes(event: SimEvent): number[] {
  return event.finals.map((p) => Math.abs(p.pid));
}

/** Expects an observed fraction within 4 binomial σ of the expected one. */
function expectFraction(count: number, total: number, expected: number) {
  const sigma = Math.sqrt((expected * (1 - expected)) / total);
  expect(Math.abs(count / total - expected)).toBeLessThan(4 * sigma + 1e-9);
}

function bump(counts: number[], k: number): void {
  counts[k] = (counts[k] ?? 0) + 1;
}

function normalised(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

describe('decayTwoBody', () => {
  it('conserves four-momentum and keeps the first mass', () => {
    const rng = new Rng(11);
    const parent = new Particle().setPtEtaPhiM(250, 1.3, 2.0, TOP_MASS);
    for (let i = 0; i < 1000; i++) {
      const b = new Particle();
      b.m = 4.8;
      const w = new Particle();
      w.m = W_MASS;
      expect(decayTwoBody(rng, parent, b, w)).toBe(true);
      expect(b.px + w.px).toBeCloseTo(parent.px, 10);
      expect(b.py + w.py).toBeCloseTo(parent.py, 10);
      expect(b.pz + w.pz).toBeCloseTo(parent.pz, 10);
      expect(b.e + w.e).toBeCloseTo(parent.e, 10);
      const m2 = b.e * b.e - b.px * b.px - b.py * b.py - b.pz * b.pz;
      expect(Math.sqrt(m2)).toBeCloseTo(4.8, 6);
      const w2 = w.e * w.e - w.px * w.px - w.py * w.py - w.pz * w.pz;
      expect(Math.sqrt(w2)).toBeCloseTo(W_MASS, 6);
    }
  });

  it('refuses a closed decay', () => {
    const parent = new Particle().setPtEtaPhiM(10, 0, 0, 50);
    const a = new Particle();
    a.m = 30;
    const b = new Particle();
    b.m = 30;
    expect(decayTwoBody(new Rng(1), parent, a, b)).toBe(false);
  });
});

describe('decay chains', () => {
  it('conserve momentum from top to stable particles', () => {
    const rng = new Rng(12);
    const event = new SimEvent();
    for (let i = 0; i < 2000; i++) {
      const top = moving(event, rng, PDG.top, TOP_MASS);
      decayParticle(rng, event, top);
      let px = 0;
      let pz = 0;
      let e = 0;
      for (const p of event.finals) {
        px += p.px;
        pz += p.pz;
        e += p.e;
      }
      expect(Math.abs(px - top.px)).toBeLessThan(1e-9 * top.e);
      expect(Math.abs(pz - top.pz)).toBeLessThan(1e-9 * top.e);
      expect(Math.abs(e - top.e)).toBeLessThan(1e-9 * top.e);
    }
  });

  it('give Higgs decay fractions of the branching ratios', () => {
    const rng = new Rng(13);
    const event = new SimEvent();
    const counts = new Array<number>(HIGGS_BRANCHING.length).fill(0);
    for (let i = 0; i < DECAYS; i++) {
      decayParticle(rng, event, moving(event, rng, PDG.higgs, HIGGS_MASS));
      bump(counts, event.higgsDecay - 1);
    }
    const expected = normalised(HIGGS_BRANCHING);
    expected.forEach((p, mode) => expectFraction(counts[mode]!, DECAYS, p));
  });

  it('decay H to VV* with one boson off shell', () => {
    const rng = new Rng(14);
    const event = new SimEvent();
    for (const [mode, bosons] of [
      [1, 'nW'],
      [5, 'nZ'],
    ] as const) {
      event.forcedHiggsMode = mode;
      for (let i = 0; i < 2000; i++) {
        const h = moving(event, rng, PDG.higgs, HIGGS_MASS);
        decayParticle(rng, event, h);
        expect(event[bosons]).toBe(2);
        let e = 0;
        for (const p of event.finals) e += p.e;
        expect(Math.abs(e - h.e)).toBeLessThan(1e-9 * h.e);
      }
    }
  });

  it('give W decay fractions of the branching ratios', () => {
    const rng = new Rng(15);
    const event = new SimEvent();
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < DECAYS; i++) {
      decayParticle(rng, event, moving(event, rng, PDG.w, W_MASS));
      const c = codes(event);
      if (c.includes(PDG.tauNeutrino)) bump(counts, 2);
      else if (c.includes(PDG.electron)) bump(counts, 0);
      else if (c.includes(PDG.muon)) bump(counts, 1);
      else if (c.includes(PDG.charm)) bump(counts, 4);
      else bump(counts, 3);
    }
    const expected = normalised(W_BRANCHING);
    expected.forEach((p, k) => expectFraction(counts[k]!, DECAYS, p));
  });

  it('give Z decay fractions of the branching ratios', () => {
    const rng = new Rng(16);
    const event = new SimEvent();
    // Channels: ee, μμ, ττ, νν, bb, cc, light quarks.
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < DECAYS; i++) {
      decayParticle(rng, event, moving(event, rng, PDG.z, Z_MASS));
      const c = codes(event);
      if (c.length > 2) bump(counts, 2);
      else if (c[0] === PDG.electron) bump(counts, 0);
      else if (c[0] === PDG.muon) bump(counts, 1);
      else if (c[0]! % 2 === 0 && c[0]! > 10) bump(counts, 3);
      else if (c[0] === PDG.bottom) bump(counts, 4);
      else if (c[0] === PDG.charm) bump(counts, 5);
      else bump(counts, 6);
    }
    const z = normalised(Z_BRANCHING);
    const expected = [z[0]!, z[1]!, z[2]!, z[3]!, z[4]!, z[5]!];
    expected.push(z[6]! + z[7]! + z[8]!);
    expected.forEach((p, k) => expectFraction(counts[k]!, DECAYS, p));
  });

  it('give τ decay fractions of the branching ratios', () => {
    const rng = new Rng(17);
    const event = new SimEvent();
    const counts = [0, 0, 0];
    for (let i = 0; i < DECAYS; i++) {
      decayParticle(rng, event, moving(event, rng, PDG.tau, TAU_MASS));
      const c = codes(event);
      if (c.includes(HADRONIC_TAU)) bump(counts, 0);
      else if (c.includes(PDG.electron)) bump(counts, 1);
      else bump(counts, 2);
    }
    const expected = normalised(TAU_BRANCHING);
    expected.forEach((p, k) => expectFraction(counts[k]!, DECAYS, p));
  });
});
