import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { EventSetBuilder } from '../events/builder';
import type { EventSet } from '../events/eventSet';
import { tinyModel } from '../model/testing/tiny';
import { eventEdgeNorms } from './edgeNorms';

/** Jets with distinct pT, listed in the order given. */
const JETS = [
  { pt: 40, eta: 0.3, phi: 1.0 },
  { pt: 120, eta: -1.1, phi: -2.0 },
  { pt: 75, eta: 2.0, phi: 0.4 },
  { pt: 25, eta: -0.2, phi: 2.9 },
  { pt: 60, eta: 0.9, phi: -0.7 },
];

/** Returns a one-event set with the jets of `JETS` in `order`. */
function eventWith(order: number[]): EventSet {
  const builder = new EventSetBuilder(['a', 'b']);
  for (const k of order) {
    const jet = JETS[k]!;
    builder.addObject({
      type: 0,
      pt: jet.pt,
      eta: jet.eta,
      phi: jet.phi,
      energy: jet.pt * Math.cosh(jet.eta) * 1.01,
      btag: 0,
      charge: 0,
    });
  }
  builder.endEvent(0);
  return builder.build('edge-norms', 'test');
}

describe('eventEdgeNorms', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('follows the objects when they are listed in another order', () => {
    const listed = [0, 1, 2, 3, 4];
    const shuffled = [3, 0, 4, 2, 1];
    const plain = eventWith(listed);
    const model = tinyModel(plain, 3);
    const before = tf.memory().numTensors;
    const a = eventEdgeNorms(model, plain, 0);
    const b = eventEdgeNorms(model, eventWith(shuffled), 0);
    expect(tf.memory().numTensors).toBe(before);
    expect(a).toHaveLength(model.config.steps);
    for (let step = 0; step < a.length; step++) {
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 5; j++) {
          // Jet shuffled[i] sits at position i of the shuffled event.
          const expected = a[step]![shuffled[i]! * 5 + shuffled[j]!]!;
          expect(b[step]![i * 5 + j], `step ${step}, ${i} ← ${j}`).toBeCloseTo(
            expected,
            5,
          );
        }
      }
    }
    model.dispose();
  });

  it('leaves the softest objects beyond the node limit empty', () => {
    const set = eventWith([0, 1, 2, 3, 4]);
    const model = tinyModel(set, 3, 3);
    const [first] = eventEdgeNorms(model, set, 0);
    // The three hardest jets are 1, 2 and 4; jets 0 and 3 are left out.
    for (const inGraph of [1, 2, 4]) {
      for (const other of [1, 2, 4]) {
        if (inGraph === other) continue;
        expect(first![inGraph * 5 + other]).toBeGreaterThanOrEqual(0);
      }
      expect(first![inGraph * 5 + 0]).toBeNaN();
      expect(first![3 * 5 + inGraph]).toBeNaN();
    }
    expect(first![0]).toBe(0);
    model.dispose();
  });
});
