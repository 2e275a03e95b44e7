import { fakeSessionStorage } from './sessionStorage.testutil';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../train/experimentSettings';
import { createAppStore } from './store';
import {
  duplicateNameMessage,
  invalidSettingMessage,
  reportInterruptedTraining,
  startTraining,
} from './trainingActions';

const summary = {
  source: 'x.csv',
  layout: 'csv-objects',
  events: 2,
  objects: 2,
  objectsByType: { jet: 2 },
  eventsByClass: [],
  warnings: [],
  notes: [],
  histograms: {} as never,
};

describe('invalidSettingMessage', () => {
  it('accepts the defaults', () => {
    expect(invalidSettingMessage(DEFAULT_SETTINGS)).toBeNull();
  });

  it('names zero epochs by its label', () => {
    const message = invalidSettingMessage({ ...DEFAULT_SETTINGS, epochs: 0 });
    expect(message).toContain('"Epochs" is 0');
    expect(message).toContain('at least 1');
  });

  it('rejects a fractional batch size', () => {
    const message = invalidSettingMessage({
      ...DEFAULT_SETTINGS,
      batchSize: 2.5,
    });
    expect(message).toContain('"Batch size" is 2.5');
  });

  it('rejects a zero learning rate', () => {
    const message = invalidSettingMessage({
      ...DEFAULT_SETTINGS,
      learningRate: 0,
    });
    expect(message).toContain('"Learning rate (head)" is 0');
  });
});

describe('startTraining checks', () => {
  it('asks to tick a class when two are loaded', async () => {
    const store = createAppStore();
    store.getState().addSet({
      id: 'a',
      summary: { ...summary, name: 'ww' },
      origin: 'file',
    });
    store.getState().addSet({
      id: 'b',
      summary: { ...summary, name: 'wz' },
      origin: 'file',
    });
    store.getState().updateTraining({ setIds: ['a'] });
    await startTraining(store);
    const message = store.getState().training.message ?? '';
    expect(message).toContain('1 is selected');
    expect(message).toContain('Tick another class');
    expect(store.getState().training.status).not.toBe('running');
  });

  it('rejects zero epochs before the engine', async () => {
    const store = createAppStore();
    store.getState().addSet({
      id: 'a',
      summary: { ...summary, name: 'ww' },
      origin: 'file',
    });
    store.getState().addSet({
      id: 'b',
      summary: { ...summary, name: 'wz' },
      origin: 'file',
    });
    store.getState().updateSettings({ epochs: 0 });
    await startTraining(store);
    expect(store.getState().training.message).toContain('"Epochs" is 0');
    expect(store.getState().training.status).not.toBe('running');
  });
});

describe('reportInterruptedTraining', () => {
  it('reports a training cut by a reload', () => {
    const items = fakeSessionStorage({ 'eventlens.training-running': '1' });
    const store = createAppStore();
    reportInterruptedTraining(store);
    expect(store.getState().errors).toHaveLength(1);
    expect(store.getState().errors[0]?.message).toContain('reloaded');
    expect(items.size).toBe(0);
  });

  it('stays quiet after a normal load', () => {
    fakeSessionStorage({});
    const store = createAppStore();
    reportInterruptedTraining(store);
    expect(store.getState().errors).toEqual([]);
  });
});

describe('duplicate set names', () => {
  it('says how to fix two sets named alike', async () => {
    const store = createAppStore();
    for (const id of ['a', 'b']) {
      store.getState().addSet({
        id,
        summary: { ...summary, name: 'ww' },
        origin: 'file',
      });
    }
    store.getState().addSet({
      id: 'c',
      summary: { ...summary, name: 'wz' },
      origin: 'file',
    });
    await startTraining(store);
    const message = store.getState().training.message ?? '';
    expect(message).toContain('2 selected sets are named "ww"');
    expect(message).toContain('untick all but one "ww"');
    expect(message).toContain('Rename the copies on the Data page');
    expect(store.getState().errors).toEqual([]);
    expect(store.getState().training.status).not.toBe('running');
  });

  it('accepts one of the two unticked', () => {
    const store = createAppStore();
    for (const [id, name] of [
      ['a', 'ww'],
      ['b', 'ww'],
      ['c', 'wz'],
    ] as const) {
      store.getState().addSet({
        id,
        summary: { ...summary, name },
        origin: 'file',
      });
    }
    expect(duplicateNameMessage(store.getState(), ['a', 'c'])).toBeNull();
  });
});
