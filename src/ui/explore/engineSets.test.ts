import { describe, expect, it, vi } from 'vitest';
import type { EventSet } from '../../events/eventSet';

const putSet = vi.fn(async () => ({ ok: true as const, value: undefined }));
vi.mock('../../state/workers', () => ({ engineWorker: () => ({ putSet }) }));

const { ensureEngineSet } = await import('./engineSets');

function eventSet(name: string): EventSet {
  return { name, classNames: [name] } as unknown as EventSet;
}

describe('ensureEngineSet', () => {
  it('copies a set again only after it changed', async () => {
    const set = eventSet('ww');
    await ensureEngineSet('a', set);
    await ensureEngineSet('a', set);
    expect(putSet).toHaveBeenCalledTimes(1);

    // Renamed in place: the engine must see the new name.
    set.name = 'ww copy';
    await ensureEngineSet('a', set);
    expect(putSet).toHaveBeenCalledTimes(2);
    set.classNames[0] = 'signal';
    await ensureEngineSet('a', set);
    expect(putSet).toHaveBeenCalledTimes(3);

    // Re-imported: a new object under the same id.
    await ensureEngineSet('a', eventSet('ww copy'));
    expect(putSet).toHaveBeenCalledTimes(4);
  });
});
