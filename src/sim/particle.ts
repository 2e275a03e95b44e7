/**
 * Mutable four-momenta for the generator's inner loop, recycled from a
 * pool so that an event allocates nothing once the pool has grown.
 */

import type { Rng } from './random';

/** A particle: four-momentum (GeV), mass (GeV) and PDG code. */
export class Particle {
  px = 0;
  py = 0;
  pz = 0;
  e = 0;
  /** Mass the particle was created with, GeV. */
  m = 0;
  /** PDG code (negative for antiparticles), or an internal code. */
  pid = 0;

  /** Returns the transverse momentum, GeV. */
  pt(): number {
    return Math.sqrt(this.px * this.px + this.py * this.py);
  }

  /** Returns the pseudorapidity; ±20 replaces ±∞ along the beam. */
  eta(): number {
    const pt = this.pt();
    if (pt === 0) return this.pz >= 0 ? 20 : -20;
    return Math.asinh(this.pz / pt);
  }

  /** Returns the azimuth in (−π, π]. */
  phi(): number {
    if (this.px === 0 && this.py === 0) return 0;
    const phi = Math.atan2(this.py, this.px);
    return phi === -Math.PI ? Math.PI : phi;
  }

  /** Sets the momentum from (pT, η, φ) and a mass. */
  setPtEtaPhiM(pt: number, eta: number, phi: number, mass: number): this {
    this.px = pt * Math.cos(phi);
    this.py = pt * Math.sin(phi);
    this.pz = pt * Math.sinh(eta);
    const p2 = pt * pt + this.pz * this.pz;
    this.e = Math.sqrt(p2 + mass * mass);
    this.m = mass;
    return this;
  }

  /** Copies momentum, mass and code from another particle. */
  copyFrom(other: Particle): this {
    this.px = other.px;
    this.py = other.py;
    this.pz = other.pz;
    this.e = other.e;
    this.m = other.m;
    this.pid = other.pid;
    return this;
  }
}

/** A pool of particles, emptied once per event. */
export class ParticlePool {
  private readonly items: Particle[] = [];
  private used = 0;

  /** Returns a particle with all fields zero, and the given code. */
  take(pid = 0): Particle {
    let p = this.items[this.used];
    if (p === undefined) {
      p = new Particle();
      this.items.push(p);
    } else {
      p.px = p.py = p.pz = p.e = p.m = 0;
    }
    p.pid = pid;
    this.used++;
    return p;
  }

  /** Marks every particle free again; earlier references become invalid. */
  reset(): void {
    this.used = 0;
  }
}

/**
 * Returns the rest-frame momentum of a two-body decay of mass `mass`
 * into masses m1 and m2, GeV, or −1 when the decay is closed.
 */
export function twoBodyMomentum(mass: number, m1: number, m2: number): number {
  const sum = m1 + m2;
  if (mass < sum) return -1;
  const diff = m1 - m2;
  const lambda = (mass * mass - sum * sum) * (mass * mass - diff * diff);
  return Math.sqrt(Math.max(0, lambda)) / (2 * mass);
}

/**
 * Decays `parent` into `first` and `second`, whose masses `m` must be set,
 * at polar angle acos(cosTheta) to the z axis of the parent's rest frame
 * (the beam axis for a system produced along it) and uniform azimuth.
 *
 * The first daughter is boosted from the rest frame to the lab exactly.
 * The second gets parent − first, so the four-momentum sum is conserved
 * to the last rounding. Returns false, touching nothing, if the decay is
 * kinematically closed.
 */
export function decayTwoBody(
  rng: Rng,
  parent: Particle,
  first: Particle,
  second: Particle,
  cosTheta = 2 * rng.uniform() - 1,
): boolean {
  const p2 =
    parent.px * parent.px + parent.py * parent.py + parent.pz * parent.pz;
  const mass = Math.sqrt(Math.max(0, parent.e * parent.e - p2));
  const q = twoBodyMomentum(mass, first.m, second.m);
  if (q < 0) return false;

  const sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
  const azimuth = rng.phi();
  const qx = q * sinTheta * Math.cos(azimuth);
  const qy = q * sinTheta * Math.sin(azimuth);
  const qz = q * cosTheta;
  const restEnergy = Math.sqrt(q * q + first.m * first.m);

  // Boost by the parent's velocity written with E and M, which needs no
  // division by β² and stays exact for a parent at rest.
  const pq = parent.px * qx + parent.py * qy + parent.pz * qz;
  const factor = pq / (mass * (parent.e + mass)) + restEnergy / mass;
  first.px = qx + factor * parent.px;
  first.py = qy + factor * parent.py;
  first.pz = qz + factor * parent.pz;
  first.e = (parent.e * restEnergy + pq) / mass;

  second.px = parent.px - first.px;
  second.py = parent.py - first.py;
  second.pz = parent.pz - first.pz;
  second.e = parent.e - first.e;
  return true;
}
