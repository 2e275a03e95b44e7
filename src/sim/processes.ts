/**
 * The twelve pretraining processes at √s = 13 TeV, each as a recipe for
 * the hard scattering: which heavy particles are made, which extra
 * partons come with them, and how much initial-state radiation.
 */

import {
  HIGGS_MASS,
  PDG,
  TOP_MASS,
  TOP_WIDTH,
  W_MASS,
  W_WIDTH,
  Z_MASS,
  Z_WIDTH,
} from './constants';
import {
  addForwardQuark,
  addParton,
  emitInitialStateRadiation,
  produceSystem,
  type SystemShape,
} from './hardProcess';
import type { Particle } from './particle';
import type { Rng } from './random';
import type { SimEvent } from './simEvent';

/** Names of the twelve processes, in label order. */
export const PROCESSES = [
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
] as const;

/** A process name; its index in `PROCESSES` is its class label. */
export type ProcessName = (typeof PROCESSES)[number];

/**
 * Single-top channel shares from the 13 TeV cross sections 217 pb
 * (t-channel), 71.7 pb (tW) and 10.3 pb (s-channel).
 */
const SINGLE_TOP_T_SHARE = 217 / 299;
const SINGLE_TOP_TW_SHARE = 71.7 / 299;

/** Top mass drawn from its Breit–Wigner, kept within 15 widths. */
function top(rng: Rng, event: SimEvent, sign: number): Particle {
  const w = 15 * TOP_WIDTH;
  const mass = rng.breitWigner(TOP_MASS, TOP_WIDTH, TOP_MASS - w, TOP_MASS + w);
  return event.make(sign * PDG.top, mass);
}

function wBoson(rng: Rng, event: SimEvent, sign: number): Particle {
  const mass = rng.breitWigner(W_MASS, W_WIDTH, 50, 120);
  return event.make(sign * PDG.w, mass);
}

function zBoson(rng: Rng, event: SimEvent): Particle {
  return event.make(PDG.z, rng.breitWigner(Z_MASS, Z_WIDTH, 60, 130));
}

function higgs(event: SimEvent): Particle {
  return event.make(PDG.higgs, HIGGS_MASS);
}

/** Returns +1 with probability p, else −1 (particle or antiparticle). */
function sign(rng: Rng, p = 0.5): number {
  return rng.chance(p) ? 1 : -1;
}

/** Adds the low-pT spectator b of a gb → tq process in the 4-flavour scheme. */
function addSpectatorB(rng: Rng, event: SimEvent, topSign: number): void {
  const pt = 5 + rng.exponential(15);
  addParton(event, -topSign * PDG.bottom, pt, 2 * rng.normal(), rng.phi());
}

// Hard-system shapes. The excess scales are estimates: they put the mean
// tt̄ mass near 505 GeV. Heavier final states get larger scales because
// the parton luminosity falls more slowly relative to their threshold.
const TT_SHAPE: SystemShape = {
  excessScale: 80,
  angular: 1,
  rapiditySigma: 1.1,
};
const VH_SHAPE: SystemShape = {
  excessScale: 60,
  angular: 0,
  rapiditySigma: 1.2,
};
const TTX_SHAPE: SystemShape = {
  excessScale: 120,
  angular: 0,
  rapiditySigma: 0.9,
};
const FOUR_TOP_SHAPE: SystemShape = {
  excessScale: 200,
  angular: 0,
  rapiditySigma: 0.7,
};
const RESONANCE_SHAPE: SystemShape = {
  excessScale: 0,
  angular: 0,
  rapiditySigma: 1.7,
};

type Recipe = (rng: Rng, event: SimEvent) => void;

function ggfHiggs(rng: Rng, event: SimEvent): void {
  emitInitialStateRadiation(rng, event, 1.3, 0.8, 8);
  produceSystem(rng, event, [higgs(event)], RESONANCE_SHAPE);
}

/**
 * VBF: two tag quarks far apart in rapidity (mean Δy ≈ 4.5), one per
 * hemisphere, with pT near half the W mass. Central radiation is low
 * because no colour flows between the protons.
 */
function vbfHiggs(rng: Rng, event: SimEvent): void {
  const centre = 0.6 * rng.normal();
  let gap = 4.5 + 1.2 * rng.normal();
  while (gap < 1.5) gap = 4.5 + 1.2 * rng.normal();
  addParton(
    event,
    1 + rng.int(4),
    15 + rng.gamma2(22),
    centre + gap / 2,
    rng.phi(),
  );
  addParton(
    event,
    1 + rng.int(4),
    15 + rng.gamma2(22),
    centre - gap / 2,
    rng.phi(),
  );
  emitInitialStateRadiation(rng, event, 0.4, 0.3, 5);
  produceSystem(rng, event, [higgs(event)], {
    ...RESONANCE_SHAPE,
    rapiditySigma: 1.0,
  });
}

function wHiggs(rng: Rng, event: SimEvent): void {
  emitInitialStateRadiation(rng, event, 0.8, 0.4);
  // W⁺H : W⁻H ≈ 0.84 : 0.53 pb at 13 TeV (u-quark excess in the proton).
  const daughters = [wBoson(rng, event, sign(rng, 0.61)), higgs(event)];
  produceSystem(rng, event, daughters, VH_SHAPE);
}

function zHiggs(rng: Rng, event: SimEvent): void {
  emitInitialStateRadiation(rng, event, 0.8, 0.4);
  produceSystem(rng, event, [zBoson(rng, event), higgs(event)], VH_SHAPE);
}

function ttHiggs(rng: Rng, event: SimEvent): void {
  emitInitialStateRadiation(rng, event, 1.3, 0.7);
  const daughters = [top(rng, event, 1), top(rng, event, -1), higgs(event)];
  produceSystem(rng, event, daughters, TTX_SHAPE);
}

/** tHq: a top and a Higgs, a forward light quark and a spectator b. */
function tHiggsQuark(rng: Rng, event: SimEvent): void {
  const topSign = sign(rng, 0.65);
  addForwardQuark(rng, event);
  addSpectatorB(rng, event, topSign);
  emitInitialStateRadiation(rng, event, 0.7, 0.4);
  const daughters = [top(rng, event, topSign), higgs(event)];
  produceSystem(rng, event, daughters, { ...VH_SHAPE, excessScale: 90 });
}

/** Single top in its three channels, in cross-section proportions. */
function singleTop(rng: Rng, event: SimEvent): void {
  const u = rng.uniform();
  if (u < SINGLE_TOP_T_SHARE) {
    // t-channel: t : t̄ ≈ 136 : 81 pb at 13 TeV.
    const topSign = sign(rng, 0.627);
    addForwardQuark(rng, event);
    addSpectatorB(rng, event, topSign);
    emitInitialStateRadiation(rng, event, 0.6, 0.4);
    produceSystem(rng, event, [top(rng, event, topSign)], RESONANCE_SHAPE);
  } else if (u < SINGLE_TOP_T_SHARE + SINGLE_TOP_TW_SHARE) {
    const topSign = sign(rng);
    emitInitialStateRadiation(rng, event, 1.0, 0.7);
    const daughters = [top(rng, event, topSign), wBoson(rng, event, -topSign)];
    produceSystem(rng, event, daughters, { ...TT_SHAPE, angular: 0 });
  } else {
    const topSign = sign(rng, 0.615);
    emitInitialStateRadiation(rng, event, 0.7, 0.3);
    const bottom = event.make(-topSign * PDG.bottom, 4.8);
    const daughters = [top(rng, event, topSign), bottom];
    produceSystem(rng, event, daughters, { ...VH_SHAPE, excessScale: 70 });
  }
}

function topPair(rng: Rng, event: SimEvent): void {
  emitInitialStateRadiation(rng, event, 1.1, 0.7);
  const daughters = [top(rng, event, 1), top(rng, event, -1)];
  produceSystem(rng, event, daughters, TT_SHAPE);
}

/**
 * tt̄γγ: two prompt photons radiated off the tops or incoming quarks,
 * generated above 20 GeV within |η| < 2.6 as a matrix-element cut would.
 */
function topPairDiphoton(rng: Rng, event: SimEvent): void {
  for (let i = 0; i < 2; i++) {
    let eta = 1.3 * rng.normal();
    while (Math.abs(eta) > 2.6) eta = 1.3 * rng.normal();
    addParton(event, PDG.photon, 20 + rng.gamma2(15), eta, rng.phi());
  }
  emitInitialStateRadiation(rng, event, 1.1, 0.7);
  const daughters = [top(rng, event, 1), top(rng, event, -1)];
  produceSystem(rng, event, daughters, TT_SHAPE);
}

function topPairW(rng: Rng, event: SimEvent): void {
  // tt̄W⁺ : tt̄W⁻ ≈ 2 : 1 at 13 TeV (qq̄′ → W from valence u quarks).
  emitInitialStateRadiation(rng, event, 1.0, 0.3);
  const w = wBoson(rng, event, sign(rng, 0.67));
  const daughters = [top(rng, event, 1), top(rng, event, -1), w];
  produceSystem(rng, event, daughters, TTX_SHAPE);
}

/** Three tops with a W or with a forward light quark, half each. */
function threeTops(rng: Rng, event: SimEvent): void {
  const s = sign(rng);
  const withW = rng.chance(0.5);
  if (!withW) addForwardQuark(rng, event, 1.8, 1.0, 15);
  emitInitialStateRadiation(rng, event, 1.2, 0.6);
  const daughters = [
    top(rng, event, s),
    top(rng, event, -s),
    top(rng, event, s),
  ];
  if (withW) daughters.push(wBoson(rng, event, -s));
  produceSystem(rng, event, daughters, FOUR_TOP_SHAPE);
}

function fourTops(rng: Rng, event: SimEvent): void {
  emitInitialStateRadiation(rng, event, 1.4, 0.8);
  const daughters = [
    top(rng, event, 1),
    top(rng, event, -1),
    top(rng, event, 1),
    top(rng, event, -1),
  ];
  produceSystem(rng, event, daughters, FOUR_TOP_SHAPE);
}

/** Hard-process recipes in `PROCESSES` order. */
export const RECIPES: readonly Recipe[] = [
  ggfHiggs,
  vbfHiggs,
  wHiggs,
  zHiggs,
  ttHiggs,
  tHiggsQuark,
  singleTop,
  topPair,
  topPairDiphoton,
  topPairW,
  threeTops,
  fourTops,
];
