/**
 * Kinematics of the hard scattering: extra partons from initial-state
 * radiation and forward quarks, and a heavy system with a mass above
 * threshold, a rapidity and a transverse recoil that balances them.
 */

import { SQRT_S } from './constants';
import { decayParticle, massOf } from './decays';
import { decayTwoBody, type Particle } from './particle';
import type { Rng } from './random';
import type { SimEvent } from './simEvent';

/** Lowest ISR parton pT that is generated explicitly, GeV. */
const ISR_MIN_PT = 15;

/** Adds a stable parton or photon with the given direction to the event. */
export function addParton(
  event: SimEvent,
  pid: number,
  pt: number,
  eta: number,
  phi: number,
): Particle {
  const p = event.make(pid, massOf(pid));
  p.setPtEtaPhiM(pt, eta, phi, p.m);
  event.finals.push(p);
  return p;
}

/**
 * Adds initial-state radiation: a Poisson number of partons with
 * dσ/dpT ∝ pT⁻³ above 15 GeV (the leading behaviour of soft-collinear
 * emission), wide in η, plus a Gaussian soft recoil of `softSigma` GeV
 * per component for the unresolved rest. `gluonShare` is the fraction of
 * emissions that are gluons rather than light quarks.
 */
export function emitInitialStateRadiation(
  rng: Rng,
  event: SimEvent,
  meanPartons: number,
  gluonShare: number,
  softSigma = 6,
): void {
  const count = Math.min(rng.poisson(meanPartons), 6);
  for (let i = 0; i < count; i++) {
    const pt = Math.min(ISR_MIN_PT / Math.sqrt(rng.uniform()), 1500);
    const eta = 1.8 * rng.normal();
    const pid = rng.chance(gluonShare) ? 21 : 1 + rng.int(3);
    // Partons beyond the calorimeter stay in the event: the detector
    // ignores them, which shows up as a small fake MET, as it does in data.
    addParton(event, pid, pt, eta, rng.phi());
  }
  event.softPx += softSigma * rng.normal();
  event.softPy += softSigma * rng.normal();
}

/**
 * Adds a forward light quark as in t-channel single top, tHq and VBF:
 * pT peaking near 20 GeV above `minPt`, |η| around 2.4 on a random side.
 */
export function addForwardQuark(
  rng: Rng,
  event: SimEvent,
  meanAbsEta = 2.4,
  etaSpread = 0.9,
  minPt = 10,
): Particle {
  const side = rng.chance(0.5) ? 1 : -1;
  const eta = side * Math.abs(meanAbsEta + etaSpread * rng.normal());
  const pt = minPt + rng.gamma2(20);
  return addParton(event, 1 + rng.int(4), pt, eta, rng.phi());
}

/**
 * Draws cosθ from 1 + a·cos²θ by accept–reject: a > 0 favours production
 * along the beam (as gg → tt̄ does at high mass), a = 0 is isotropic.
 */
function drawCosTheta(rng: Rng, a: number): number {
  for (;;) {
    const c = 2 * rng.uniform() - 1;
    if (rng.uniform() * (1 + a) < 1 + a * c * c) return c;
  }
}

/** Shuffles a small array in place (Fisher–Yates). */
function shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

/** Shape of the hard system: how its mass, angles and rapidity are drawn. */
export interface SystemShape {
  /** Scale of the Gamma(2) excess above threshold, GeV (its mode). */
  excessScale: number;
  /** Coefficient a of 1 + a·cos²θ for a two-body system. */
  angular: number;
  /** Width of the Gaussian system rapidity before truncation. */
  rapiditySigma: number;
}

/**
 * Produces the hard system from its daughters (masses set), decays them,
 * and makes its transverse momentum balance every parton already in the
 * event plus the soft recoil, so that the event has zero total pT.
 */
export function produceSystem(
  rng: Rng,
  event: SimEvent,
  daughters: Particle[],
  shape: SystemShape,
): void {
  let recoilX = event.softPx;
  let recoilY = event.softPy;
  for (const p of event.finals) {
    recoilX += p.px;
    recoilY += p.py;
  }
  let threshold = 0;
  for (const d of daughters) threshold += d.m;
  const single = daughters.length === 1;
  const mass = single ? threshold : threshold + rng.gamma2(shape.excessScale);

  const system = single ? (daughters[0] as Particle) : event.make(0, mass);
  const pt2 = recoilX * recoilX + recoilY * recoilY;
  const mt = Math.sqrt(mass * mass + pt2);
  // Keep both parton momentum fractions x = mT e^{±y}/√s below about 0.7.
  const maxRapidity = Math.max(0, Math.log(SQRT_S / mt) - 0.35);
  let y = 0;
  if (maxRapidity > 0.05) {
    y = shape.rapiditySigma * rng.normal();
    while (Math.abs(y) > maxRapidity) y = shape.rapiditySigma * rng.normal();
  }
  system.px = -recoilX;
  system.py = -recoilY;
  system.pz = mt * Math.sinh(y);
  system.e = mt * Math.cosh(y);

  if (single) {
    decayParticle(rng, event, system);
    return;
  }
  if (daughters.length > 2) shuffle(rng, daughters);
  splitSystem(rng, event, system, daughters, 0, shape.angular);
}

/**
 * NOTE: this sequential splitting is not flat N-body phase space and has
 * no matrix element. Correlations among the tops of tt̄H, tt̄t and tt̄tt̄
 * are therefore only roughly right.
 *
 * Splits `parent` into daughters[start …] by successive two-body steps:
 * the first daughter against the rest, whose mass is drawn uniformly
 * between the rest's threshold and the largest allowed value.
 */
function splitSystem(
  rng: Rng,
  event: SimEvent,
  parent: Particle,
  daughters: readonly Particle[],
  start: number,
  angular: number,
): void {
  const first = daughters[start] as Particle;
  const remaining = daughters.length - start - 1;
  if (remaining === 1) {
    const second = daughters[start + 1] as Particle;
    decayTwoBody(rng, parent, first, second, drawCosTheta(rng, angular));
    decayParticle(rng, event, first);
    decayParticle(rng, event, second);
    return;
  }
  let restThreshold = 0;
  for (let i = start + 1; i < daughters.length; i++) {
    restThreshold += (daughters[i] as Particle).m;
  }
  const restMax = parent.m - first.m;
  const rest = event.make(0, rng.range(restThreshold, restMax));
  decayTwoBody(rng, parent, first, rest);
  decayParticle(rng, event, first);
  splitSystem(rng, event, rest, daughters, start + 1, 0);
}
