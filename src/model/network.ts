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
  dense,
  denseWithGradient,
  densePlain,
  layerNorm,
  poolRows,
} from './ops';

/** The two numerically equivalent formulations (see `ops.ts`). */
export type Formulation = 'efficient' | 'concatenated';

/** Options of one forward pass. */
export interface ForwardOptions {
  formulation?: Formulation;
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
}

function weight<R extends tf.Rank>(ctx: Context, name: string): tf.Tensor<R> {
  const variable = ctx.variables.get(name);
  if (!variable) throw new Error(`Model has no weight named "${name}".`);
  return variable as unknown as tf.Tensor<R>;
}

/**
 * Runs MLP layers `first`… of `prefix` and its LayerNorm on `x`. Each
 * hidden activation is freed once the next layer has read it. The backward
 * pass keeps its own references, and in inference the WASM allocator then
 * reuses memory that is still in cache: a 12-object batch ran about 1.6×
 * faster (`npm run profile:model -- --mode infer`, Node WASM).
 */
function mlpFrom(
  ctx: Context,
  prefix: string,
  x: tf.Tensor2D,
  first: number,
): tf.Tensor2D {
  let h = x;
  const layers = ctx.config.mlpLayers;
  for (let i = first; i < layers; i++) {
    const w = weight<tf.Rank.R2>(ctx, `${prefix}/dense${i}/kernel`);
    const b = weight<tf.Rank.R1>(ctx, `${prefix}/dense${i}/bias`);
    const next = dense(h, w, b, i < layers - 1, ctx.efficient);
    if (h !== x) h.dispose();
    h = next;
  }
  const gamma = weight<tf.Rank.R1>(ctx, `${prefix}/norm/gamma`);
  const beta = weight<tf.Rank.R1>(ctx, `${prefix}/norm/beta`);
  const out = layerNorm(h, gamma, beta, ctx.efficient);
  if (h !== x) h.dispose();
  return out;
}

/**
 * First edge-update layer, efficient form: a linear layer over
 * [edge, sender, receiver, global] is e·Wₑ + hₛ·Wₛ + hᵣ·Wᵣ + g·W_g + b, so
 * the node and global products are computed once per node or event and
 * broadcast over edges instead of tiling their inputs to every edge.
 */
function edgeFirstEfficient(
  ctx: Context,
  e: tf.Tensor2D,
  h: tf.Tensor2D,
  g: tf.Tensor2D,
  prefix: string,
): tf.Tensor2D {
  const { size: b, nodes: n } = ctx.inputs;
  const d = ctx.config.latentSize;
  const kernel = weight<tf.Rank.R2>(ctx, `${prefix}/dense0/kernel`);
  const bias = weight<tf.Rank.R1>(ctx, `${prefix}/dense0/bias`);
  const [wEdge, wSender, wReceiver, wGlobal] = tf.split(
    kernel,
    4,
    0,
  ) as tf.Tensor2D[];
  return tf.tidy(() => {
    const zero = tf.zeros([d]) as tf.Tensor1D;
    const eTerm = denseWithGradient(e, wEdge!, zero, false);
    const rTerm = denseWithGradient(h, wReceiver!, bias, false);
    const sTerm = denseWithGradient(h, wSender!, zero, false);
    const gTerm = denseWithGradient(g, wGlobal!, zero, false);
    // Two broadcasting adds: [B, N, N, d] + [B, N, 1, d], then the sender
    // and global terms, which broadcast among themselves at [B, 1, N, d].
    const pre = tf.add(
      tf.add(tf.reshape(eTerm, [b, n, n, d]), tf.reshape(rTerm, [b, n, 1, d])),
      tf.add(tf.reshape(sTerm, [b, 1, n, d]), tf.reshape(gTerm, [b, 1, 1, d])),
    );
    return tf.reshape(tf.relu(pre), [b * n * n, d]) as tf.Tensor2D;
  });
}

/** First edge-update layer, reference form: tile, concatenate, multiply. */
function edgeFirstConcatenated(
  ctx: Context,
  e: tf.Tensor2D,
  h: tf.Tensor2D,
  g: tf.Tensor2D,
  prefix: string,
): tf.Tensor2D {
  const { size: b, nodes: n } = ctx.inputs;
  const d = ctx.config.latentSize;
  const full = [b, n, n, d];
  const input = tf.concat(
    [
      tf.reshape(e, full),
      tf.broadcastTo(tf.reshape(h, [b, 1, n, d]), full),
      tf.broadcastTo(tf.reshape(h, [b, n, 1, d]), full),
      tf.broadcastTo(tf.reshape(g, [b, 1, 1, d]), full),
    ],
    3,
  );
  const kernel = weight<tf.Rank.R2>(ctx, `${prefix}/dense0/kernel`);
  const bias = weight<tf.Rank.R1>(ctx, `${prefix}/dense0/bias`);
  const flat = tf.reshape(input, [b * n * n, 4 * d]) as tf.Tensor2D;
  return densePlain(flat, kernel, bias, true);
}

/**
 * Returns the mean of `x` `[groups·members, d]` over members with
 * `weights` `[groups, members]`, as a fused kernel in the efficient form.
 */
function pool(ctx: Context, x: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor2D {
  if (ctx.efficient) return poolRows(x, weights);
  const [groups, members] = weights.shape;
  const d = x.shape[1];
  const rows = tf.reshape(x, [groups, members, d]);
  const w = tf.reshape(weights, [groups, members, 1]);
  return tf.tidy(() => tf.sum(tf.mul(rows, w), 1)) as tf.Tensor2D;
}

/** Repeats each row of `x` `[groups, d]` `times` times → `[groups·times, d]`. */
function repeatRows(x: tf.Tensor2D, times: number): tf.Tensor2D {
  const [groups, d] = x.shape;
  // A broadcasting multiply by ones: tf.broadcastTo runs the Tile kernel,
  // which is several times slower on WASM.
  const ones = tf.ones([1, times, 1]);
  return tf.reshape(tf.mul(tf.reshape(x, [groups, 1, d]), ones), [
    groups * times,
    d,
  ]) as tf.Tensor2D;
}

/** Latent graph: edges `[E, d]`, nodes `[B·N, d]`, globals `[B, d]`. */
interface Latent {
  edges: tf.Tensor2D;
  nodes: tf.Tensor2D;
  globals: tf.Tensor2D;
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
  edgeHidden.dispose();
  const edges = tf.add(latent.edges, edgeUpdate) as tf.Tensor2D;
  const incoming = pool(ctx, edges, inputs.incomingWeights);
  const nodeInput = tf.concat(
    [latent.nodes, incoming, repeatRows(latent.globals, inputs.nodes)],
    1,
  );
  const nodes = tf.add(
    latent.nodes,
    mlpFrom(ctx, `${prefix}/node`, nodeInput, 0),
  ) as tf.Tensor2D;
  const globalInput = tf.concat(
    [
      latent.globals,
      pool(ctx, nodes, inputs.nodePoolWeights),
      pool(ctx, edges, inputs.edgePoolWeights),
    ],
    1,
  );
  const globals = tf.add(
    latent.globals,
    mlpFrom(ctx, `${prefix}/global`, globalInput, 0),
  ) as tf.Tensor2D;
  return { latent: { edges, nodes, globals }, edgeUpdate };
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
  const ctx: Context = { variables, config, inputs, efficient };
  const taps = new Map<string, tf.Tensor2D>();
  const tap = (name: string, x: tf.Tensor2D, weights: tf.Tensor2D | null) => {
    if (options.taps) taps.set(name, weights ? pool(ctx, x, weights) : x);
  };
  let latent: Latent = {
    nodes: mlpFrom(ctx, 'encoder/node', inputs.nodeFeatures, 0),
    edges: mlpFrom(ctx, 'encoder/edge', inputs.edgeFeatures, 0),
    globals: mlpFrom(ctx, 'encoder/global', inputs.globalFeatures, 0),
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
  const logits = dense(
    decoded,
    weight<tf.Rank.R2>(ctx, 'head/kernel'),
    weight<tf.Rank.R1>(ctx, 'head/bias'),
    false,
    efficient,
  );
  return { logits, taps, edgeNorms };
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
