/** Public API of training and evaluation. */

export { evaluateModel, type Evaluation } from './evaluate';
export { balancedClassWeights, batchLoss } from './losses';
export { TrainingSession, type SessionOptions } from './session';
export { STRATEGIES, parameterGroups, type Strategy } from './strategy';
export {
  trainModel,
  type CancelSignal,
  type EpochRecord,
  type TrainOptions,
  type TrainProgress,
  type TrainResult,
} from './trainer';
