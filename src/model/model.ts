/** The event graph network: weights, feature scaling and forward passes. */

import * as tf from '@tensorflow/tfjs-core';
import type { FeatureScaling } from '../graph/features';
import type { GraphBatch } from '../graph/batches';
import type { ModelConfig } from './config';
import { disposeBatchTensors, toBatchTensors } from './inputs';
import { forward, tapNames, type Formulation } from './network';
import { createVariables, parameterCount } from './params';

/** A model: its configuration, named weights and input scaling. */
export class EventGnn {
  constructor(
    readonly config: ModelConfig,
    readonly variables: Map<string, tf.Variable>,
    readonly scaling: FeatureScaling,
  ) {}

  /** Number of weights (≈ 0.37 M for the paper's sizes and 12 classes). */
  get parameterCount(): number {
    return parameterCount(this.config);
  }

  /**
   * Returns the head outputs of a batch as logits `[B, outputs]`: softmax
   * gives class probabilities (multiclass), sigmoid the binary labels and
   * the rest are scaled regressions (multilabel).
   */
  predict(
    batch: GraphBatch,
    formulation: Formulation = 'efficient',
  ): tf.Tensor2D {
    return tf.tidy(() => {
      const inputs = toBatchTensors(batch);
      return forward(this.variables, this.config, inputs, { formulation })
        .logits;
    });
  }

  /** Returns class probabilities `[B, K]` of a multiclass model. */
  predictProbabilities(batch: GraphBatch): tf.Tensor2D {
    return tf.tidy(() => tf.softmax(this.predict(batch)));
  }

  /**
   * Returns one vector per event at every stage, `[B, latent]` each, in
   * network order: global vectors as they are, node and edge vectors
   * averaged over real entries. The caller disposes the tensors.
   */
  taps(batch: GraphBatch): Map<string, tf.Tensor2D> {
    const inputs = toBatchTensors(batch);
    const result = tf.tidy(() => {
      const { taps } = forward(this.variables, this.config, inputs, {
        taps: true,
      });
      return Object.fromEntries(taps);
    });
    disposeBatchTensors(inputs);
    return new Map(Object.entries(result));
  }

  /**
   * Returns, per processing step, the L2 norm of the update the step adds
   * to each edge, `[B, N, N]` indexed (event, receiver, sender), 0 on self
   * and padded edges. The caller disposes the tensors.
   */
  edgeUpdateNorms(batch: GraphBatch): tf.Tensor3D[] {
    const inputs = toBatchTensors(batch);
    const norms = tf.tidy(
      () =>
        forward(this.variables, this.config, inputs, { edgeNorms: true })
          .edgeNorms,
    );
    disposeBatchTensors(inputs);
    return norms;
  }

  /** Returns the tap names, in network order. */
  get tapNames(): string[] {
    return tapNames(this.config);
  }

  /** Releases the weights. */
  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
  }
}

/** Creates a model with seeded initial weights. */
export function createModel(
  config: ModelConfig,
  scaling: FeatureScaling,
  seed: number,
): EventGnn {
  return new EventGnn(config, createVariables(config, seed), scaling);
}
