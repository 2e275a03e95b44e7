import { describe, expect, it } from 'vitest';
import { makeSyntheticSet } from '../model/testing/synthetic';
import { buildGraphBatches } from './batches';
import { fitFeatureScaling } from './features';

const set = makeSyntheticSet({
  events: 40,
  classes: 2,
  seed: 5,
  minObjects: 2,
  maxObjects: 14,
});

describe('buildGraphBatches', () => {
  it('counts events cut to the maximum node count', () => {
    const scaling = fitFeatureScaling(set, 10);
    let expected = 0;
    for (let e = 0; e < 40; e++)
      if (set.offsets[e + 1]! - set.offsets[e]! > 10) expected++;
    const { truncatedEvents, batches } = buildGraphBatches(set, scaling, {
      batchSize: 8,
    });
    expect(truncatedEvents).toBe(expected);
    for (const batch of batches) expect(batch.nodes).toBeLessThanOrEqual(10);
  });

  it('groups similar node counts so padding stays small', () => {
    const scaling = fitFeatureScaling(set, 24);
    const { paddingEfficiency } = buildGraphBatches(set, scaling, {
      batchSize: 8,
      shuffleSeed: 3,
    });
    expect(paddingEfficiency).toBeGreaterThan(0.8);
  });

  it('masks self edges and padding', () => {
    const scaling = fitFeatureScaling(set, 24);
    const { batches } = buildGraphBatches(set, scaling, { batchSize: 8 });
    for (const batch of batches) {
      const n = batch.nodes;
      for (let b = 0; b < batch.size; b++) {
        const count = batch.nodeCounts[b]!;
        let edges = 0;
        for (let r = 0; r < n; r++) {
          expect(batch.edgeMask[(b * n + r) * n + r]).toBe(0);
          for (let s = 0; s < n; s++)
            edges += batch.edgeMask[(b * n + r) * n + s]!;
        }
        expect(edges).toBe(count * (count - 1));
      }
    }
  });

  it('shuffles reproducibly from a seed', () => {
    const scaling = fitFeatureScaling(set, 24);
    const order = (seed: number) =>
      buildGraphBatches(set, scaling, {
        batchSize: 8,
        shuffleSeed: seed,
      }).batches.flatMap((b) => Array.from(b.eventIndices));
    expect(order(9)).toEqual(order(9));
    expect(order(9)).not.toEqual(order(10));
  });
});
