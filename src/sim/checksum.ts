/**
 * A content hash of an event set, for checking that the same seed gives
 * the same events in Node and in a browser.
 */

import type { EventSet } from '../events/eventSet';

/**
 * Returns the 32-bit FNV-1a hash, as 8 hex digits, of the bytes of the
 * offsets, every object column and the labels, in that order.
 */
export function eventSetChecksum(set: EventSet): string {
  const o = set.objects;
  const arrays = [
    set.offsets,
    o.type,
    o.pt,
    o.eta,
    o.phi,
    o.energy,
    o.btag,
    o.charge,
    set.events.label,
  ];
  let hash = 0x811c9dc5;
  for (const array of arrays) {
    const bytes = new Uint8Array(
      array.buffer,
      array.byteOffset,
      array.byteLength,
    );
    for (let i = 0; i < bytes.length; i++) {
      hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    }
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
