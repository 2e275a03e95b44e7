import { describe, expect, it } from 'vitest';
import { EventSetBuilder } from '../events/builder';
import { ObjectType } from '../events/eventSet';
import { leaveOneOutImportance, leaveOneOutSet } from './saliency';

function threeObjectSet() {
  const builder = new EventSetBuilder(['a', 'b']);
  builder.endEvent(0, 1, 0);
  for (const pt of [50, 40, 30]) {
    builder.addObject({
      type: ObjectType.Jet,
      pt,
      eta: 0,
      phi: 0,
      energy: pt,
      btag: 0,
      charge: 0,
    });
  }
  builder.endEvent(1, 1, 7);
  return builder.build('toy', 'test');
}

describe('leave-one-object-out', () => {
  it('builds the full event then one variant per object', () => {
    const variants = leaveOneOutSet(threeObjectSet(), 1);

    expect(Array.from(variants.offsets)).toEqual([0, 3, 5, 7, 9]);
    expect(Array.from(variants.objects.pt)).toEqual([
      50, 40, 30, 40, 30, 50, 30, 50, 40,
    ]);
    expect(Array.from(variants.events.label)).toEqual([1, 1, 1, 1]);
  });

  it('rejects an event outside the set', () => {
    expect(() => leaveOneOutSet(threeObjectSet(), 2)).toThrow(
      /Event 2 is not in "toy", which has 2 events/,
    );
  });

  it('importance is the drop of the target probability', () => {
    const probabilities = Float32Array.from([
      0.2, 0.8, 0.6, 0.4, 0.1, 0.9, 0.25, 0.75,
    ]);
    const drops = leaveOneOutImportance(probabilities, 2, 1);

    expect(drops[0]).toBeCloseTo(0.4, 6);
    expect(drops[1]).toBeCloseTo(-0.1, 6);
    expect(drops[2]).toBeCloseTo(0.05, 6);
  });
});
