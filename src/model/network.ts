/**
 * Forward pass of the encode–process–decode edge network.
 *
 * Choices where the paper is silent: each processing step adds its update
 * to the latent it replaces (residual connections), which keeps four
 * LayerNorm-ended steps easy to train from scratch; incoming edges are
 * averaged (not summed) over real senders, and global pooling averages over
 * real nodes and edges, so activations do not grow with the object count;
 * the last linear layer of each MLP has no ReLU, its output goes straight
 * into the LayerNorm.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from './config';
import type { BatchTensors } from './inputs';
import {
  dualAdd,
  dualDense,
  dualLayerNorm,
  denseCol,
  denseWithGradient,
  densePlain,
  type Dual,
} from './ops';

/** The two numerically equivalent formulations (see `ops.ts`). */
export type Formulation = 'efficient' | 'concatenated';

/** Options of one forward pass. */
export interface ForwardOptions {
  formulation?: Formulation;
  /** Build feature-major twins for the efficient backward pass. */
  training?: boolean;
  /** Collect one pooled vector per event at every stage. */
  taps?: boolean;
  /** Collect the L2 norm of every edge's update at every processing step. */
  edgeNorms?: boolean;
}

/** Output of a forward pass. */
export interface ForwardResult {
  /** Head outputs before softmax or sigmoid, `[B, outputs]`. */
  logits: tf.Tensor2D;
  /** Stage name → `[B, latent]`, in network order (empty unless asked). */
  taps: Map<string, tf.Tensor2D>;
  /**
   * One `[B, N, N]` tensor per processing step (empty unless requested): the
   * L2 norm over latent features of the update that the step adds to edge
   * (receiver, sender), 0 on self and padded edges.
   */
  edgeNorms: tf.Tensor3D[];
}

type Variables = ReadonlyMap<string, tf.Variable>;

/** Everything a block needs: weights, sizes and the chosen formulation. */
interface Context {
  variables: Variables;
  config: ModelConfig;
  inputs: BatchTensors;
  efficient: boolean;
  training: boolean;
}

function weight<R extends tf.Rank>(ctx: Context, name: string): tf.Tensor<R> {
  const variable = ctx.variables.get(name);
  if (!variable) throw new Error(`Model has no weight named "${name}".`);
  return variable as unknown as tf.Tensor<R>;
}

/** Runs MLP layers `first`… of `prefix` and its LayerNorm on `x`. */
function mlpFrom(ctx: Context, prefix: string, x: Dual, first: number): Dual {
  let h = x;
  const layers = ctx.config.mlpLayers;
  for (let i = first; i < layers; i++) {
    const w = weight<tf.Rank.R2>(ctx, `${prefix}/dense${i}/kernel`);
    const b = weight<tf.Rank.R1>(ctx, `${prefix}/dense${i}/bias`);
    h = dualDense(h, w, b, i < layers - 1, ctx.efficient);
  }
  const gamma = weight<tf.Rank.R1>(ctx, `${prefix}/norm/gamma`);
  const beta = weight<tf.Rank.R1>(ctx, `${prefix}/norm/beta`);
  return dualLayerNorm(h, gamma, beta, ctx.efficient);
}

/** Wraps an input and, when training efficiently, its transpose. */
function inputDual(
  ctx: Context,
  row: tf.Tensor2D,
  col: tf.Tensor2D | null,
): Dual {
  return { row, col: ctx.efficient && ctx.training ? col : null };
}

/**
 * First edge-update layer, efficient form: a linear layer over
 * [edge, sender, receiver, global] is e·Wₑ + hₛ·Wₛ + hᵣ·Wᵣ + g·W_g + b, so
 * the node and global products are computed once per node or event and
 * broadcast over edges instead of tiling their inputs to every edge.
 */
function edgeFirstEfficient(
  ctx: Context,
  e: Dual,
  h: Dual,
  g: Dual,
  prefix: string,
): Dual {
  const { size: b, nodes: n } = ctx.inputs;
  const d = ctx.config.latentSize;
  const kernel = weight<tf.Rank.R2>(ctx, `${prefix}/dense0/kernel`);
  const bias = weight<tf.Rank.R1>(ctx, `${prefix}/dense0/bias`);
  const [wEdge, wSender, wReceiver, wGlobal] = tf.split(
    kernel,
    4,
    0,
  ) as tf.Tensor2D[];
  const zero = tf.zeros([d]) as tf.Tensor1D;
  const eTerm = denseWithGradient(e.row, e.col, wEdge!, zero, false);
  const rTerm = denseWithGradient(h.row, h.col, wReceiver!, bias, false);
  const sTerm = denseWithGradient(h.row, h.col, wSender!, zero, false);
  const gTerm = denseWithGradient(g.row, g.col, wGlobal!, zero, false);
  // Two broadcasting adds: [B, N, N, d] + [B, N, 1, d], then the sender and
  // global terms, which broadcast among themselves first at [B, 1, N, d].
  const pre = tf.add(
    tf.add(tf.reshape(eTerm, [b, n, n, d]), tf.reshape(rTerm, [b, n, 1, d])),
    tf.add(tf.reshape(sTerm, [b, 1, n, d]), tf.reshape(gTerm, [b, 1, 1, d])),
  );
  const row = tf.reshape(tf.relu(pre), [b * n * n, d]) as tf.Tensor2D;
  if (!e.col || !h.col || !g.col) return { row, col: null };
  const preCol = tf.add(
    tf.add(
      tf.reshape(denseCol(e.col, wEdge!, null, false), [d, b, n, n]),
      tf.reshape(denseCol(h.col, wReceiver!, bias, false), [d, b, n, 1]),
    ),
    tf.add(
      tf.reshape(denseCol(h.col, wSender!, null, false), [d, b, 1, n]),
      tf.reshape(denseCol(g.col, wGlobal!, null, false), [d, b, 1, 1]),
    ),
  );
  return {
    row,
    col: tf.reshape(tf.relu(preCol), [d, b * n * n]) as tf.Tensor2D,
  };
}

/** First edge-update layer, reference form: tile, concatenate, multiply. */
function edgeFirstConcatenated(
  ctx: Context,
  e: Dual,
  h: Dual,
  g: Dual,
  prefix: string,
): Dual {
  const { size: b, nodes: n } = ctx.inputs;
  const d = ctx.config.latentSize;
  const full = [b, n, n, d];
  const input = tf.concat(
    [
      tf.reshape(e.row, full),
      tf.broadcastTo(tf.reshape(h.row, [b, 1, n, d]), full),
      tf.broadcastTo(tf.reshape(h.row, [b, n, 1, d]), full),
      tf.broadcastTo(tf.reshape(g.row, [b, 1, 1, d]), full),
    ],
    3,
  );
  const kernel = weight<tf.Rank.R2>(ctx, `${prefix}/dense0/kernel`);
  const bias = weight<tf.Rank.R1>(ctx, `${prefix}/dense0/bias`);
  const flat = tf.reshape(input, [b * n * n, 4 * d]) as tf.Tensor2D;
  return { row: densePlain(flat, kernel, bias, true), col: null };
}

/** Mean of `x` `[groups·members, d]` over members with `weights` `[groups, members]`. */
function pool(x: Dual, weights: tf.Tensor2D): Dual {
  const [groups, members] = weights.shape;
  const d = x.row.shape[1];
  const rows = tf.reshape(x.row, [groups, members, d]);
  const w = tf.reshape(weights, [groups, members, 1]);
  const row = tf.sum(tf.mul(rows, w), 1) as tf.Tensor2D;
  if (!x.col) return { row, col: null };
  const cols = tf.reshape(x.col, [d, groups, members]);
  const col = tf.sum(
    tf.mul(cols, tf.reshape(weights, [1, groups, members])),
    2,
  );
  return { row, col: col as tf.Tensor2D };
}

/** Repeats each row of `x` `[groups, d]` `times` times → `[groups·times, d]`. */
function repeatRows(x: Dual, times: number): Dual {
  const [groups, d] = x.row.shape;
  // A broadcasting multiply by ones: tf.broadcastTo runs the Tile kernel,
  // which is several times slower on WASM.
  const rowOnes = tf.ones([1, times, 1]);
  const row = tf.reshape(tf.mul(tf.reshape(x.row, [groups, 1, d]), rowOnes), [
    groups * times,
    d,
  ]) as tf.Tensor2D;
  if (!x.col) return { row, col: null };
  const col = tf.reshape(
    tf.mul(tf.reshape(x.col, [d, groups, 1]), tf.ones([1, 1, times])),
    [d, groups * times],
  ) as tf.Tensor2D;
  return { row, col };
}

/** Concatenates Duals along the feature axis. */
function concatFeatures(parts: Dual[]): Dual {
  const row = tf.concat(
    parts.map((p) => p.row),
    1,
  ) as tf.Tensor2D;
  const cols = parts.map((p) => p.col);
  if (cols.some((c) => c === null)) return { row, col: null };
  return { row, col: tf.concat(cols as tf.Tensor2D[], 0) as tf.Tensor2D };
}

/** Latent graph: edges `[E, d]`, nodes `[B·N, d]`, globals `[B, d]`. */
interface Latent {
  edges: Dual;
  nodes: Dual;
  globals: Dual;
}

/** A step's new latent graph and the update it added to the edges. */
interface StepResult {
  latent: Latent;
  /** `[E, d]`, before the residual add. */
  edgeUpdate: tf.Tensor2D;
}

/** One processing step: edge, then node, then global update. */
function processStep(ctx: Context, latent: Latent, step: number): StepResult {
  const { inputs } = ctx;
  const prefix = `step${step}`;
  const first = ctx.efficient ? edgeFirstEfficient : edgeFirstConcatenated;
  const edgeHidden = first(
    ctx,
    latent.edges,
    latent.nodes,
    latent.globals,
    `${prefix}/edge`,
  );
  const edgeUpdate = mlpFrom(ctx, `${prefix}/edge`, edgeHidden, 1);
  const edges = dualAdd(latent.edges, edgeUpdate);
  const incoming = pool(edges, inputs.incomingWeights);
  const nodeInput = concatFeatures([
    latent.nodes,
    incoming,
    repeatRows(latent.globals, inputs.nodes),
  ]);
  const nodes = dualAdd(
    latent.nodes,
    mlpFrom(ctx, `${prefix}/node`, nodeInput, 0),
  );
  const globalInput = concatFeatures([
    latent.globals,
    pool(nodes, inputs.nodePoolWeights),
    pool(edges, inputs.edgePoolWeights),
  ]);
  const globals = dualAdd(
    latent.globals,
    mlpFrom(ctx, `${prefix}/global`, globalInput, 0),
  );
  return { latent: { edges, nodes, globals }, edgeUpdate: edgeUpdate.row };
}

/** Returns the L2 norm of each edge's row of `update`, `[B, N, N]`, masked. */
function edgeNorm(inputs: BatchTensors, update: tf.Tensor2D): tf.Tensor3D {
  const { size: b, nodes: n } = inputs;
  // The pooling weights are the edge mask divided by a positive count, so
  // their sign is the mask itself.
  const mask = tf.sign(inputs.edgePoolWeights);
  const norms = tf.sqrt(tf.sum(tf.square(update), 1));
  return tf.reshape(tf.mul(tf.reshape(norms, [b, n * n]), mask), [
    b,
    n,
    n,
  ]) as tf.Tensor3D;
}

/** Runs the network on one batch. Call inside `tf.tidy` or dispose results. */
export function forward(
  variables: Variables,
  config: ModelConfig,
  inputs: BatchTensors,
  options: ForwardOptions = {},
): ForwardResult {
  const efficient = (options.formulation ?? 'efficient') === 'efficient';
  const ctx: Context = {
    variables,
    config,
    inputs,
    efficient,
    training: options.training ?? false,
  };
  const taps = new Map<string, tf.Tensor2D>();
  const tap = (name: string, x: Dual, weights: tf.Tensor2D | null) => {
    if (!options.taps) return;
    taps.set(
      name,
      weights ? pool({ row: x.row, col: null }, weights).row : x.row,
    );
  };
  let latent: Latent = {
    nodes: mlpFrom(
      ctx,
      'encoder/node',
      inputDual(ctx, inputs.nodeFeatures, inputs.nodeFeaturesT),
      0,
    ),
    edges: mlpFrom(
      ctx,
      'encoder/edge',
      inputDual(ctx, inputs.edgeFeatures, inputs.edgeFeaturesT),
      0,
    ),
    globals: mlpFrom(
      ctx,
      'encoder/global',
      inputDual(ctx, inputs.globalFeatures, inputs.globalFeaturesT),
      0,
    ),
  };
  tap('encoder/node', latent.nodes, inputs.nodePoolWeights);
  tap('encoder/edge', latent.edges, inputs.edgePoolWeights);
  tap('encoder/global', latent.globals, null);
  const edgeNorms: tf.Tensor3D[] = [];
  for (let step = 0; step < config.steps; step++) {
    const result = processStep(ctx, latent, step);
    latent = result.latent;
    if (options.edgeNorms) edgeNorms.push(edgeNorm(inputs, result.edgeUpdate));
    tap(`step${step}/edge`, latent.edges, inputs.edgePoolWeights);
    tap(`step${step}/node`, latent.nodes, inputs.nodePoolWeights);
    tap(`step${step}/global`, latent.globals, null);
  }
  const decoded = mlpFrom(ctx, 'decoder', latent.globals, 0);
  tap('decoder', decoded, null);
  const head = dualDense(
    decoded,
    weight<tf.Rank.R2>(ctx, 'head/kernel'),
    weight<tf.Rank.R1>(ctx, 'head/bias'),
    false,
    efficient,
  );
  return { logits: head.row, taps, edgeNorms };
}

/** Returns the tap names of a configuration, in network order. */
export function tapNames(config: ModelConfig): string[] {
  const names = ['encoder/node', 'encoder/edge', 'encoder/global'];
  for (let step = 0; step < config.steps; step++) {
    names.push(`step${step}/edge`, `step${step}/node`, `step${step}/global`);
  }
  names.push('decoder');
  return names;
}
