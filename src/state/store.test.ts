import { describe, expect, it } from 'vitest';
import { importCsv } from '../events/csv';
import { histogramSet } from '../events/histograms';
import { createAppStore } from './store';

const summary = {
  name: 'ww',
  source: 'ww.csv',
  layout: 'csv-objects',
  events: 2,
  objects: 5,
  objectsByType: { jet: 5 },
  eventsByClass: [{ name: 'ww', events: 2 }],
  warnings: [],
  notes: [],
  histograms: histogramSet(
    importCsv('event,type,pt,eta,phi,e\n0,jet,1,0,0,1\n', 'ww.csv').set,
  ),
};

describe('app store', () => {
  it('can add and remove sets', () => {
    const store = createAppStore();
    store.getState().addSet({ id: 'a', summary, origin: 'file' });
    store.getState().addSet({ id: 'b', summary, origin: 'sample' });
    store.getState().removeSet('a');
    expect(store.getState().sets.map((s) => s.id)).toEqual(['b']);
  });

  it('lists sets in request order, not finish order', () => {
    const store = createAppStore();
    const add = (id: string, order?: number) =>
      store.getState().addSet({ id, summary, origin: 'file', order });
    add('old'); // saved by a version without order
    add('third', 30);
    add('first', 10);
    add('fourth', 40);
    add('second', 20);
    add('unranked');
    expect(store.getState().sets.map((s) => s.id)).toEqual([
      'old',
      'first',
      'second',
      'third',
      'fourth',
      'unranked',
    ]);
  });

  it('can track a load from start to finish', () => {
    const store = createAppStore();
    store.getState().startLoad({ id: 'l', fileName: 'x.csv', fraction: 0 });
    store.getState().updateLoad('l', 0.5);
    expect(store.getState().loads[0]?.fraction).toBe(0.5);
    store.getState().finishLoad('l');
    expect(store.getState().loads).toEqual([]);
  });

  it('can show and dismiss errors independently', () => {
    const store = createAppStore();
    const first = store
      .getState()
      .showError({ code: 'io/empty-file', message: 'a' });
    store.getState().showError({ code: 'internal', message: 'b' });
    store.getState().dismissError(first);
    expect(store.getState().errors.map((e) => e.message)).toEqual(['b']);
  });

  it('keeps separate stores apart', () => {
    const one = createAppStore();
    const two = createAppStore();
    one.getState().addSet({ id: 'a', summary, origin: 'file' });
    expect(two.getState().sets).toEqual([]);
  });
});
