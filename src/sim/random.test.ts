import { describe, expect, it } from 'vitest';
import { cumulativeWeights, Rng } from './random';

describe('Rng', () => {
  it('repeats the stream for the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('separates seeds and streams', () => {
    const first = new Rng(7).nextUint32();
    expect(new Rng(8).nextUint32()).not.toBe(first);
    expect(new Rng(7, 1).nextUint32()).not.toBe(first);
    expect(new Rng(2 ** 40 + 7).nextUint32()).not.toBe(first);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new Rng(-1)).toThrow(RangeError);
    expect(() => new Rng(1.5)).toThrow(/non-negative integer/);
  });

  it('draws uniforms strictly inside (0, 1) with mean 1/2', () => {
    const rng = new Rng(1);
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u > 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    // σ of the mean is 1/√(12n) ≈ 0.0009.
    expect(sum / n).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals', () => {
    const rng = new Rng(2);
    let sum = 0;
    let sum2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      sum2 += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.015);
    expect(sum2 / n).toBeGreaterThan(0.98);
    expect(sum2 / n).toBeLessThan(1.02);
  });

  it('keeps Breit-Wigner masses inside the window, median at the peak', () => {
    const rng = new Rng(3);
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      values.push(rng.breitWigner(80.37, 2.085, 60, 100.74));
    }
    values.sort((a, b) => a - b);
    expect(values[0]).toBeGreaterThanOrEqual(60);
    expect(values[19_999]).toBeLessThanOrEqual(100.74);
    expect(values[10_000]).toBeCloseTo(80.37, 0);
  });

  it('draws Poisson counts with the requested mean', () => {
    const rng = new Rng(4);
    let sum = 0;
    for (let i = 0; i < 50_000; i++) sum += rng.poisson(1.3);
    expect(sum / 50_000).toBeCloseTo(1.3, 1);
  });

  it('picks indices in proportion to the weights', () => {
    const rng = new Rng(5);
    const cumulative = cumulativeWeights([1, 3]);
    let second = 0;
    for (let i = 0; i < 40_000; i++) if (rng.pick(cumulative) === 1) second++;
    expect(second / 40_000).toBeCloseTo(0.75, 2);
  });
});
