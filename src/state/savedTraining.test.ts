import { beforeEach, describe, expect, it } from 'vitest';
import type { RocCurve } from '../analysis/metrics';
import type { TrainingOutcome } from '../../workers/protocol';
import type { RunSummary } from '../train/experimentSummary';
import { fakeLocalStorage } from './sessionStorage.testutil';
import {
  forgetLastTraining,
  restoreLastTraining,
  saveLastTraining,
  thinRocCurve,
} from './savedTraining';
import { createAppStore } from './store';
import type { TrainingState } from './trainingStore';

const KEY = 'eventlens.last-training';

/** Returns a ROC curve of `n` points that starts at the +∞ threshold. */
function roc(n: number): RocCurve {
  return {
    falsePositiveRate: Array.from({ length: n }, (_, i) => i / (n - 1)),
    truePositiveRate: Array.from({ length: n }, (_, i) =>
      Math.sqrt(i / (n - 1)),
    ),
    thresholds: Array.from({ length: n }, (_, i) =>
      i === 0 ? Number.POSITIVE_INFINITY : 1 - i / n,
    ),
  };
}

function run(name: 'pretrained' | 'scratch', auc: number): RunSummary {
  return {
    name,
    strategy: name === 'pretrained' ? 'full' : 'scratch',
    status: 'done',
    history: [],
    bestEpoch: 3,
    stoppedEarly: true,
    seconds: 4.5,
    secondsToTarget: null,
    test: {
      auc: { value: auc, low: auc - 0.02, high: auc + 0.02, std: 0.01 },
      accuracy: { value: 0.6, low: 0.58, high: 0.62, std: 0.01 },
      loss: Number.NaN,
      confusion: [
        [10, 2],
        [3, 9],
      ],
      roc: [roc(1000)],
      events: 24,
    },
    predictsOneClass: false,
  };
}

/** Returns a finished training state with a two-class result. */
function finished(): TrainingState {
  const store = createAppStore();
  const outcome = {
    result: {
      status: 'done',
      classNames: ['ww', 'wz'],
      pretrained: run('pretrained', 0.56),
      scratch: run('scratch', 0.55),
      sentence: 'Pretrained reached 0.56 test AUC.',
    },
    modelIds: { pretrained: 'm1', scratch: 'm2' },
    models: [],
    backend: 'wasm',
  } as unknown as TrainingOutcome;
  store.getState().updateTraining({
    status: 'done',
    setIds: ['a', 'b'],
    startedAt: 1000,
    outcome,
    history: {
      pretrained: [{ epoch: 1 } as never],
      scratch: [{ epoch: 1 } as never, { epoch: 2 } as never],
    },
  });
  return store.getState().training;
}

describe('saved training result', () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = fakeLocalStorage();
  });

  it('restores a result after a reload', () => {
    saveLastTraining(finished());
    const store = createAppStore();
    restoreLastTraining(store);
    const { training } = store.getState();
    expect(training.status).toBe('done');
    expect(training.setIds).toEqual(['a', 'b']);
    expect(training.history.scratch).toHaveLength(2);
    expect(training.activeRun).toBeNull();
    expect(training.message).toContain('kept across the reload');
    const result = training.outcome!.result;
    expect(result.sentence).toBe('Pretrained reached 0.56 test AUC.');
    expect(training.outcome!.modelIds.scratch).toBe('m2');
    // Non-finite numbers survive JSON.
    const test = result.pretrained.test!;
    expect(test.loss).toBeNaN();
    expect(test.roc[0]!.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
    expect(test.confusion).toEqual([
      [10, 2],
      [3, 9],
    ]);
  });

  it('remembers models deleted since', () => {
    const store = createAppStore();
    store.getState().updateTraining(finished());
    store.getState().dropModel('m1');
    expect(store.getState().training.removedModels).toEqual(['m1']);
    saveLastTraining(store.getState().training);
    const restored = createAppStore();
    restoreLastTraining(restored);
    expect(restored.getState().training.removedModels).toEqual(['m1']);
  });

  it('thins ROC curves to 400 points', () => {
    saveLastTraining(finished());
    const store = createAppStore();
    restoreLastTraining(store);
    const curve =
      store.getState().training.outcome!.result.scratch.test!.roc[0]!;
    expect(curve.falsePositiveRate).toHaveLength(400);
    expect(curve.falsePositiveRate[0]).toBe(0);
    expect(curve.falsePositiveRate[399]).toBe(1);
    expect(curve.truePositiveRate[399]).toBe(1);
  });

  it('keeps short ROC curves whole', () => {
    const curve = roc(50);
    expect(thinRocCurve(curve)).toBe(curve);
  });

  it('drops an unreadable saved result', () => {
    items.set(KEY, '{"version":1,"training":');
    const store = createAppStore();
    restoreLastTraining(store);
    expect(store.getState().training.status).toBe('idle');
    expect(items.has(KEY)).toBe(false);
  });

  it('drops a result of another version', () => {
    items.set(KEY, JSON.stringify({ version: 0, training: {} }));
    const store = createAppStore();
    restoreLastTraining(store);
    expect(store.getState().training.outcome).toBeNull();
    expect(items.has(KEY)).toBe(false);
  });

  it('forgets the result when told to', () => {
    saveLastTraining(finished());
    expect(items.has(KEY)).toBe(true);
    forgetLastTraining();
    expect(items.has(KEY)).toBe(false);
  });

  it('survives full storage', () => {
    globalThis.localStorage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => saveLastTraining(finished())).not.toThrow();
  });
});
