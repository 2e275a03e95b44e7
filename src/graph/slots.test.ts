import { describe, expect, it } from 'vitest';
import { slotMatrixToEventOrder } from './slots';

describe('slotMatrixToEventOrder', () => {
  // Slot-ordered 3 × 3 values: receiver slot r, sender slot s → 10r + s.
  const slotValues = [0, 1, 2, 10, 11, 12, 20, 21, 22];

  it('places each slot pair at its objects', () => {
    // Slot 0 contains object 2, slot 1 object 0, slot 2 object 1.
    const matrix = slotMatrixToEventOrder(slotValues, 3, [2, 0, 1], 3);
    // Row = receiver object, column = sender object.
    expect(matrix).toEqual([0, 12, 10, 21, 0, 20, 1, 2, 0]);
  });

  it('marks objects left out of the graph with NaN', () => {
    // Four objects, only objects 3 and 1 entered the graph (slots 0, 1).
    const matrix = slotMatrixToEventOrder(slotValues, 3, [3, 1], 4);
    expect(matrix[3 * 4 + 1]).toBe(1);
    expect(matrix[1 * 4 + 3]).toBe(10);
    expect(matrix[0 * 4 + 1]).toBeNaN();
    expect(matrix[2 * 4 + 3]).toBeNaN();
    expect([0, 5, 10, 15].map((k) => matrix[k])).toEqual([0, 0, 0, 0]);
  });

  it('ignores padded slots of a larger graph', () => {
    // Event of two objects in a 3-slot graph; slot 2 is padding.
    const matrix = slotMatrixToEventOrder(slotValues, 3, [1, 0], 2);
    expect(matrix).toEqual([0, 10, 1, 0]);
  });

  it('rejects more nodes than slots', () => {
    expect(() =>
      slotMatrixToEventOrder(slotValues, 3, [0, 1, 2, 3], 4),
    ).toThrow('4 nodes do not fit in 3 slots');
  });
});
