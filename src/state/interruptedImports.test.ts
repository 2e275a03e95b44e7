import { describe, expect, it } from 'vitest';
import {
  markImportReading,
  reportInterruptedImports,
} from './interruptedImports';
import { fakeSessionStorage } from './sessionStorage.testutil';
import { createAppStore } from './store';

describe('interrupted imports', () => {
  it('names the files a reload cut off', () => {
    const items = fakeSessionStorage();
    markImportReading('ww.root', true);
    markImportReading('zz.root', true);
    markImportReading('wz.root', true);
    markImportReading('zz.root', false);
    const store = createAppStore();
    reportInterruptedImports(store);
    const errors = store.getState().errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('ww.root, wz.root');
    expect(errors[0]?.message).toContain('those files were not loaded');
    expect(items.size).toBe(0);
  });

  it('stays quiet when every read ended', () => {
    fakeSessionStorage();
    markImportReading('ww.root', true);
    markImportReading('ww.root', false);
    const store = createAppStore();
    reportInterruptedImports(store);
    expect(store.getState().errors).toEqual([]);
  });

  it('ignores a damaged storage entry', () => {
    const items = fakeSessionStorage();
    items.set('eventlens.imports-reading', '{not json');
    const store = createAppStore();
    reportInterruptedImports(store);
    expect(store.getState().errors).toEqual([]);
  });
});
