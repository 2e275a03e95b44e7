/**
 * Collider kinematics in the coordinates of a hadron collider: z along the
 * beam, transverse momentum pT, pseudorapidity η = −ln tan(θ/2) and azimuth
 * φ in (−π, π]. Energies and momenta in GeV, angles in radians.
 */

/** A Cartesian four-momentum (px, py, pz, E), GeV. */
export interface FourMomentum {
  px: number;
  py: number;
  pz: number;
  e: number;
}

/** Collider coordinates of a momentum: pT (GeV), η and φ (radians). */
export interface PtEtaPhi {
  pt: number;
  eta: number;
  phi: number;
}

const TWO_PI = 2 * Math.PI;

/**
 * Wraps an angle into (−π, π]. Exactly −π maps to +π so that every
 * direction has one representation.
 */
export function wrapPhi(phi: number): number {
  if (phi > -Math.PI && phi <= Math.PI) return phi;
  let wrapped = phi - TWO_PI * Math.floor((phi + Math.PI) / TWO_PI);
  // floor() puts −π itself at −π; the interval is open there.
  if (wrapped <= -Math.PI) wrapped += TWO_PI;
  return wrapped;
}

/** Returns φ₁ − φ₂ wrapped into (−π, π]. */
export function deltaPhi(phi1: number, phi2: number): number {
  return wrapPhi(phi1 - phi2);
}

/** Returns ΔR = √(Δη² + Δφ²) with Δφ wrapped. */
export function deltaR(
  eta1: number,
  phi1: number,
  eta2: number,
  phi2: number,
): number {
  const dEta = eta1 - eta2;
  const dPhi = deltaPhi(phi1, phi2);
  return Math.sqrt(dEta * dEta + dPhi * dPhi);
}

/**
 * Converts Cartesian momentum to (pT, η, φ).
 *
 * η uses asinh(pz/pT), which stays accurate at large |η| where the
 * −ln tan(θ/2) form loses digits. A momentum along the beam (pT = 0) has
 * η = ±∞ with the sign of pz; a zero momentum has η = 0. φ is 0 when
 * pT = 0.
 */
export function ptEtaPhiFromCartesian(
  px: number,
  py: number,
  pz: number,
): PtEtaPhi {
  const pt = Math.hypot(px, py);
  if (pt === 0) {
    const eta = pz === 0 ? 0 : pz > 0 ? Infinity : -Infinity;
    return { pt: 0, eta, phi: 0 };
  }
  return { pt, eta: Math.asinh(pz / pt), phi: wrapPhi(Math.atan2(py, px)) };
}

/** Converts (pT, η, φ) and a mass (GeV) to a Cartesian four-momentum. */
export function cartesianFromPtEtaPhiM(
  pt: number,
  eta: number,
  phi: number,
  mass: number,
): FourMomentum {
  const px = pt * Math.cos(phi);
  const py = pt * Math.sin(phi);
  const pz = pt * Math.sinh(eta);
  const e = Math.sqrt(px * px + py * py + pz * pz + mass * mass);
  return { px, py, pz, e };
}

/** Converts (pT, η, φ, E) to a Cartesian four-momentum. */
export function cartesianFromPtEtaPhiE(
  pt: number,
  eta: number,
  phi: number,
  e: number,
): FourMomentum {
  return {
    px: pt * Math.cos(phi),
    py: pt * Math.sin(phi),
    pz: pt * Math.sinh(eta),
    e,
  };
}

/** Returns the energy of a particle with momentum (pT, η) and mass, GeV. */
export function energyFromPtEtaM(
  pt: number,
  eta: number,
  mass: number,
): number {
  const p = pt * Math.cosh(eta);
  return Math.sqrt(p * p + mass * mass);
}

/** Returns the sum of four-momenta. */
export function sumMomenta(momenta: readonly FourMomentum[]): FourMomentum {
  const total = { px: 0, py: 0, pz: 0, e: 0 };
  for (const p of momenta) {
    total.px += p.px;
    total.py += p.py;
    total.pz += p.pz;
    total.e += p.e;
  }
  return total;
}

/**
 * Returns m² = E² − |p|² of a four-momentum, GeV². It may be slightly
 * negative for massless inputs because of rounding.
 */
export function massSquared(p: FourMomentum): number {
  return p.e * p.e - (p.px * p.px + p.py * p.py + p.pz * p.pz);
}

/**
 * Returns the invariant mass of the summed momenta, GeV. A negative m²
 * from rounding or detector smearing gives 0, not NaN.
 */
export function invariantMass(momenta: readonly FourMomentum[]): number {
  return Math.sqrt(Math.max(0, massSquared(sumMomenta(momenta))));
}

/**
 * Lorentz-boosts a four-momentum by velocity (βx, βy, βz), |β| < 1: a
 * particle at rest in the moving frame gets velocity β in the lab.
 */
export function boost(
  p: FourMomentum,
  bx: number,
  by: number,
  bz: number,
): FourMomentum {
  const b2 = bx * bx + by * by + bz * bz;
  if (b2 === 0) return { ...p };
  if (b2 >= 1) throw new RangeError(`boost: |β|² = ${b2} must be below 1`);
  const gamma = 1 / Math.sqrt(1 - b2);
  const bp = bx * p.px + by * p.py + bz * p.pz;
  const gamma2 = (gamma - 1) / b2;
  const factor = gamma2 * bp + gamma * p.e;
  return {
    px: p.px + factor * bx,
    py: p.py + factor * by,
    pz: p.pz + factor * bz,
    e: gamma * (p.e + bp),
  };
}

/** Returns the velocity β = p/E that boosts from a system's rest frame. */
export function velocity(p: FourMomentum): [number, number, number] {
  return [p.px / p.e, p.py / p.e, p.pz / p.e];
}
