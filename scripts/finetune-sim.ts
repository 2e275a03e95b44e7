/**
 * The generator task of `npm run finetune -- --task sim-wh-zh`: WH and ZH
 * events from the built-in generator (fast detector), one class each.
 */

import type { ProcessName } from '../src/sim/index';
import { generateEvents } from '../src/sim/index';
import type { ClassData } from '../src/train/experimentSplit';

const PROCESSES: ProcessName[] = ['WH', 'ZH'];

/** Generates `events` per process; each process is one class. */
export function generatedClasses(events: number, seed: number): ClassData[] {
  return PROCESSES.map((process, i) => ({
    name: process,
    set: generateEvents({
      process,
      events,
      detector: 'fast',
      // Distinct streams per process, fixed by the experiment seed.
      seed: 1000 * seed + i,
    }),
  }));
}
