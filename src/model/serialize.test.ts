import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { EventLensError } from '../core/errors';
import {
  loadModel,
  serializeModel,
  type ModelCard,
  type ModelJson,
} from './serialize';
import { makeSyntheticSet } from './testing/synthetic';
import { tinyModel } from './testing/tiny';

const set = makeSyntheticSet({ events: 8, classes: 3, seed: 3 });

async function saved() {
  const model = tinyModel(set, 5);
  const card: ModelCard = {
    name: 'tiny',
    config: model.config,
    scaling: model.scaling,
    trainingData: { events: 8 },
    seed: 5,
    metrics: {},
    parentModel: null,
    created: '2024-01-01T00:00:00Z',
    toolVersion: 'test',
  };
  const files = await serializeModel(model, card);
  return { model, ...files };
}

/** Returns the message of the error `load` throws, checking its code. */
function failure(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(EventLensError);
    expect((error as EventLensError).code).toBe('engine/invalid-model');
    return (error as Error).message;
  }
  throw new Error('expected loadModel to throw');
}

const clone = (json: ModelJson): ModelJson =>
  JSON.parse(JSON.stringify(json)) as ModelJson;

describe('model weights files', () => {
  beforeAll(() => useBackend('wasm'));

  it('round-trips every weight exactly', async () => {
    const { model, modelJson, weightData } = await saved();
    const loaded = loadModel(clone(modelJson), weightData);
    for (const [name, variable] of model.variables) {
      const a = variable.dataSync();
      const b = loaded.variables.get(name)!.dataSync();
      expect(Array.from(b), name).toEqual(Array.from(a));
    }
    expect(loaded.scaling).toEqual(model.scaling);
    expect(modelJson.userDefinedMetadata.modelCard.name).toBe('tiny');
    model.dispose();
    loaded.dispose();
  });

  it('rejects a missing shard', async () => {
    const { model, modelJson } = await saved();
    const message = failure(() => loadModel(modelJson, []));
    expect(message).toContain('1 weight file(s) listed (weights.bin), 0 given');
    model.dispose();
  });

  it('rejects a weight of the wrong shape', async () => {
    const { model, modelJson, weightData } = await saved();
    const json = clone(modelJson);
    json.weightsManifest[0]!.weights.find(
      (w) => w.name === 'head/bias',
    )!.shape = [4];
    const message = failure(() => loadModel(json, weightData));
    expect(message).toContain('weight "head/bias" has shape [4], expected [3]');
    model.dispose();
  });

  it('rejects a renamed weight as missing and unexpected', async () => {
    const { model, modelJson, weightData } = await saved();
    const json = clone(modelJson);
    json.weightsManifest[0]!.weights.find(
      (w) => w.name === 'decoder/norm/beta',
    )!.name = 'decoder/norm/shift';
    const message = failure(() => loadModel(json, weightData));
    expect(message).toContain('missing weight "decoder/norm/beta" [8]');
    expect(message).toContain('unexpected weight "decoder/norm/shift"');
    model.dispose();
  });

  it('rejects a NaN value and names the weight', async () => {
    const { model, modelJson, weightData } = await saved();
    const bytes = new Float32Array(weightData[0]!.slice(0));
    bytes[0] = Number.NaN;
    const message = failure(() => loadModel(clone(modelJson), bytes.buffer));
    expect(message).toContain(
      'weight "encoder/node/dense0/kernel" has a non-finite value (NaN) at index 0',
    );
    model.dispose();
  });

  it('leaks no tensors when loading fails', async () => {
    const { model, modelJson, weightData } = await saved();
    const bytes = new Float32Array(weightData[0]!.slice(0));
    bytes[5] = Number.POSITIVE_INFINITY;
    const before = tf.memory().numTensors;
    failure(() => loadModel(clone(modelJson), bytes.buffer));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
