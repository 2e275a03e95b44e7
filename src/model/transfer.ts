/** New models from a pretrained one: same backbone, new output head. */

import * as tf from '@tensorflow/tfjs-core';
import type { HeadConfig } from './config';
import { EventGnn } from './model';
import { createVariables } from './params';

/**
 * Creates a model for a new task: every backbone weight copied from
 * `pretrained`, a freshly initialised head for `head` (seeded). The
 * pretrained model's feature scaling is kept, because the backbone was
 * trained on inputs scaled that way.
 */
export function createFineTuneModel(
  pretrained: EventGnn,
  head: HeadConfig,
  seed: number,
): EventGnn {
  const config = { ...pretrained.config, head };
  const variables = createVariables(config, seed);
  for (const [name, variable] of variables) {
    if (name.startsWith('head/')) continue;
    const source = pretrained.variables.get(name);
    if (source) variable.assign(source);
  }
  return new EventGnn(config, variables, pretrained.scaling);
}

/** Returns a deep copy of a model's weights (for keeping the best epoch). */
export function snapshotWeights(model: EventGnn): Map<string, tf.Tensor> {
  const copy = new Map<string, tf.Tensor>();
  for (const [name, variable] of model.variables) {
    copy.set(name, tf.keep(tf.clone(variable)));
  }
  return copy;
}

/** Writes a snapshot back into the model's weights and frees it. */
export function restoreWeights(
  model: EventGnn,
  snapshot: Map<string, tf.Tensor>,
): void {
  for (const [name, value] of snapshot) {
    model.variables.get(name)?.assign(value);
    value.dispose();
  }
  snapshot.clear();
}

/** Frees a snapshot. */
export function disposeSnapshot(snapshot: Map<string, tf.Tensor>): void {
  for (const value of snapshot.values()) value.dispose();
  snapshot.clear();
}
