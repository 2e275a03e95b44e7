/**
 * From partons to particle-level jets: occasional hard final-state
 * splitting, neutrino losses in semileptonic b and c decays, and merging
 * of jets closer than ΔR = 0.4 (the anti-kT radius ATLAS uses).
 */

import { HADRONIC_TAU, PDG } from './constants';
import type { Particle } from './particle';
import type { Rng } from './random';
import type { SimEvent } from './simEvent';

/** Jet radius: objects closer than this in (η, φ) end up in one jet. */
export const JET_RADIUS = 0.4;
const JET_RADIUS_SQUARED = JET_RADIUS * JET_RADIUS;

/**
 * Probabilities of a resolvable hard splitting, by parton kind. Gluons
 * radiate about C_A/C_F = 9/4 as often as quarks. The values are
 * estimates, not a tune to Pythia or data.
 */
const GLUON_SPLIT_PROBABILITY = 0.3;
const QUARK_SPLIT_PROBABILITY = 0.14;
/** Splitting angles are log-uniform between these (collinear enhancement). */
const MIN_SPLIT_ANGLE = 0.05;
const MAX_SPLIT_ANGLE = 1.2;
/**
 * Semileptonic b (and cascade c) decays put a neutrino in about 20 % of b
 * jets and 10 % of c jets (PDG: B(b → ℓνX) ≈ 10.7 % per lepton flavour).
 */
const B_NEUTRINO_PROBABILITY = 0.21;
const C_NEUTRINO_PROBABILITY = 0.1;

/** Flavour rank for merged jets: a b inside wins over c, c over light. */
function flavourRank(pid: number): number {
  const code = Math.abs(pid);
  if (code === PDG.bottom) return 3;
  if (code === PDG.charm) return 2;
  if (code === HADRONIC_TAU) return 1;
  return 0;
}

/**
 * Splits a massless parton into two at angle θ around its direction, the
 * softer taking a fraction z ∈ [0.05, 0.5] of the pT; the harder keeps the
 * flavour. The pT-weighted direction is kept, so the pair is balanced
 * to first order in θ.
 */
function splitParton(
  rng: Rng,
  event: SimEvent,
  parton: Particle,
  out: Particle[],
): void {
  const pt = parton.pt();
  const eta = parton.eta();
  const phi = parton.phi();
  const z = rng.range(0.05, 0.5);
  const ratio = MAX_SPLIT_ANGLE / MIN_SPLIT_ANGLE;
  const angle = MIN_SPLIT_ANGLE * Math.pow(ratio, rng.uniform());
  const direction = rng.phi();
  const dEta = angle * Math.cos(direction);
  const dPhi = angle * Math.sin(direction);
  const hard = event.make(parton.pid, parton.m);
  hard.setPtEtaPhiM((1 - z) * pt, eta + z * dEta, phi + z * dPhi, parton.m);
  const soft = event.make(PDG.gluon, 0);
  const softEta = eta - (1 - z) * dEta;
  soft.setPtEtaPhiM(z * pt, softEta, phi - (1 - z) * dPhi, 0);
  out.push(hard, soft);
}

/**
 * Turns partons (and calorimeter deposits of unidentified electrons and
 * photons) into particle-level jets in `out`. Neutrinos from heavy-flavour
 * decays go to `invisible`.
 */
export function buildJets(
  rng: Rng,
  event: SimEvent,
  inputs: readonly Particle[],
  out: Particle[],
  invisible: Particle[],
): void {
  out.length = 0;
  for (const parton of inputs) {
    const code = Math.abs(parton.pid);
    const isQuark = code <= PDG.bottom;
    const splitProbability =
      code === PDG.gluon
        ? GLUON_SPLIT_PROBABILITY
        : isQuark
          ? QUARK_SPLIT_PROBABILITY
          : 0;
    const jetIndex = out.length;
    if (rng.chance(splitProbability)) splitParton(rng, event, parton, out);
    else out.push(event.make(parton.pid, parton.m).copyFrom(parton));
    const lossProbability =
      code === PDG.bottom
        ? B_NEUTRINO_PROBABILITY
        : code === PDG.charm
          ? C_NEUTRINO_PROBABILITY
          : 0;
    if (lossProbability > 0 && rng.chance(lossProbability)) {
      invisible.push(takeNeutrino(rng, event, out[jetIndex] as Particle));
    }
  }
  mergeCloseJets(out);
}

/** Moves a fraction of a jet's four-momentum into a collinear neutrino. */
function takeNeutrino(rng: Rng, event: SimEvent, jet: Particle): Particle {
  const fraction = rng.range(0.05, 0.4);
  const nu = event.make(PDG.electronNeutrino, 0);
  nu.px = fraction * jet.px;
  nu.py = fraction * jet.py;
  nu.pz = fraction * jet.pz;
  nu.e = fraction * jet.e;
  jet.px -= nu.px;
  jet.py -= nu.py;
  jet.pz -= nu.pz;
  jet.e -= nu.e;
  return nu;
}

const scratchEta = new Float64Array(64);
const scratchPhi = new Float64Array(64);

/**
 * Merges the closest pair of jets while any pair is within ΔR < 0.4,
 * adding four-momenta (the recombination of a sequential jet algorithm).
 */
function mergeCloseJets(jets: Particle[]): void {
  let n = jets.length;
  if (n > scratchEta.length) n = jets.length = scratchEta.length;
  for (let i = 0; i < n; i++) {
    const jet = jets[i] as Particle;
    scratchEta[i] = jet.eta();
    scratchPhi[i] = jet.phi();
  }
  for (;;) {
    let best = JET_RADIUS_SQUARED;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dEta = (scratchEta[i] as number) - (scratchEta[j] as number);
        let dPhi = Math.abs(
          (scratchPhi[i] as number) - (scratchPhi[j] as number),
        );
        if (dPhi > Math.PI) dPhi = 2 * Math.PI - dPhi;
        const d2 = dEta * dEta + dPhi * dPhi;
        if (d2 < best) {
          best = d2;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    mergeInto(jets[bi] as Particle, jets[bj] as Particle);
    scratchEta[bi] = (jets[bi] as Particle).eta();
    scratchPhi[bi] = (jets[bi] as Particle).phi();
    n--;
    jets[bj] = jets[n] as Particle;
    scratchEta[bj] = scratchEta[n] as number;
    scratchPhi[bj] = scratchPhi[n] as number;
    jets.length = n;
  }
}

function mergeInto(target: Particle, other: Particle): void {
  if (flavourRank(other.pid) > flavourRank(target.pid)) target.pid = other.pid;
  target.px += other.px;
  target.py += other.py;
  target.pz += other.pz;
  target.e += other.e;
}
