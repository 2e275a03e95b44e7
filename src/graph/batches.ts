/**
 * EventSet → padded dense graph batches. Every event is a fully connected
 * graph of its leading objects. Batches group events of similar node count
 * so that padding stays small, and masks mark the real nodes and edges.
 *
 * Layout: nodes `[batch, nodes, features]`; edges receiver-major
 * `[batch, receiver, sender, features]`, so edge (r, s) carries the message
 * from node s to node r. Self edges (r = s) exist in the dense layout but
 * are masked out.
 */

import { eventCount, type EventSet } from '../events/eventSet';
import {
  EDGE_FEATURES,
  GLOBAL_FEATURES,
  NODE_FEATURES,
  rawEdgeFeatures,
  selectNodes,
  writeRawNodeFeatures,
  type FeatureScaling,
} from './features';
import { createRandom, shuffleInPlace } from './random';

/** One padded batch of event graphs, as flat typed arrays. */
export interface GraphBatch {
  /** Events in the batch. */
  size: number;
  /** Padded node count N of every graph in the batch. */
  nodes: number;
  /** Scaled node features, `[size, nodes, NODE_FEATURES]`. */
  nodeFeatures: Float32Array;
  /** Scaled edge features, `[size, nodes, nodes, EDGE_FEATURES]`. */
  edgeFeatures: Float32Array;
  /** Scaled global features, `[size, GLOBAL_FEATURES]`. */
  globalFeatures: Float32Array;
  /** 1 for a real node, 0 for padding, `[size, nodes]`. */
  nodeMask: Float32Array;
  /** 1 for a real edge between distinct real nodes, `[size, nodes, nodes]`. */
  edgeMask: Float32Array;
  /** Real node count per event, `[size]`. */
  nodeCounts: Int32Array;
  /** Class label per event (−1 when unlabelled), `[size]`. */
  labels: Int32Array;
  /** Event weight, `[size]`. */
  weights: Float32Array;
  /** Index of each event in the source EventSet, `[size]`. */
  eventIndices: Int32Array;
  /** Scaled multilabel targets `[size, columns]`, when requested. */
  targets?: Float32Array;
}

/** Truth columns to read as multilabel targets, and their scaling. */
export interface TargetColumns {
  names: string[];
  mean: number[];
  std: number[];
}

/** Options of `buildGraphBatches`. */
export interface BatchOptions {
  /** Events per batch. */
  batchSize: number;
  /** Events of the set to use (default: all), in this order unless shuffled. */
  indices?: readonly number[];
  /** Shuffle seed; events and batch order are shuffled when given. */
  shuffleSeed?: number;
  /** Truth columns to attach as multilabel targets. */
  targets?: TargetColumns;
}

/** Batches plus what the page should report about them. */
export interface GraphBatches {
  batches: GraphBatch[];
  /** Events that had more objects than `maxNodes` and were cut. */
  truncatedEvents: number;
  /** Real nodes divided by padded node slots, in (0, 1]. */
  paddingEfficiency: number;
}

/** Allocates an all-zero batch of `size` events and `nodes` padded nodes. */
function allocateBatch(size: number, nodes: number): GraphBatch {
  const edges = size * nodes * nodes;
  return {
    size,
    nodes,
    nodeFeatures: new Float32Array(size * nodes * NODE_FEATURES),
    edgeFeatures: new Float32Array(edges * EDGE_FEATURES),
    globalFeatures: new Float32Array(size * GLOBAL_FEATURES),
    nodeMask: new Float32Array(size * nodes),
    edgeMask: new Float32Array(edges),
    nodeCounts: new Int32Array(size),
    labels: new Int32Array(size),
    weights: new Float32Array(size),
    eventIndices: new Int32Array(size),
  };
}

/** Fills the node rows of event slot `b` and returns its node count. */
function fillNodes(
  set: EventSet,
  event: number,
  nodes: readonly number[],
  scaling: FeatureScaling,
  batch: GraphBatch,
  b: number,
): void {
  const n = batch.nodes;
  const base = b * n * NODE_FEATURES;
  writeRawNodeFeatures(set, nodes, batch.nodeFeatures, base);
  const { mean, std } = scaling.node;
  for (let k = 0; k < nodes.length; k++) {
    const row = b * n + k;
    batch.nodeMask[row] = 1;
    for (let f = 0; f < NODE_FEATURES; f++) {
      const at = base + k * NODE_FEATURES + f;
      const raw = batch.nodeFeatures[at] ?? 0;
      const scaled = (raw - (mean[f] ?? 0)) / (std[f] ?? 1);
      batch.nodeFeatures[at] = scaled;
    }
  }
  batch.nodeCounts[b] = nodes.length;
  batch.labels[b] = set.events.label[event] ?? -1;
  batch.weights[b] = set.events.weight[event] ?? 1;
  batch.eventIndices[b] = event;
}

/** Fills the edge rows (and edge mask) of event slot `b`. */
function fillEdges(
  set: EventSet,
  nodes: readonly number[],
  scaling: FeatureScaling,
  batch: GraphBatch,
  b: number,
): void {
  const n = batch.nodes;
  const { mean, std } = scaling.edge;
  for (let r = 0; r < nodes.length; r++) {
    for (let s = 0; s < nodes.length; s++) {
      if (r === s) continue;
      const row = (b * n + r) * n + s;
      const raw = rawEdgeFeatures(set, nodes[s] ?? 0, nodes[r] ?? 0);
      batch.edgeMask[row] = 1;
      for (let f = 0; f < EDGE_FEATURES; f++) {
        const scaled = ((raw[f] ?? 0) - (mean[f] ?? 0)) / (std[f] ?? 1);
        batch.edgeFeatures[row * EDGE_FEATURES + f] = scaled;
      }
    }
  }
  const count =
    (nodes.length - (scaling.global.mean[0] ?? 0)) /
    (scaling.global.std[0] ?? 1);
  batch.globalFeatures[b] = count;
}

/** Builds one batch from the given events (all fit in `nodes` slots). */
export function buildGraphBatch(
  set: EventSet,
  scaling: FeatureScaling,
  events: readonly number[],
  targets?: TargetColumns,
): GraphBatch {
  const selected = events.map((e) => selectNodes(set, e, scaling.maxNodes));
  const nodes = Math.max(1, ...selected.map((s) => s.length));
  const batch = allocateBatch(events.length, nodes);
  for (let b = 0; b < events.length; b++) {
    const chosen = selected[b] ?? [];
    fillNodes(set, events[b] ?? 0, chosen, scaling, batch, b);
    fillEdges(set, chosen, scaling, batch, b);
  }
  if (targets) batch.targets = readTargets(set, events, targets);
  return batch;
}

/** Returns scaled truth values `[events, columns]`; throws if one is absent. */
function readTargets(
  set: EventSet,
  events: readonly number[],
  targets: TargetColumns,
): Float32Array {
  const columns = targets.names.length;
  const out = new Float32Array(events.length * columns);
  targets.names.forEach((name, c) => {
    const column = set.truth?.[name];
    if (!column) {
      throw new Error(
        `Event set "${set.name}" has no truth column "${name}"; ` +
          `available: ${Object.keys(set.truth ?? {}).join(', ') || 'none'}.`,
      );
    }
    const mean = targets.mean[c] ?? 0;
    const std = targets.std[c] ?? 1;
    events.forEach((e, b) => {
      out[b * columns + c] = ((column[e] ?? 0) - mean) / std;
    });
  });
  return out;
}

/** Returns the object count of each event, before truncation. */
function objectCounts(set: EventSet): Int32Array {
  const counts = new Int32Array(eventCount(set));
  for (let e = 0; e < counts.length; e++) {
    counts[e] = (set.offsets[e + 1] ?? 0) - (set.offsets[e] ?? 0);
  }
  return counts;
}

/**
 * Splits events into batches of similar node count: events are (optionally
 * shuffled, then) sorted by node count, cut into runs of `batchSize`, and
 * the batch order is shuffled again, so padding stays small while each
 * epoch gets a different order.
 */
export function planBatches(
  set: EventSet,
  maxNodes: number,
  options: BatchOptions,
): number[][] {
  const counts = objectCounts(set);
  const order = options.indices
    ? [...options.indices]
    : Array.from(counts, (_, i) => i);
  const random =
    options.shuffleSeed === undefined
      ? null
      : createRandom(options.shuffleSeed);
  if (random) shuffleInPlace(order, random);
  const nodeCount = (e: number) => Math.min(maxNodes, counts[e] ?? 0);
  // Array.prototype.sort is stable, so equal counts keep the shuffled order.
  order.sort((a, b) => nodeCount(a) - nodeCount(b));
  const plan: number[][] = [];
  for (let i = 0; i < order.length; i += options.batchSize) {
    plan.push(order.slice(i, i + options.batchSize));
  }
  if (random) shuffleInPlace(plan, random);
  return plan;
}

/** Builds padded, masked graph batches from an EventSet. */
export function buildGraphBatches(
  set: EventSet,
  scaling: FeatureScaling,
  options: BatchOptions,
): GraphBatches {
  if (!(options.batchSize >= 1)) {
    throw new RangeError(`batchSize must be ≥ 1, got ${options.batchSize}`);
  }
  const plan = planBatches(set, scaling.maxNodes, options);
  const batches = plan.map((events) =>
    buildGraphBatch(set, scaling, events, options.targets),
  );
  const counts = objectCounts(set);
  let truncatedEvents = 0;
  let realNodes = 0;
  let slots = 0;
  for (const batch of batches) {
    for (let b = 0; b < batch.size; b++) {
      const event = batch.eventIndices[b] ?? 0;
      if ((counts[event] ?? 0) > scaling.maxNodes) truncatedEvents++;
      realNodes += batch.nodeCounts[b] ?? 0;
    }
    slots += batch.size * batch.nodes;
  }
  const paddingEfficiency = slots > 0 ? realNodes / slots : 1;
  return { batches, truncatedEvents, paddingEfficiency };
}
