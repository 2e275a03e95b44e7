/**
 * One optimisation state: two Adam optimizers (backbone and head groups)
 * with an epoch-wise learning-rate decay, and the single training step the
 * epoch loop, the pretraining stream and the benchmark all call.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { GraphBatch } from '../graph/batches';
import { disposeBatchTensors, toBatchTensors } from '../model/inputs';
import type { EventGnn } from '../model/model';
import { forward, type Formulation } from '../model/network';
import { FusedAdam } from './adam';
import { batchLoss } from './losses';
import { parameterGroups, type Strategy } from './strategy';
import { disposeLossTargets, lossTargets } from './targets';

/** Settings of a training session. */
export interface SessionOptions {
  strategy: Strategy;
  learningRate: number;
  /** Backbone learning rate ÷ head learning rate (default 0.1). */
  backboneLearningRateFactor?: number;
  /** Learning-rate multiplier per epoch (default 0.99, the published model's schedule). */
  learningRateDecay?: number;
  classWeights?: number[];
  formulation?: Formulation;
}

type Named = Array<{ name: string; tensor: tf.Tensor }>;

/** Optimizers and trainable weights of one training run. */
export class TrainingSession {
  private readonly backbone: FusedAdam;
  private readonly head: FusedAdam;
  private readonly trainable: tf.Variable[];
  private readonly backboneNames: Set<string>;
  private readonly factor: number;

  constructor(
    readonly model: EventGnn,
    readonly options: SessionOptions,
  ) {
    const groups = parameterGroups(model.variables, options.strategy);
    this.factor =
      options.strategy === 'scratch'
        ? 1
        : (options.backboneLearningRateFactor ?? 0.1);
    this.backbone = new FusedAdam(options.learningRate * this.factor);
    this.head = new FusedAdam(options.learningRate);
    this.trainable = [...groups.backbone, ...groups.head];
    this.backboneNames = new Set(groups.backbone.map((v) => v.name));
  }

  /** Sets the learning rates of epoch `epoch` (from 0); returns the head's. */
  setEpoch(epoch: number): number {
    const decay = this.options.learningRateDecay ?? 0.99;
    const rate = this.options.learningRate * decay ** epoch;
    this.head.learningRate = rate;
    this.backbone.learningRate = rate * this.factor;
    return rate;
  }

  /** Runs one step; returns the batch's summed loss (caller disposes). */
  step(batch: GraphBatch): tf.Scalar {
    const inputs = toBatchTensors(batch);
    const targets = lossTargets(batch, this.options.classWeights);
    const { model } = this;
    const formulation = this.options.formulation;
    const { value, grads } = tf.variableGrads(() => {
      const logits = forward(model.variables, model.config, inputs, {
        formulation,
      }).logits;
      return batchLoss(model.config.head, logits, targets);
    }, this.trainable);
    const backbone: Named = [];
    const head: Named = [];
    for (const [name, tensor] of Object.entries(grads)) {
      (this.backboneNames.has(name) ? backbone : head).push({ name, tensor });
    }
    if (backbone.length > 0) this.backbone.applyGradients(backbone);
    if (head.length > 0) this.head.applyGradients(head);
    const summed = tf.mul(value, batch.size) as tf.Scalar;
    tf.dispose([value, ...Object.values(grads)]);
    disposeLossTargets(targets);
    disposeBatchTensors(inputs);
    return summed;
  }

  /** Returns the optimizer moments, for checkpoints. */
  async optimizerState(): Promise<{ backbone: Named; head: Named }> {
    return {
      backbone: await this.backbone.getWeights(),
      head: await this.head.getWeights(),
    };
  }

  /** Restores optimizer moments saved by `optimizerState`. */
  async restoreOptimizerState(state: {
    backbone: Named;
    head: Named;
  }): Promise<void> {
    await this.backbone.setWeights(state.backbone);
    await this.head.setWeights(state.head);
  }

  /** Frees the optimizers' state. */
  dispose(): void {
    this.backbone.dispose();
    this.head.dispose();
  }
}
