import type { EventSet } from '../../events/eventSet';
import { engineWorker } from '../../state/workers';
import type { Result } from '../../../workers/protocol';

const sent = new Map<string, Promise<Result<void>>>();

/**
 * Copies a loaded set into the engine once, so model calls can name it by
 * id. The page keeps its own arrays, so nothing is transferred.
 */
export function ensureEngineSet(id: string, set: EventSet) {
  let pending = sent.get(id);
  if (!pending) {
    pending = engineWorker().putSet(id, set);
    sent.set(id, pending);
    // A failed copy is tried again on the next call.
    void pending.then((r) => r.ok || sent.delete(id));
  }
  return pending;
}
