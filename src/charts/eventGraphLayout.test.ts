import { describe, expect, it } from 'vitest';
import { countValuedEdges, edgeStrengths } from './eventGraphLayout';

describe('edge strengths', () => {
  // Three objects, where object 2 has no value (NaN) towards the others.
  const values = Float32Array.from([0, 2, NaN, 4, 0, NaN, NaN, NaN, 0]);

  it('gives the only valued pair full strength', () => {
    const strengths = edgeStrengths(values, 3, 'large');
    expect(strengths[0 * 3 + 1]).toBeCloseTo(1, 6);
    expect(strengths[1 * 3 + 0]).toBeCloseTo(1, 6);
  });

  it('spreads large values from the minimum to the maximum', () => {
    // Pair means: (0,1) = 10, (0,2) = 11, (1,2) = 12.
    const three = Float32Array.from([0, 10, 11, 10, 0, 12, 11, 12, 0]);
    const strengths = edgeStrengths(three, 3, 'large');
    expect(strengths[0 * 3 + 1]).toBeCloseTo(0.1, 6);
    expect(strengths[0 * 3 + 2]).toBeCloseTo(0.55, 6);
    expect(strengths[1 * 3 + 2]).toBeCloseTo(1, 6);
  });

  it('makes near pairs strong for distances', () => {
    const three = Float32Array.from([0, 1, 4, 1, 0, 2, 4, 2, 0]);
    const strengths = edgeStrengths(three, 3, 'near');
    expect(strengths[0 * 3 + 1]).toBeCloseTo(0.75, 6);
    expect(strengths[0 * 3 + 2]).toBeCloseTo(0, 6);
  });

  it('gives pairs without a value 0', () => {
    const strengths = edgeStrengths(values, 3, 'large');
    for (const at of [2, 5, 6, 7]) expect(strengths[at], `pair ${at}`).toBe(0);
  });

  it('counts only finite directed edges', () => {
    expect(countValuedEdges(values, 3)).toBe(2);
  });
});
