/**
 * Per-object, per-pair and per-event features of an event graph, and the
 * affine scaling fitted on training data that brings them to unit scale.
 *
 * Node features (`NODE_FEATURE_NAMES`): log pT, η, φ relative to the
 * leading object, log E, b-tag, charge and a one-hot object type. Edge
 * features: Δη, Δφ, ΔR between sender and receiver. Global feature: the
 * number of nodes.
 *
 * Symmetry choice: φ enters only as a difference (node φ relative to the
 * highest-pT object, edge Δφ), so the features, and hence the model output,
 * do not change under a global rotation in φ. This holds by construction,
 * with no augmentation, up to float rounding of the wrapped differences.
 */

import {
  OBJECT_TYPE_COUNT,
  eventCount,
  type EventSet,
} from '../events/eventSet';
import { wrapPhi } from '../physics/kinematics';

/** Names of the node feature columns, in tensor order. */
export const NODE_FEATURE_NAMES: readonly string[] = [
  'log_pt',
  'eta',
  'phi_rel_leading',
  'log_energy',
  'btag',
  'charge',
  'is_jet',
  'is_electron',
  'is_muon',
  'is_photon',
  'is_met',
];

/** Names of the edge feature columns, in tensor order. */
export const EDGE_FEATURE_NAMES: readonly string[] = [
  'delta_eta',
  'delta_phi',
  'delta_r',
];

/** Names of the global feature columns, in tensor order. */
export const GLOBAL_FEATURE_NAMES: readonly string[] = ['node_count'];

export const NODE_FEATURES = NODE_FEATURE_NAMES.length;
export const EDGE_FEATURES = EDGE_FEATURE_NAMES.length;
export const GLOBAL_FEATURES = GLOBAL_FEATURE_NAMES.length;

/** Continuous node columns that get a fitted scaling; the rest pass as is. */
const SCALED_NODE_COLUMNS = [0, 1, 2, 3];

/** Offset and scale per column: scaled = (raw − mean) / std. */
export interface ColumnScaling {
  mean: number[];
  std: number[];
}

/** Feature scaling fitted on training data and stored with the weights. */
export interface FeatureScaling {
  /** Maximum nodes per event; events with more keep the leading by pT. */
  maxNodes: number;
  node: ColumnScaling;
  edge: ColumnScaling;
  global: ColumnScaling;
}

/** Smallest standard deviation used, so a constant column scales to 0. */
const MIN_STD = 1e-3;

/** Returns log(x + 1), which stays finite for pT = 0 (GeV in, unitless out). */
export function logMomentum(value: number): number {
  return Math.log1p(Math.max(0, value));
}

/**
 * Returns the object indices of event `event` that enter its graph: the
 * `maxNodes` highest-pT objects, in descending pT order.
 */
export function selectNodes(
  set: EventSet,
  event: number,
  maxNodes: number,
): number[] {
  const start = set.offsets[event] ?? 0;
  const end = set.offsets[event + 1] ?? start;
  const indices: number[] = [];
  for (let i = start; i < end; i++) indices.push(i);
  const pt = set.objects.pt;
  // Ties are broken by position so that the order is deterministic.
  indices.sort((a, b) => (pt[b] ?? 0) - (pt[a] ?? 0) || a - b);
  return indices.length > maxNodes ? indices.slice(0, maxNodes) : indices;
}

/**
 * Writes the raw (unscaled) node features of the selected objects into
 * `out` starting at `offset`, `NODE_FEATURES` values per node.
 */
export function writeRawNodeFeatures(
  set: EventSet,
  nodes: readonly number[],
  out: Float32Array,
  offset: number,
): void {
  const { type, pt, eta, phi, energy, btag, charge } = set.objects;
  const leadingPhi = nodes.length > 0 ? (phi[nodes[0] ?? 0] ?? 0) : 0;
  for (let k = 0; k < nodes.length; k++) {
    const i = nodes[k] ?? 0;
    const base = offset + k * NODE_FEATURES;
    out[base] = logMomentum(pt[i] ?? 0);
    out[base + 1] = eta[i] ?? 0;
    out[base + 2] = wrapPhi((phi[i] ?? 0) - leadingPhi);
    out[base + 3] = logMomentum(energy[i] ?? 0);
    out[base + 4] = btag[i] ?? 0;
    out[base + 5] = charge[i] ?? 0;
    for (let t = 0; t < OBJECT_TYPE_COUNT; t++) out[base + 6 + t] = 0;
    const objectType = type[i] ?? 0;
    if (objectType < OBJECT_TYPE_COUNT) out[base + 6 + objectType] = 1;
  }
}

/** Returns the raw edge features (Δη, Δφ, ΔR) from sender `s` to `r`. */
export function rawEdgeFeatures(
  set: EventSet,
  sender: number,
  receiver: number,
): [number, number, number] {
  const { eta, phi } = set.objects;
  const dEta = (eta[sender] ?? 0) - (eta[receiver] ?? 0);
  const dPhi = wrapPhi((phi[sender] ?? 0) - (phi[receiver] ?? 0));
  return [dEta, dPhi, Math.sqrt(dEta * dEta + dPhi * dPhi)];
}

/** Running sums for a mean and standard deviation per column. */
class Moments {
  readonly sum: Float64Array;
  readonly sumSquares: Float64Array;
  count = 0;

  constructor(columns: number) {
    this.sum = new Float64Array(columns);
    this.sumSquares = new Float64Array(columns);
  }

  add(values: ArrayLike<number>, offset: number): void {
    for (let c = 0; c < this.sum.length; c++) {
      const v = values[offset + c] ?? 0;
      this.sum[c] = (this.sum[c] ?? 0) + v;
      this.sumSquares[c] = (this.sumSquares[c] ?? 0) + v * v;
    }
    this.count++;
  }

  toScaling(scaledColumns: readonly number[]): ColumnScaling {
    const columns = this.sum.length;
    const mean = new Array<number>(columns).fill(0);
    const std = new Array<number>(columns).fill(1);
    for (const c of scaledColumns) {
      if (this.count === 0) continue;
      const m = (this.sum[c] ?? 0) / this.count;
      const variance = (this.sumSquares[c] ?? 0) / this.count - m * m;
      mean[c] = m;
      std[c] = Math.max(MIN_STD, Math.sqrt(Math.max(0, variance)));
    }
    return { mean, std };
  }
}

/**
 * Fits the feature scaling on (a sample of) a training set. At most
 * `maxEvents` events are read, evenly spaced, so fitting stays fast.
 */
export function fitFeatureScaling(
  set: EventSet,
  maxNodes = 24,
  maxEvents = 20_000,
): FeatureScaling {
  const events = eventCount(set);
  const stride = Math.max(1, Math.floor(events / maxEvents));
  const node = new Moments(NODE_FEATURES);
  const edge = new Moments(EDGE_FEATURES);
  const global = new Moments(GLOBAL_FEATURES);
  const buffer = new Float32Array(maxNodes * NODE_FEATURES);
  for (let e = 0; e < events; e += stride) {
    const nodes = selectNodes(set, e, maxNodes);
    writeRawNodeFeatures(set, nodes, buffer, 0);
    for (let k = 0; k < nodes.length; k++) node.add(buffer, k * NODE_FEATURES);
    for (const r of nodes) {
      for (const s of nodes) {
        if (r !== s) edge.add(rawEdgeFeatures(set, s, r), 0);
      }
    }
    global.add([nodes.length], 0);
  }
  return {
    maxNodes,
    node: node.toScaling(SCALED_NODE_COLUMNS),
    edge: edge.toScaling([0, 1, 2]),
    global: global.toScaling([0]),
  };
}
