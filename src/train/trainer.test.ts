import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { EventLensError } from '../core/errors';
import { buildGraphBatch } from '../graph/batches';
import { makeSyntheticSet } from '../model/testing/synthetic';
import { tinyModel } from '../model/testing/tiny';
import { createFineTuneModel } from '../model/transfer';
import { TrainingSession } from './session';
import { trainModel } from './trainer';

const train = makeSyntheticSet({ events: 32, classes: 2, seed: 21 });

describe('trainModel', () => {
  beforeAll(() => useBackend('wasm'));

  it('overfits a tiny set', async () => {
    const model = tinyModel(train, 2);
    const result = await trainModel({
      model,
      train,
      validation: train,
      strategy: 'scratch',
      epochs: 60,
      batchSize: 16,
      learningRate: 0.01,
      patience: 60,
      seed: 4,
    });
    expect(result.history[0]!.trainLoss).toBeGreaterThan(
      result.history.at(-1)!.trainLoss,
    );
    expect(result.validation.accuracy).toBeGreaterThanOrEqual(0.95);
    model.dispose();
  });

  it('stops early and restores the best weights', async () => {
    const model = tinyModel(train, 3);
    const result = await trainModel({
      model,
      train,
      validation: train,
      strategy: 'scratch',
      epochs: 12,
      batchSize: 16,
      learningRate: 2,
      patience: 2,
      seed: 4,
    });
    const best = Math.min(...result.history.map((h) => h.validationLoss));
    expect(result.validation.loss).toBeCloseTo(best, 4);
    expect(result.history[result.bestEpoch - 1]!.validationLoss).toBe(best);
    model.dispose();
  });

  it('throws engine/cancelled between batches', async () => {
    const model = tinyModel(train, 3);
    const signal = { aborted: false };
    const run = trainModel({
      model,
      train,
      validation: train,
      strategy: 'scratch',
      epochs: 5,
      batchSize: 4,
      learningRate: 0.01,
      seed: 1,
      signal,
      onProgress: () => {
        signal.aborted = true;
      },
      progressIntervalMs: 0,
    });
    await expect(run).rejects.toBeInstanceOf(EventLensError);
    await expect(run).rejects.toMatchObject({ code: 'engine/cancelled' });
    model.dispose();
  });

  it('leaks no tensors over repeated steps', () => {
    const model = tinyModel(train, 3);
    const session = new TrainingSession(model, {
      strategy: 'full',
      learningRate: 0.01,
    });
    const batch = buildGraphBatch(train, model.scaling, [0, 1, 2, 3]);
    session.step(batch).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) session.step(batch).dispose();
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
    model.dispose();
  });

  it('head-only leaves the backbone unchanged', async () => {
    const model = tinyModel(train, 3);
    const before = model.variables
      .get('step0/edge/dense0/kernel')!
      .dataSync()
      .slice();
    const head = model.variables.get('head/kernel')!.dataSync().slice();
    await trainModel({
      model,
      train,
      validation: train,
      strategy: 'head-only',
      epochs: 2,
      batchSize: 16,
      learningRate: 0.05,
      seed: 1,
    });
    expect(
      Array.from(model.variables.get('step0/edge/dense0/kernel')!.dataSync()),
    ).toEqual(Array.from(before));
    expect(
      Array.from(model.variables.get('head/kernel')!.dataSync()),
    ).not.toEqual(Array.from(head));
    model.dispose();
  });
});

describe('multilabel training', () => {
  beforeAll(() => useBackend('wasm'));

  /** Returns a set whose truth is the class (binary) and object count. */
  function truthSet() {
    const set = makeSyntheticSet({ events: 32, classes: 2, seed: 8 });
    set.truth = {
      isClassOne: Float32Array.from(set.events.label),
      objectCount: Float32Array.from(
        { length: 32 },
        (_, e) => set.offsets[e + 1]! - set.offsets[e]!,
      ),
    };
    return set;
  }

  async function trainHead(binaryNames: string[], regressionNames: string[]) {
    const set = truthSet();
    const base = tinyModel(set, 2);
    const columns = binaryNames.length + regressionNames.length;
    const head = {
      kind: 'multilabel' as const,
      binaryNames,
      regressionNames,
      targetScaling: {
        mean: [...binaryNames.map(() => 0), ...regressionNames.map(() => 5)],
        std: [...binaryNames.map(() => 1), ...regressionNames.map(() => 2)],
      },
    };
    expect(head.targetScaling.mean).toHaveLength(columns);
    const model = createFineTuneModel(base, head, 2);
    base.dispose();
    const result = await trainModel({
      model,
      train: set,
      validation: set,
      strategy: 'scratch',
      epochs: 40,
      batchSize: 16,
      learningRate: 0.01,
      patience: 40,
      seed: 1,
    });
    model.dispose();
    return result;
  }

  it('learns a binary target', async () => {
    const result = await trainHead(['isClassOne'], []);
    expect(result.validation.auc).toBeGreaterThan(0.9);
    expect(result.validation.confusion).toEqual([]);
  });

  it('fits a scaled regression target', async () => {
    const result = await trainHead([], ['objectCount']);
    const first = result.history[0]!.validationLoss;
    expect(result.validation.loss).toBeLessThan(0.5 * first);
  });
});
