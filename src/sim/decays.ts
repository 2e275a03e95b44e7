/**
 * Decays of the heavy resonances and the τ, each as a chain of two-body
 * decays in the rest frame, boosted back exactly (see `decayTwoBody`).
 * Branching ratios and masses are in `constants.ts` with their sources.
 */

import {
  BOTTOM_MASS,
  CHARM_MASS,
  ELECTRON_MASS,
  HIGGS_BRANCHING,
  MUON_MASS,
  PDG,
  HADRONIC_TAU,
  TAU_BRANCHING,
  TAU_HADRON_MASSES,
  TAU_HADRON_SHARES,
  TAU_MASS,
  W_BRANCHING,
  W_MASS,
  W_WIDTH,
  Z_BRANCHING,
  Z_MASS,
  Z_WIDTH,
} from './constants';
import { decayTwoBody, twoBodyMomentum, type Particle } from './particle';
import { cumulativeWeights, type Rng } from './random';
import type { SimEvent } from './simEvent';

const HIGGS_CUMULATIVE = cumulativeWeights(HIGGS_BRANCHING);
const W_CUMULATIVE = cumulativeWeights(W_BRANCHING);
const Z_CUMULATIVE = cumulativeWeights(Z_BRANCHING);
const TAU_CUMULATIVE = cumulativeWeights(TAU_BRANCHING);
const TAU_HADRON_CUMULATIVE = cumulativeWeights(TAU_HADRON_SHARES);

/** Z decay products by channel: the negative-code daughter of each pair. */
const Z_DAUGHTERS = [
  PDG.electron,
  PDG.muon,
  PDG.tau,
  0, // νν̄: flavour drawn separately
  PDG.bottom,
  PDG.charm,
  PDG.strange,
  PDG.down,
  PDG.up,
];

/** Daughter codes of the Higgs modes that decay to a fermion or gluon pair. */
const HIGGS_PAIR_CODES = [
  PDG.bottom,
  0,
  PDG.gluon,
  PDG.tau,
  PDG.charm,
  0,
  0,
  0,
  PDG.muon,
];

/** Lightest W or Z mass allowed off shell: below it no pair is produced. */
const MIN_OFF_SHELL_MASS = 4;

/** Returns the kinematic mass used for a stable particle code. */
export function massOf(pid: number): number {
  const code = Math.abs(pid);
  if (code === PDG.bottom) return BOTTOM_MASS;
  if (code === PDG.charm) return CHARM_MASS;
  if (code === PDG.muon) return MUON_MASS;
  if (code === PDG.electron) return ELECTRON_MASS;
  if (code === PDG.tau) return TAU_MASS;
  return 0;
}

/**
 * Decays `parent` into two particles of the given codes and masses and
 * decays those in turn. Returns false if the decay is closed.
 */
function decayInto(
  rng: Rng,
  event: SimEvent,
  parent: Particle,
  pid1: number,
  mass1: number,
  pid2: number,
  mass2: number,
): boolean {
  // The lightest W* or Z* (4 GeV) always has an open massless channel,
  // so the callers' redraw loops end.
  if (twoBodyMomentum(parent.m, mass1, mass2) < 0) return false;
  const first = event.make(pid1, mass1);
  const second = event.make(pid2, mass2);
  decayTwoBody(rng, parent, first, second);
  decayParticle(rng, event, first);
  decayParticle(rng, event, second);
  return true;
}

/**
 * Decays a particle and its products, or adds it to the stable list.
 * NOTE: every decay is isotropic in the rest frame, so W helicity in top
 * decays, τ polarisation and spin correlations between tops are absent.
 */
export function decayParticle(rng: Rng, event: SimEvent, p: Particle): void {
  switch (Math.abs(p.pid)) {
    case PDG.top:
      decayTop(rng, event, p);
      break;
    case PDG.w:
      decayW(rng, event, p);
      break;
    case PDG.z:
      decayZ(rng, event, p);
      break;
    case PDG.higgs:
      decayHiggs(rng, event, p);
      break;
    case PDG.tau:
      decayTau(rng, event, p);
      break;
    default:
      event.finals.push(p);
  }
}

/** t → bW, with the W mass drawn below the kinematic limit. */
function decayTop(rng: Rng, event: SimEvent, top: Particle): void {
  event.nTop++;
  event.leadingTopPt = Math.max(event.leadingTopPt, top.pt());
  const sign = Math.sign(top.pid);
  const wMax = top.m - BOTTOM_MASS - 0.01;
  const wMass = rng.breitWigner(W_MASS, W_WIDTH, MIN_OFF_SHELL_MASS, wMax);
  decayInto(
    rng,
    event,
    top,
    sign * PDG.bottom,
    BOTTOM_MASS,
    sign * PDG.w,
    wMass,
  );
}

/**
 * W⁺ → ℓ⁺ν or ud̄′/cs̄′ (a W⁻ gives the charge conjugates). A channel
 * closed for a far off-shell W is redrawn, which lowers its share the way
 * the phase space does.
 */
function decayW(rng: Rng, event: SimEvent, w: Particle): void {
  event.nW++;
  const sign = Math.sign(w.pid);
  for (;;) {
    const channel = rng.pick(W_CUMULATIVE);
    if (channel < 3) {
      const lepton = PDG.electron + 2 * channel;
      const antiLepton = -sign * lepton;
      const neutrino = sign * (lepton + 1);
      const mass = massOf(lepton);
      if (decayInto(rng, event, w, antiLepton, mass, neutrino, 0)) return;
      continue;
    }
    const up = channel === 3 ? PDG.up : PDG.charm;
    const down = channel === 3 ? PDG.down : PDG.strange;
    if (decayInto(rng, event, w, sign * up, massOf(up), -sign * down, 0)) {
      return;
    }
  }
}

/** Z → ℓℓ, νν̄ or qq̄ with PDG ratios; closed channels are redrawn. */
function decayZ(rng: Rng, event: SimEvent, z: Particle): void {
  event.nZ++;
  for (;;) {
    const channel = rng.pick(Z_CUMULATIVE);
    let code = Z_DAUGHTERS[channel] ?? PDG.up;
    if (code === 0) code = PDG.electronNeutrino + 2 * rng.int(3);
    const mass = massOf(code);
    if (decayInto(rng, event, z, code, mass, -code, mass)) return;
  }
}

/**
 * Draws the masses of an H → VV* pair, GeV: both from the V Breit–Wigner
 * with their sum below mH, then weighted by the two-body phase space so
 * that the far off-shell tail is not overpopulated. The on-shell and
 * off-shell roles go to either boson with equal chance.
 */
function drawBosonPair(
  rng: Rng,
  higgsMass: number,
  mass: number,
  width: number,
): [number, number] {
  const low = MIN_OFF_SHELL_MASS;
  for (let attempt = 0; ; attempt++) {
    const m1 = rng.breitWigner(mass, width, low, higgsMass - low);
    const m2 = rng.breitWigner(mass, width, low, higgsMass - m1);
    const q = twoBodyMomentum(higgsMass, m1, m2);
    // The last attempt is accepted as drawn so the loop always ends.
    if (attempt === 20 || rng.uniform() * 0.5 * higgsMass < q) {
      return rng.chance(0.5) ? [m1, m2] : [m2, m1];
    }
  }
}

/** H → bb̄, WW*, gg, ττ, cc̄, ZZ*, γγ, Zγ or μμ (LHC Higgs WG ratios). */
function decayHiggs(rng: Rng, event: SimEvent, h: Particle): void {
  event.nHiggs++;
  event.leadingHiggsPt = Math.max(event.leadingHiggsPt, h.pt());
  const mode =
    event.forcedHiggsMode >= 0
      ? event.forcedHiggsMode
      : rng.pick(HIGGS_CUMULATIVE);
  if (event.higgsDecay === 0) event.higgsDecay = mode + 1;
  switch (mode) {
    case 0:
    case 2:
    case 3:
    case 4:
    case 8: {
      const code = HIGGS_PAIR_CODES[mode] ?? PDG.bottom;
      const mass = massOf(code);
      const anti = code === PDG.gluon ? PDG.gluon : -code;
      decayInto(rng, event, h, code, mass, anti, mass);
      return;
    }
    case 1: {
      const [m1, m2] = drawBosonPair(rng, h.m, W_MASS, W_WIDTH);
      decayInto(rng, event, h, PDG.w, m1, -PDG.w, m2);
      return;
    }
    case 5: {
      const [m1, m2] = drawBosonPair(rng, h.m, Z_MASS, Z_WIDTH);
      decayInto(rng, event, h, PDG.z, m1, PDG.z, m2);
      return;
    }
    case 6:
      decayInto(rng, event, h, PDG.photon, 0, PDG.photon, 0);
      return;
    default: {
      const zMass = rng.breitWigner(Z_MASS, Z_WIDTH, 40, h.m - 0.01);
      decayInto(rng, event, h, PDG.z, zMass, PDG.photon, 0);
    }
  }
}

/**
 * τ⁻ → ν_τ + hadrons (π, ρ or a₁ as one visible system), or τ⁻ → ℓ⁻ν̄ν
 * done as τ → ν_τ + (ℓν̄ system), then that system → ℓν̄.
 */
function decayTau(rng: Rng, event: SimEvent, tau: Particle): void {
  const sign = Math.sign(tau.pid);
  const neutrino = sign * PDG.tauNeutrino;
  const channel = rng.pick(TAU_CUMULATIVE);
  if (channel === 0) {
    const index = rng.pick(TAU_HADRON_CUMULATIVE);
    const mass = TAU_HADRON_MASSES[index] ?? 0.775;
    decayInto(rng, event, tau, sign * HADRONIC_TAU, mass, neutrino, 0);
    return;
  }
  const lepton = channel === 1 ? PDG.electron : PDG.muon;
  const leptonMass = massOf(lepton);
  // The ℓν̄ pair mass: uniform below the limit, a simple stand-in for the
  // V−A matrix element that keeps the visible energy fraction spread out.
  const pairMass = rng.range(leptonMass, TAU_MASS - 0.001);
  const pair = event.make(0, pairMass);
  const nu = event.make(neutrino, 0);
  if (!decayTwoBody(rng, tau, pair, nu)) return;
  event.finals.push(nu);
  const charged = event.make(sign * lepton, leptonMass);
  const antiNu = event.make(-sign * (lepton + 1), 0);
  decayTwoBody(rng, pair, charged, antiNu);
  event.finals.push(charged, antiNu);
}
