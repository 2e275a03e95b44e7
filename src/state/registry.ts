import type { EventSet } from '../events/eventSet';

/**
 * Event sets by id. Their typed arrays stay out of the zustand store so
 * that state updates never copy or diff them.
 */
const sets = new Map<string, EventSet>();

/** Stores a set under `id`. */
export function registerSet(id: string, set: EventSet): void {
  sets.set(id, set);
}

/** Returns the set stored under `id`, if any. */
export function getSet(id: string): EventSet | undefined {
  return sets.get(id);
}

/** Forgets the set stored under `id`. */
export function forgetSet(id: string): void {
  sets.delete(id);
}
