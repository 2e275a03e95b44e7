import { describe, expect, it } from 'vitest';
import {
  boost,
  cartesianFromPtEtaPhiM,
  deltaPhi,
  deltaR,
  invariantMass,
  massSquared,
  ptEtaPhiFromCartesian,
  velocity,
  wrapPhi,
} from './kinematics';

describe('wrapPhi', () => {
  it('keeps angles already in (−π, π]', () => {
    expect(wrapPhi(0.3)).toBe(0.3);
    expect(wrapPhi(Math.PI)).toBe(Math.PI);
  });

  it('maps −π to +π', () => {
    expect(wrapPhi(-Math.PI)).toBeCloseTo(Math.PI, 12);
  });

  it('wraps several turns', () => {
    expect(wrapPhi(7 * Math.PI + 0.25)).toBeCloseTo(-Math.PI + 0.25, 10);
    expect(wrapPhi(-5 * Math.PI - 0.25)).toBeCloseTo(Math.PI - 0.25, 10);
  });
});

describe('deltaPhi', () => {
  it('is small across the ±π seam', () => {
    expect(deltaPhi(Math.PI - 0.1, -Math.PI + 0.1)).toBeCloseTo(-0.2, 12);
    expect(deltaPhi(-Math.PI + 0.1, Math.PI - 0.1)).toBeCloseTo(0.2, 12);
  });

  it('returns π, not −π, for opposite directions', () => {
    expect(deltaPhi(Math.PI / 2, -Math.PI / 2)).toBeCloseTo(Math.PI, 12);
    expect(deltaPhi(-Math.PI / 2, Math.PI / 2)).toBeCloseTo(Math.PI, 12);
  });
});

describe('deltaR', () => {
  it('combines Δη and wrapped Δφ', () => {
    expect(deltaR(1, 3.1, -2, -3.1)).toBeCloseTo(
      Math.hypot(3, 2 * Math.PI - 6.2),
      12,
    );
  });
});

describe('ptEtaPhiFromCartesian', () => {
  it('inverts cartesianFromPtEtaPhiM', () => {
    for (const [pt, eta, phi] of [
      [25, 0.5, 1.2],
      [300, -2.4, -3.0],
      [1, 4.9, Math.PI],
    ] as const) {
      const p = cartesianFromPtEtaPhiM(pt, eta, phi, 0);
      const back = ptEtaPhiFromCartesian(p.px, p.py, p.pz);
      expect(back.pt).toBeCloseTo(pt, 9);
      expect(back.eta).toBeCloseTo(eta, 9);
      expect(back.phi).toBeCloseTo(phi, 9);
    }
  });

  it('gives η = ±∞ along the beam', () => {
    expect(ptEtaPhiFromCartesian(0, 0, 10).eta).toBe(Infinity);
    expect(ptEtaPhiFromCartesian(0, 0, -10).eta).toBe(-Infinity);
    expect(ptEtaPhiFromCartesian(0, 0, -10).pt).toBe(0);
    expect(ptEtaPhiFromCartesian(0, 0, -10).phi).toBe(0);
  });

  it('gives η = 0 for a zero momentum', () => {
    expect(ptEtaPhiFromCartesian(0, 0, 0)).toEqual({ pt: 0, eta: 0, phi: 0 });
  });

  it('keeps precision at large |η|', () => {
    // θ = 1e-6 rad: η = −ln tan(θ/2) ≈ 14.5087.
    const theta = 1e-6;
    const p = ptEtaPhiFromCartesian(Math.sin(theta), 0, Math.cos(theta));
    expect(p.eta).toBeCloseTo(-Math.log(Math.tan(theta / 2)), 6);
  });

  it('puts the negative x axis at φ = +π', () => {
    expect(ptEtaPhiFromCartesian(-5, 0, 0).phi).toBe(Math.PI);
    expect(ptEtaPhiFromCartesian(-5, -0, 0).phi).toBe(Math.PI);
  });
});

describe('invariantMass', () => {
  it('reconstructs a Z from back-to-back leptons', () => {
    const half = 91.19 / 2;
    const l1 = cartesianFromPtEtaPhiM(half, 0, 0.4, 0);
    const l2 = cartesianFromPtEtaPhiM(half, 0, 0.4 - Math.PI, 0);
    expect(invariantMass([l1, l2])).toBeCloseTo(91.19, 9);
  });

  it('is boost invariant', () => {
    const a = cartesianFromPtEtaPhiM(40, 0.3, 1, 4.8);
    const b = cartesianFromPtEtaPhiM(70, -1.1, -2, 0);
    const before = invariantMass([a, b]);
    const after = invariantMass([
      boost(a, 0.1, -0.3, 0.8),
      boost(b, 0.1, -0.3, 0.8),
    ]);
    expect(after).toBeCloseTo(before, 8);
  });

  it('returns 0, not NaN, for a slightly negative m²', () => {
    const p = { px: 3, py: 4, pz: 0, e: 4.9999999 };
    expect(massSquared(p)).toBeLessThan(0);
    expect(invariantMass([p])).toBe(0);
  });
});

describe('boost', () => {
  it('takes a particle at rest to the frame velocity', () => {
    const rest = { px: 0, py: 0, pz: 0, e: 125 };
    const moving = boost(rest, 0.6, 0, 0);
    expect(velocity(moving)[0]).toBeCloseTo(0.6, 12);
    expect(moving.e).toBeCloseTo(125 / 0.8, 9);
  });

  it('rejects |β| ≥ 1', () => {
    expect(() => boost({ px: 0, py: 0, pz: 0, e: 1 }, 1, 0, 0)).toThrow(
      RangeError,
    );
  });
});
