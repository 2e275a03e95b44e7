import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { createRandom } from '../graph/random';
import { FusedAdam } from './adam';

/** Seeded values in [-1, 1). */
function values(length: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length }, () => 2 * random() - 1);
}

// Sizes that are and are not multiples of the SIMD width.
const SHAPES: number[][] = [[7], [4, 4], [3, 5, 2]];
const STEPS = 5;

/**
 * Runs STEPS updates with seeded gradients on fresh variables and returns
 * their final values and the optimizer's weights.
 */
async function train(
  makeOptimizer: () => {
    applyGradients(g: Array<{ name: string; tensor: tf.Tensor }>): void;
    getWeights(): Promise<Array<{ name: string; tensor: tf.Tensor }>>;
    dispose(): void;
  },
  tag: string,
): Promise<{ weights: number[][]; state: number[][] }> {
  const variables = SHAPES.map((shape, i) =>
    tf.tidy(() =>
      tf.variable(
        tf.tensor(values(tf.util.sizeFromShape(shape), i), shape),
        true,
        `${tag}/w${i}`,
      ),
    ),
  );
  const optimizer = makeOptimizer();
  for (let step = 0; step < STEPS; step++) {
    const gradients = variables.map((v, i) => ({
      name: v.name,
      tensor: tf.tensor(values(v.size, 100 * step + i), v.shape),
    }));
    optimizer.applyGradients(gradients);
    tf.dispose(gradients.map((g) => g.tensor));
  }
  const weights = variables.map((v) => Array.from(v.dataSync()));
  const saved = await optimizer.getWeights();
  const state = saved.map((w) => Array.from(w.tensor.dataSync()));
  saved[0]!.tensor.dispose();
  optimizer.dispose();
  tf.dispose(variables);
  return { weights, state };
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    row.forEach((value, j) => expect(value).toBeCloseTo(expected[i]![j]!, 5));
  });
}

describe('fused Adam', () => {
  afterAll(() => useBackend('wasm'));

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`matches tf.train.adam on ${backend}`, async () => {
      await useBackend('cpu');
      const reference = await train(() => tf.train.adam(0.01), 'ref');
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const fused = await train(() => new FusedAdam(0.01), backend);
      expect(tf.memory().numTensors).toBe(before);
      expectClose(fused.weights, reference.weights);
      // Step count, first moments, second moments, in tfjs's order.
      expectClose(fused.state, reference.state);
    });
  }

  it('restores a tf.train.adam state', async () => {
    await useBackend('wasm');
    const x = tf.variable(tf.tensor([0.5, -1, 2]), true, 'restore/x');
    const reference = tf.train.adam(0.1);
    const g = [{ name: x.name, tensor: tf.tensor([1, -2, 0.5]) }];
    reference.applyGradients(g);
    const fused = new FusedAdam(0.1);
    await fused.setWeights(await reference.getWeights());
    const saved = Array.from(x.dataSync());
    reference.applyGradients(g);
    const expected = Array.from(x.dataSync());
    x.assign(tf.tensor(saved));
    fused.applyGradients(g);
    expectClose([Array.from(x.dataSync())], [expected]);
    reference.dispose();
    fused.dispose();
    tf.dispose([x, g[0]!.tensor]);
  });

  it('rejects moments of another shape', async () => {
    await useBackend('wasm');
    const x = tf.variable(tf.zeros([2, 3]), true, 'shape/x');
    const fused = new FusedAdam(0.1);
    const state = [
      { name: 'iter', tensor: tf.scalar(1) },
      { name: 'shape/x/m', tensor: tf.zeros([3, 2]) },
      { name: 'shape/x/v', tensor: tf.zeros([3, 2]) },
    ];
    await fused.setWeights(state);
    const g = [{ name: x.name, tensor: tf.ones([2, 3]) }];
    expect(() => fused.applyGradients(g)).toThrow(
      /Adam state of "shape\/x" has shape \[3,2\] but the weight has \[2,3\]/,
    );
    fused.dispose();
    tf.dispose([x, g[0]!.tensor, ...state.map((s) => s.tensor)]);
  });
});
