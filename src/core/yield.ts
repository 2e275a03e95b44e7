/** Cooperative scheduling for long loops in the workers. */

/**
 * Resolves on a later turn of the event loop, so that messages queued
 * meanwhile (a cancel request, another call) run first. Awaiting a resolved
 * promise is not enough, because it runs before any message.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A cancel flag that a worker sets while a long computation polls it. */
export interface CancelFlag {
  aborted: boolean;
}
