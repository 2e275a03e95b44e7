/**
 * Settings of the pretrained-versus-scratch experiment and the defaults
 * that one click runs. Free of TensorFlow.js, so the page can import it.
 */

import type { Strategy } from './strategy';

/** Settings of an experiment; `DEFAULT_SETTINGS` is what one click runs. */
export interface ExperimentSettings {
  /** Training events per class; null takes every event left. */
  perClass: number | null;
  /** Share of each class held out for validation, in (0, 1). */
  validationFraction: number;
  /** Share of each class held out for the test, in (0, 1). */
  testFraction: number;
  /** Fine-tuning strategy of the pretrained run (scratch trains every weight). */
  strategy: Exclude<Strategy, 'scratch'>;
  epochs: number;
  batchSize: number;
  /** Head learning rate, and the scratch run's learning rate. */
  learningRate: number;
  /** Backbone learning rate ÷ head learning rate for the pretrained run. */
  backboneLearningRateFactor: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  seed: number;
  /** Bootstrap resamples of the test events. */
  bootstrapResamples: number;
}

/** Training sizes per class the page offers (null: all). */
export const TRAINING_SIZES: readonly (number | null)[] = [
  10,
  30,
  100,
  300,
  1000,
  null,
];

/** Strategies of the pretrained run, default first. */
export const FINE_TUNE_STRATEGIES: readonly ExperimentSettings['strategy'][] = [
  'full',
  'frozen-encoders',
  'head-only',
];

/** Defaults: full fine-tune with a 10× smaller backbone learning rate. */
export const DEFAULT_SETTINGS: ExperimentSettings = {
  perClass: 100,
  validationFraction: 0.1,
  testFraction: 0.2,
  strategy: 'full',
  epochs: 20,
  batchSize: 32,
  learningRate: 1e-3,
  backboneLearningRateFactor: 0.1,
  patience: 5,
  seed: 1,
  bootstrapResamples: 1000,
};
