/**
 * The per-event columns of the Explore list, computed once per set on the
 * page (a few milliseconds for the bundled samples), and their sorting and
 * filtering.
 */

import { ObjectType, eventCount, type EventSet } from '../../events/eventSet';

/** Summary columns, one entry per event. Energies in GeV. */
export interface EventTable {
  count: number;
  label: Int32Array;
  objects: Int32Array;
  jets: Int32Array;
  btags: Int32Array;
  leptons: Int32Array;
  photons: Int32Array;
  /** Missing transverse momentum, 0 when the event has no MET object. */
  met: Float32Array;
  /** Scalar sum of jet pT. */
  ht: Float32Array;
}

/** Builds the summary columns of every event in `set`. */
export function buildEventTable(set: EventSet): EventTable {
  const count = eventCount(set);
  const table: EventTable = {
    count,
    label: set.events.label,
    objects: new Int32Array(count),
    jets: new Int32Array(count),
    btags: new Int32Array(count),
    leptons: new Int32Array(count),
    photons: new Int32Array(count),
    met: new Float32Array(count),
    ht: new Float32Array(count),
  };
  const { type, pt, btag } = set.objects;
  for (let e = 0; e < count; e++) {
    const start = set.offsets[e]!;
    const end = set.offsets[e + 1]!;
    table.objects[e] = end - start;
    for (let k = start; k < end; k++) {
      switch (type[k]) {
        case ObjectType.Jet:
          table.jets[e]!++;
          table.ht[e]! += pt[k]!;
          if (btag[k]! >= 0.5) table.btags[e]!++;
          break;
        case ObjectType.Electron:
        case ObjectType.Muon:
          table.leptons[e]!++;
          break;
        case ObjectType.Photon:
          table.photons[e]!++;
          break;
        case ObjectType.MissingEt:
          table.met[e]! += pt[k]!;
          break;
      }
    }
  }
  return table;
}

/** A model's verdict on every event of a set. */
export interface PredictionColumns {
  modelId: string;
  modelName: string;
  classNames: string[];
  /** Index of the most probable class. */
  predicted: Int32Array;
  /** Probability of the predicted class. */
  score: Float32Array;
}

/** Sortable column keys of the list. */
export type SortKey =
  | 'index'
  | 'label'
  | 'jets'
  | 'btags'
  | 'leptons'
  | 'photons'
  | 'met'
  | 'ht'
  | `score:${string}`;

/** What the list shows, in which order. */
export interface ListQuery {
  sortKey: SortKey;
  descending: boolean;
  /** Class index to keep, or −2 for every class. */
  label: number;
  minJets: number;
  minLeptons: number;
}

/** Returns the column a sort key reads, or undefined if it is missing. */
function sortColumn(
  table: EventTable,
  predictions: PredictionColumns[],
  key: SortKey,
): ArrayLike<number> | undefined {
  if (key === 'index') return undefined;
  if (key.startsWith('score:')) {
    const id = key.slice('score:'.length);
    return predictions.find((p) => p.modelId === id)?.score;
  }
  return table[key as Exclude<SortKey, 'index' | `score:${string}`>];
}

/** Returns the event indices that pass the filters, in display order. */
export function queryEvents(
  table: EventTable,
  predictions: PredictionColumns[],
  query: ListQuery,
): Int32Array {
  const kept: number[] = [];
  for (let e = 0; e < table.count; e++) {
    if (query.label !== -2 && table.label[e] !== query.label) continue;
    if (table.jets[e]! < query.minJets) continue;
    if (table.leptons[e]! < query.minLeptons) continue;
    kept.push(e);
  }
  const column = sortColumn(table, predictions, query.sortKey);
  const sign = query.descending ? -1 : 1;
  // Ties keep event order, so the list never reshuffles between sorts.
  kept.sort((a, b) => {
    const byValue = column ? (column[a]! - column[b]!) * sign : 0;
    return byValue || (a - b) * (column ? 1 : sign);
  });
  return Int32Array.from(kept);
}

/** Returns the objects of event `e` as plain records for the graph. */
export function eventObjects(set: EventSet, e: number) {
  const { type, pt, eta, phi, energy, btag, charge } = set.objects;
  const objects = [];
  for (let k = set.offsets[e]!; k < set.offsets[e + 1]!; k++) {
    objects.push({
      type: type[k] as ObjectType,
      pt: pt[k]!,
      eta: eta[k]!,
      phi: phi[k]!,
      energy: energy[k]!,
      btag: btag[k]!,
      charge: charge[k]!,
    });
  }
  return objects;
}
