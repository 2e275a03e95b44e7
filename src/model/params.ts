/**
 * Named weights of the network. Names are stable: they are the keys of the
 * weights manifest, and fine-tuning copies everything but `head/*`.
 */

import * as tf from '@tensorflow/tfjs-core';
import { createRandom } from '../graph/random';
import { headOutputs, type ModelConfig } from './config';

/** Weight name → shape, in a fixed order. */
export type WeightShapes = Array<[string, number[]]>;

/** Adds the shapes of an MLP (`layers` linear layers, then LayerNorm). */
function mlpShapes(
  shapes: WeightShapes,
  prefix: string,
  inputSize: number,
  config: ModelConfig,
): void {
  const width = config.latentSize;
  for (let i = 0; i < config.mlpLayers; i++) {
    shapes.push([
      `${prefix}/dense${i}/kernel`,
      [i === 0 ? inputSize : width, width],
    ]);
    shapes.push([`${prefix}/dense${i}/bias`, [width]]);
  }
  shapes.push([`${prefix}/norm/gamma`, [width]]);
  shapes.push([`${prefix}/norm/beta`, [width]]);
}

/** Returns the name and shape of every weight of a configuration. */
export function weightShapes(config: ModelConfig): WeightShapes {
  const d = config.latentSize;
  const shapes: WeightShapes = [];
  mlpShapes(shapes, 'encoder/node', config.nodeFeatures, config);
  mlpShapes(shapes, 'encoder/edge', config.edgeFeatures, config);
  mlpShapes(shapes, 'encoder/global', config.globalFeatures, config);
  for (let k = 0; k < config.steps; k++) {
    // Edge input [edge, sender, receiver, global]; node input [node,
    // aggregated incoming edges, global]; global input [global, pooled
    // nodes, pooled edges].
    mlpShapes(shapes, `step${k}/edge`, 4 * d, config);
    mlpShapes(shapes, `step${k}/node`, 3 * d, config);
    mlpShapes(shapes, `step${k}/global`, 3 * d, config);
  }
  mlpShapes(shapes, 'decoder', d, config);
  shapes.push(['head/kernel', [d, headOutputs(config.head)]]);
  shapes.push(['head/bias', [headOutputs(config.head)]]);
  return shapes;
}

/** Returns the total number of weights of a configuration. */
export function parameterCount(config: ModelConfig): number {
  let total = 0;
  for (const [, shape] of weightShapes(config)) {
    total += shape.reduce((a, b) => a * b, 1);
  }
  return total;
}

/** Returns seeded initial values: Glorot-uniform kernels, zero biases. */
export function initialValue(
  name: string,
  shape: number[],
  random: () => number,
): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  if (name.endsWith('/gamma')) values.fill(1);
  if (!name.endsWith('/kernel')) return values;
  const [fanIn = 1, fanOut = 1] = shape;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < size; i++) values[i] = (2 * random() - 1) * limit;
  return values;
}

/** Creates the model's variables with seeded initial values. */
export function createVariables(
  config: ModelConfig,
  seed: number,
): Map<string, tf.Variable> {
  const random = createRandom(seed);
  const variables = new Map<string, tf.Variable>();
  for (const [name, shape] of weightShapes(config)) {
    const value = tf.tensor(initialValue(name, shape, random), shape);
    variables.set(name, tf.variable(value, true, uniqueName(name)));
    value.dispose();
  }
  return variables;
}

let variableCounter = 0;

/** Returns a unique tfjs variable name; tfjs names are global. */
export function uniqueName(name: string): string {
  variableCounter += 1;
  return `eventlens/${variableCounter}/${name}`;
}
