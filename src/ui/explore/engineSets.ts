import type { EventSet } from '../../events/eventSet';
import { engineWorker } from '../../state/workers';
import type { Result } from '../../../workers/protocol';

/** A copy sent to the engine, and what it was sent from. */
interface SentSet {
  set: EventSet;
  names: string;
  pending: Promise<Result<void>>;
}

const sent = new Map<string, SentSet>();

/** Returns the set's name and class names, which a rename changes in place. */
function namesOf(set: EventSet): string {
  return JSON.stringify([set.name, set.classNames]);
}

/**
 * Copies a loaded set into the engine, so model calls can name it by id.
 * It is copied again when the page's set changed since: re-imported with
 * other options (a new object) or renamed (the same object, new names).
 * The page keeps its own arrays, so nothing is transferred.
 */
export function ensureEngineSet(id: string, set: EventSet) {
  const names = namesOf(set);
  const last = sent.get(id);
  if (last && last.set === set && last.names === names) return last.pending;
  const pending = engineWorker().putSet(id, set);
  sent.set(id, { set, names, pending });
  // A failed copy is tried again on the next call.
  void pending.then((r) => r.ok || sent.delete(id));
  return pending;
}
