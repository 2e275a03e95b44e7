/** Architecture settings of the event graph network and its output head. */

import {
  EDGE_FEATURES,
  GLOBAL_FEATURES,
  NODE_FEATURES,
} from '../graph/features';

/** Output head: one K-way softmax, or binary labels plus regressions. */
export type HeadConfig =
  | { kind: 'multiclass'; classNames: string[] }
  | {
      kind: 'multilabel';
      /** Targets trained with binary cross-entropy. */
      binaryNames: string[];
      /** Targets trained with mean squared error on scaled values. */
      regressionNames: string[];
      /**
       * Scaling of every target, binary then regression: the model predicts
       * (truth − mean) / std. Binary targets have mean 0 and std 1.
       */
      targetScaling: { mean: number[]; std: number[] };
    };

/** Sizes of the encode–process–decode edge network. */
export interface ModelConfig {
  /** Width of every MLP layer and latent vector (64 in the published pretrained model). */
  latentSize: number;
  /** Linear layers per MLP (4 in the published pretrained model). */
  mlpLayers: number;
  /** Message-passing steps, each with its own weights (4 in the published pretrained model). */
  steps: number;
  nodeFeatures: number;
  edgeFeatures: number;
  globalFeatures: number;
  head: HeadConfig;
}

/** Returns the published model's sizes (64 wide, 4 layers, 4 steps) with `head`. */
export function defaultModelConfig(head: HeadConfig): ModelConfig {
  return {
    latentSize: 64,
    mlpLayers: 4,
    steps: 4,
    nodeFeatures: NODE_FEATURES,
    edgeFeatures: EDGE_FEATURES,
    globalFeatures: GLOBAL_FEATURES,
    head,
  };
}

/** Returns the number of outputs of a head. */
export function headOutputs(head: HeadConfig): number {
  if (head.kind === 'multiclass') return head.classNames.length;
  return head.binaryNames.length + head.regressionNames.length;
}
