import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { eventCount, type EventSet } from '../events/eventSet';
import { buildGraphBatches } from '../graph/batches';
import { loadModel, serializeModel, type ModelCard } from '../model/serialize';
import { makeSyntheticSet } from '../model/testing/synthetic';
import { tinyModel } from '../model/testing/tiny';
import {
  DEFAULT_SETTINGS,
  checkSettings,
  runExperiment,
  type ExperimentSettings,
} from './experiment';
import { gatherEvents, splitClasses, type ClassData } from './experimentSplit';
import { secondsToReach, trainingLogCsv } from './experimentSummary';

/** Two classes as separate sets, as the page loads them (one per file). */
function twoClasses(events: number, seed: number): ClassData[] {
  const mixed = makeSyntheticSet({ events, classes: 2, seed });
  return [0, 1].map((label) => {
    const indices = [];
    for (let e = 0; e < eventCount(mixed); e++)
      if (mixed.events.label[e] === label) indices.push(e);
    const name = `class${label}`;
    const set = gatherEvents([{ set: mixed, indices }], [name], name);
    return { name, set: { ...set, source: `${name}.root` } };
  });
}

const settings: ExperimentSettings = {
  ...DEFAULT_SETTINGS,
  perClass: 20,
  validationFraction: 0.2,
  testFraction: 0.25,
  epochs: 3,
  batchSize: 8,
  learningRate: 0.01,
  bootstrapResamples: 50,
  seed: 3,
};

function parentModel() {
  return tinyModel(makeSyntheticSet({ events: 30, classes: 3, seed: 5 }), 2);
}

describe('splitClasses', () => {
  const classes = twoClasses(160, 1);

  it('keeps test events apart from training', () => {
    const split = splitClasses(classes, settings);
    const key = (set: EventSet) =>
      Array.from(
        set.events.sourceEntry,
        (entry, e) => `${set.events.label[e]}:${entry}`,
      );
    const train = new Set(key(split.train));
    for (const k of key(split.test)) expect(train.has(k)).toBe(false);
    for (const k of key(split.validation)) expect(train.has(k)).toBe(false);
  });

  it('stratifies every class', () => {
    const split = splitClasses(classes, settings);
    for (const counts of split.counts) {
      expect(counts.available).toBe(80);
      expect(counts.test).toBe(20);
      expect(counts.validation).toBe(16);
      expect(counts.train).toBe(20);
    }
    expect(eventCount(split.train)).toBe(40);
  });

  it('keeps the test set when the training size changes', () => {
    const small = splitClasses(classes, { ...settings, perClass: 10 });
    const all = splitClasses(classes, { ...settings, perClass: null });
    expect(Array.from(small.test.events.sourceEntry)).toEqual(
      Array.from(all.test.events.sourceEntry),
    );
    expect(all.counts[0]!.train).toBe(80 - 20 - 16);
  });

  it('repeats with a seed and changes without', () => {
    const a = splitClasses(classes, settings);
    const b = splitClasses(classes, settings);
    const c = splitClasses(classes, { ...settings, seed: 4 });
    expect(Array.from(a.train.objects.pt)).toEqual(
      Array.from(b.train.objects.pt),
    );
    expect(Array.from(a.train.objects.pt)).not.toEqual(
      Array.from(c.train.objects.pt),
    );
  });

  it('rejects a single class', () => {
    expect(() => splitClasses(classes.slice(0, 1), settings)).toThrow(
      /at least two classes/,
    );
  });

  it('rejects a class too small to split', () => {
    const tiny = {
      ...classes[1]!,
      set: gatherEvents(
        [{ set: classes[1]!.set, indices: [0, 1] }],
        ['class1'],
        'class1',
      ),
    };
    expect(() => splitClasses([classes[0]!, tiny], settings)).toThrow(
      /"class1" has 2 events/,
    );
  });

  it('warns about few training events', () => {
    const split = splitClasses(classes, { ...settings, perClass: 5 });
    expect(split.warnings.join(' ')).toMatch(/only 5 training events/);
  });
});

describe('checkSettings', () => {
  it('accepts the defaults', () => {
    expect(() => checkSettings(DEFAULT_SETTINGS)).not.toThrow();
  });

  it('rejects invalid numbers by name', () => {
    const cases: [Partial<ExperimentSettings>, RegExp][] = [
      [{ epochs: 0 }, /"epochs" is 0/],
      [{ batchSize: 2.5 }, /"batchSize" is 2.5/],
      [{ patience: Number.NaN }, /"patience" is NaN/],
      [{ learningRate: 0 }, /learning rate is 0/],
      [{ learningRate: 5 }, /learning rate is 5/],
    ];
    for (const [patch, message] of cases) {
      expect(() => checkSettings({ ...DEFAULT_SETTINGS, ...patch })).toThrow(
        message,
      );
    }
  });
});

describe('secondsToReach', () => {
  it('matches a linear scan of the history', () => {
    const history = [0.6, 0.72, 0.7, 0.8, 0.79].map((auc, i) => ({
      epoch: i + 1,
      trainLoss: 1,
      validationLoss: 1,
      validationAccuracy: 0.5,
      validationAuc: auc,
      learningRate: 0.001,
      seconds: 3 * (i + 1),
    }));
    for (const target of [0.5, 0.7, 0.71, 0.8, 0.81]) {
      let expected: number | null = null;
      for (const h of history) {
        if (h.validationAuc >= target) {
          expected = h.seconds;
          break;
        }
      }
      expect(secondsToReach(history, 'auc', target)).toBe(expected);
    }
    expect(secondsToReach(history, 'auc', null)).toBeNull();
  });
});

describe('runExperiment', () => {
  beforeAll(() => useBackend('wasm'));

  it('trains both runs on the same data', async () => {
    const parent = parentModel();
    const before = tf.memory().numTensors;
    const epochs: string[] = [];
    const { result, models } = await runExperiment({
      parent,
      classes: twoClasses(160, 1),
      settings,
      onProgress: (p) => {
        if (p.epoch) epochs.push(`${p.run}:${p.epoch.epoch}`);
      },
    });
    expect(result.status).toBe('done');
    expect(epochs.filter((e) => e.startsWith('pretrained')).length).toBe(
      result.pretrained.history.length,
    );
    for (const run of [result.pretrained, result.scratch]) {
      expect(run.test!.auc.value).toBeGreaterThan(0);
      expect(run.test!.auc.low).toBeLessThanOrEqual(run.test!.auc.value);
      expect(run.test!.events).toBe(40);
      expect(run.history[0]!.trainAuc).toBeGreaterThanOrEqual(0);
    }
    expect(result.pretrained.strategy).toBe('full');
    expect(result.scratch.strategy).toBe('scratch');
    expect(result.scratch.secondsToTarget).not.toBeNull();
    expect(result.sentence).toMatch(/^Pretrained reached .* from scratch/);
    expect(
      trainingLogCsv([result.pretrained, result.scratch]).split('\n')[0],
    ).toBe(
      'run,epoch,trainLoss,validationLoss,trainAuc,validationAuc,trainAccuracy,validationAccuracy,learningRate,seconds',
    );
    models.pretrained!.dispose();
    models.scratch!.dispose();
    expect(tf.memory().numTensors).toBe(before);
    parent.dispose();
  });

  it('keeps the best weights when cancelled', async () => {
    const parent = parentModel();
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    const { result, models } = await runExperiment({
      parent,
      classes: twoClasses(160, 1),
      settings: { ...settings, epochs: 10, patience: 10 },
      signal,
      onProgress: (p) => {
        if (p.epoch?.epoch === 2) signal.aborted = true;
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.pretrained.status).toBe('cancelled');
    expect(result.scratch.status).toBe('not-run');
    expect(models.scratch).toBeNull();
    const history = result.pretrained.history;
    expect(history.length).toBe(2);
    const best = history[result.pretrained.bestEpoch - 1]!;
    expect(best.validationLoss).toBe(
      Math.min(...history.map((h) => h.validationLoss)),
    );
    // The test metrics come from the restored best weights.
    expect(result.pretrained.test).not.toBeNull();
    models.pretrained!.dispose();
    expect(tf.memory().numTensors).toBe(before);
    parent.dispose();
  });

  it('exports a model that predicts identically', async () => {
    const parent = parentModel();
    const classes = twoClasses(80, 2);
    const { models } = await runExperiment({
      parent,
      classes,
      settings: { ...settings, epochs: 1 },
    });
    const model = models.pretrained!;
    const card = {
      name: 'test',
      config: model.config,
      scaling: model.scaling,
      trainingData: {},
      seed: 1,
      metrics: {},
      parentModel: null,
      created: '2024-01-01',
      toolVersion: '0',
    } satisfies ModelCard;
    const { modelJson, weightData } = await serializeModel(model, card);
    const copy = loadModel(JSON.parse(JSON.stringify(modelJson)), weightData);
    const [batch] = buildGraphBatches(classes[0]!.set, model.scaling, {
      batchSize: 64,
    }).batches;
    const a = model.predictProbabilities(batch!);
    const b = copy.predictProbabilities(batch!);
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([a, b]);
    for (const m of [copy, models.pretrained!, models.scratch!, parent])
      m.dispose();
  });
});
