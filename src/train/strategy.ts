/**
 * Fine-tuning strategies and the parameter groups they train. The backbone
 * is every weight except the output head (`head/*`).
 */

import type * as tf from '@tensorflow/tfjs-core';

/**
 * `full`: every weight, backbone at a reduced learning rate (the paper's
 * default); `frozen-encoders`: all but the three encoders;
 * `head-only`: only the new output layer; `scratch`: every weight at the
 * full learning rate, for a freshly initialised model.
 */
export type Strategy = 'full' | 'frozen-encoders' | 'head-only' | 'scratch';

/** All strategies, in the order the page lists them. */
export const STRATEGIES: readonly Strategy[] = [
  'full',
  'frozen-encoders',
  'head-only',
  'scratch',
];

/** Trainable weights split by learning rate. */
export interface ParameterGroups {
  /** Trained at learningRate × backboneLearningRateFactor. */
  backbone: tf.Variable[];
  /** Trained at the full learning rate. */
  head: tf.Variable[];
}

/** Returns whether a weight name belongs to the output head. */
export function isHeadWeight(name: string): boolean {
  return name.startsWith('head/');
}

/** Splits a model's weights into the groups a strategy trains. */
export function parameterGroups(
  variables: ReadonlyMap<string, tf.Variable>,
  strategy: Strategy,
): ParameterGroups {
  const groups: ParameterGroups = { backbone: [], head: [] };
  for (const [name, variable] of variables) {
    if (isHeadWeight(name)) {
      groups.head.push(variable);
    } else if (strategy === 'scratch') {
      groups.head.push(variable);
    } else if (strategy === 'full') {
      groups.backbone.push(variable);
    } else if (strategy === 'frozen-encoders' && !name.startsWith('encoder/')) {
      groups.backbone.push(variable);
    }
  }
  return groups;
}
