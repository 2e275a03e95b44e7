/** GraphBatch (typed arrays) → the tensors one forward pass consumes. */

import * as tf from '@tensorflow/tfjs-core';
import {
  EDGE_FEATURES,
  GLOBAL_FEATURES,
  NODE_FEATURES,
} from '../graph/features';
import type { GraphBatch } from '../graph/batches';

/** Tensors of one batch. B events, N padded nodes, E = B·N·N edges. */
export interface BatchTensors {
  size: number;
  nodes: number;
  /** `[B·N, NODE_FEATURES]`. */
  nodeFeatures: tf.Tensor2D;
  /** `[E, EDGE_FEATURES]`, receiver-major. */
  edgeFeatures: tf.Tensor2D;
  /** `[B, GLOBAL_FEATURES]`. */
  globalFeatures: tf.Tensor2D;
  /** Node mask divided by the node count, for mean pooling: `[B, N]`. */
  nodePoolWeights: tf.Tensor2D;
  /** Incoming-edge mask divided by its count: `[B·N, N]` (receiver, sender). */
  incomingWeights: tf.Tensor2D;
  /** Edge mask divided by the edge count, for mean pooling: `[B, N·N]`. */
  edgePoolWeights: tf.Tensor2D;
}

/** Divides each row of a 0/1 mask `[rows, columns]` by its sum (≥ 1). */
function normalizeRows(
  mask: Float32Array,
  rows: number,
  columns: number,
): Float32Array {
  const out = new Float32Array(mask.length);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < columns; c++) sum += mask[r * columns + c] ?? 0;
    const scale = 1 / Math.max(1, sum);
    for (let c = 0; c < columns; c++) {
      out[r * columns + c] = (mask[r * columns + c] ?? 0) * scale;
    }
  }
  return out;
}

/**
 * Creates the tensors of a batch. The caller disposes them
 * (`disposeBatchTensors`) or runs inside a tidy.
 */
export function toBatchTensors(batch: GraphBatch): BatchTensors {
  const b = batch.size;
  const n = batch.nodes;
  const edges = b * n * n;
  return {
    size: b,
    nodes: n,
    nodeFeatures: tf.tensor2d(batch.nodeFeatures, [b * n, NODE_FEATURES]),
    edgeFeatures: tf.tensor2d(batch.edgeFeatures, [edges, EDGE_FEATURES]),
    globalFeatures: tf.tensor2d(batch.globalFeatures, [b, GLOBAL_FEATURES]),
    nodePoolWeights: tf.tensor2d(normalizeRows(batch.nodeMask, b, n), [b, n]),
    incomingWeights: tf.tensor2d(normalizeRows(batch.edgeMask, b * n, n), [
      b * n,
      n,
    ]),
    edgePoolWeights: tf.tensor2d(normalizeRows(batch.edgeMask, b, n * n), [
      b,
      n * n,
    ]),
  };
}

/** Disposes every tensor of a batch. */
export function disposeBatchTensors(tensors: BatchTensors): void {
  for (const value of Object.values(tensors)) {
    if (value instanceof tf.Tensor) value.dispose();
  }
}
