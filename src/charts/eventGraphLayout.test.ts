import { describe, expect, it } from 'vitest';
import { countValuedEdges, edgeStrengths } from './eventGraphLayout';

describe('edge strengths', () => {
  // Three objects, where object 2 has no value (NaN) towards the others.
  const values = Float32Array.from([0, 2, NaN, 4, 0, NaN, NaN, NaN, 0]);

  it('scales large values to the maximum', () => {
    const strengths = edgeStrengths(values, 3, 'large');
    expect(strengths[0 * 3 + 1]).toBeCloseTo(0.75, 6);
    expect(strengths[1 * 3 + 0]).toBeCloseTo(0.75, 6);
  });

  it('gives pairs without a value 0', () => {
    const strengths = edgeStrengths(values, 3, 'large');
    for (const at of [2, 5, 6, 7]) expect(strengths[at], `pair ${at}`).toBe(0);
  });

  it('counts only finite directed edges', () => {
    expect(countValuedEdges(values, 3)).toBe(2);
  });
});
