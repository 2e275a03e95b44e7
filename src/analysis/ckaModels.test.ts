import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { fitFeatureScaling } from '../graph/features';
import { defaultModelConfig } from '../model/config';
import { createModel } from '../model/model';
import { makeSyntheticSet } from '../model/testing/synthetic';
import { ckaDiagonal } from './cka';
import { compareModels, sampleEvents } from './ckaModels';

const set = makeSyntheticSet({ events: 90, classes: 3, seed: 5 });

function smallModel(seed: number) {
  const config = {
    ...defaultModelConfig({
      kind: 'multiclass' as const,
      classNames: set.classNames,
    }),
    latentSize: 16,
    mlpLayers: 2,
    steps: 2,
  };
  return createModel(config, fitFeatureScaling(set, 10), seed);
}

describe('compareModels', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('model against itself has a diagonal of 1', async () => {
    const model = smallModel(3);
    const before = tf.memory().numTensors;
    const result = await compareModels(model, model, set, { batchSize: 32 });
    expect(tf.memory().numTensors).toBe(before);

    expect(result.biased.layersA).toEqual(model.tapNames);
    expect(result.biased.events).toBe(90);
    for (const matrix of [result.biased, result.unbiased!]) {
      for (const value of ckaDiagonal(matrix)) {
        expect(Math.abs(value! - 1)).toBeLessThan(1e-5);
      }
    }
    model.dispose();
  });

  it('two seeds give values in [0, 1] off the diagonal', async () => {
    const modelA = smallModel(3);
    const modelB = smallModel(4);
    const result = await compareModels(modelA, modelB, set, { events: 60 });

    expect(result.biased.events).toBe(60);
    for (const row of result.biased.cka) {
      for (const value of row) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1 + 1e-6);
      }
    }
    const unbiased = result.unbiased!.cka.flat() as number[];
    expect(Math.min(...unbiased)).toBeGreaterThan(-0.2);
    modelA.dispose();
    modelB.dispose();
  });

  it('tiny sample leaves unbiased out with a reason', async () => {
    const model = smallModel(3);
    const result = await compareModels(model, model, set, { events: 3 });

    expect(result.unbiased).toBeNull();
    expect(result.unbiasedError).toMatch(/at least 4 events/);
    expect(result.biased.events).toBe(3);
    model.dispose();
  });

  it('stops after the batch in which it was cancelled', async () => {
    const model = smallModel(3);
    const cancel = { aborted: false };
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    const run = compareModels(model, model, set, {
      batchSize: 32,
      cancel,
      onProgress: (done) => {
        seen.push(done);
        cancel.aborted = true;
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'engine/cancelled' });
    expect(seen).toEqual([32]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('sample is seeded and sorted by size', () => {
    const first = sampleEvents(set, 20, 9);
    const again = sampleEvents(set, 20, 9);
    const sizes = first.map((e) => set.offsets[e + 1]! - set.offsets[e]!);

    expect(first).toEqual(again);
    expect(new Set(first).size).toBe(20);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  });
});
