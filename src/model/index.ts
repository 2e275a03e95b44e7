/** Public API of the event graph network (graph building, model, weights). */

export {
  buildGraphBatch,
  buildGraphBatches,
  planBatches,
  type BatchOptions,
  type GraphBatch,
  type GraphBatches,
} from '../graph/batches';
export {
  EDGE_FEATURE_NAMES,
  GLOBAL_FEATURE_NAMES,
  NODE_FEATURE_NAMES,
  fitFeatureScaling,
  type FeatureScaling,
} from '../graph/features';
export {
  defaultModelConfig,
  headOutputs,
  type HeadConfig,
  type ModelConfig,
} from './config';
export { EventGnn, createModel } from './model';
export { forward, tapNames, type Formulation } from './network';
export { parameterCount, weightShapes } from './params';
export {
  loadModel,
  readModelCard,
  serializeModel,
  type ModelCard,
  type ModelJson,
} from './serialize';
export { createFineTuneModel } from './transfer';
export { installWasmKernels } from './wasmKernels';
