/**
 * Small seeded event sets for tests and benchmarks. Class c shifts the
 * leading object's pT and the b-tag rate, so a model can learn it.
 */

import { EventSetBuilder } from '../../events/builder';
import { ObjectType, type EventSet } from '../../events/eventSet';
import { createRandom } from '../../graph/random';

/** Options of `makeSyntheticSet`. */
export interface SyntheticOptions {
  events: number;
  classes?: number;
  seed?: number;
  /** Objects per event, inclusive range. */
  minObjects?: number;
  maxObjects?: number;
}

/** Creates a labelled synthetic set with jets, leptons, photons and MET. */
export function makeSyntheticSet(options: SyntheticOptions): EventSet {
  const classes = options.classes ?? 2;
  const minObjects = options.minObjects ?? 3;
  const maxObjects = options.maxObjects ?? 8;
  const random = createRandom(options.seed ?? 1);
  const names = Array.from({ length: classes }, (_, c) => `class${c}`);
  const builder = new EventSetBuilder(names);
  for (let e = 0; e < options.events; e++) {
    const label = e % classes;
    const count =
      minObjects + Math.floor(random() * (maxObjects - minObjects + 1));
    for (let k = 0; k < count; k++) {
      const type =
        k === count - 1 ? ObjectType.MissingEt : Math.floor(random() * 4);
      const pt = (20 + 200 * random()) * (k === 0 ? 1 + label : 1);
      const eta = type === ObjectType.MissingEt ? 0 : 4 * random() - 2;
      const phi = Math.PI * (2 * random() - 1);
      const btagRate = 0.1 + (0.6 * label) / Math.max(1, classes - 1);
      builder.addObject({
        type,
        pt,
        eta,
        phi,
        energy: pt * Math.cosh(eta),
        btag: type === ObjectType.Jet && random() < btagRate ? 1 : 0,
        charge: type === 1 || type === 2 ? (random() < 0.5 ? -1 : 1) : 0,
      });
    }
    builder.endEvent(label, 1, e);
  }
  return builder.build('synthetic', 'test');
}
