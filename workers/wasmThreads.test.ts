import { describe, expect, it } from 'vitest';
import { wasmThreadCount, withReportedConcurrency } from './wasmThreads';

describe('wasmThreadCount', () => {
  it('uses one thread per logical core', () => {
    expect(wasmThreadCount(2)).toBe(2);
    expect(wasmThreadCount(6)).toBe(6);
  });

  it('stays within the eight workers of the tfjs pool', () => {
    expect(wasmThreadCount(32)).toBe(8);
  });

  it('falls back to one thread when the core count is unknown', () => {
    expect(wasmThreadCount(undefined)).toBe(1);
    expect(wasmThreadCount(0)).toBe(1);
    expect(wasmThreadCount(Number.NaN)).toBe(1);
  });
});

describe('withReportedConcurrency', () => {
  class FakeNavigator {
    get hardwareConcurrency(): number {
      return 2;
    }
  }

  it('reports the given count only while the work runs', async () => {
    const holder = new FakeNavigator();
    const seen = await withReportedConcurrency(holder, 4, async () =>
      Promise.resolve(holder.hardwareConcurrency),
    );
    expect(seen).toBe(4);
    expect(holder.hardwareConcurrency).toBe(2);
  });

  it('restores the real count when the work fails', async () => {
    const holder = new FakeNavigator();
    await expect(
      withReportedConcurrency(holder, 4, () =>
        Promise.reject(new Error('no backend')),
      ),
    ).rejects.toThrow('no backend');
    expect(holder.hardwareConcurrency).toBe(2);
  });

  it('puts back an own property that was there before', async () => {
    const holder = { hardwareConcurrency: 3 };
    await withReportedConcurrency(holder, 6, () => Promise.resolve());
    expect(holder.hardwareConcurrency).toBe(3);
  });
});
