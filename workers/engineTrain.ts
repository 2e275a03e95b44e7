/**
 * Training in the engine worker for the Fine-tune page. It runs the
 * shared pretrained-versus-scratch experiment on the chosen backend and
 * sends progress through a comlink callback. Cancelling sets a flag that
 * the trainer checks between batches. Trained models join the model
 * registry with their cards. The Models page's layer list is here too.
 */
import '../src/model/registerGradients';
import * as tf from '@tensorflow/tfjs-core';
import { EventLensError, settle } from '../src/core/errors';
import { createLogger } from '../src/core/log';
import type { EventGnn, ModelCard } from '../src/model';
import { weightShapes } from '../src/model/params';
import { runExperiment, type ExperimentResult } from '../src/train/experiment';
import type { RunName } from '../src/train/experimentSummary';
import { getModel, registerModel } from './engineModels';
import type {
  LayerInfo,
  ModelInfo,
  TrainApi,
  TrainingOutcome,
  TrainingRequest,
} from './protocol';
import packageJson from '../package.json';

const log = createLogger('engine');

/** Milliseconds between batch progress events (epoch ends always go). */
const PROGRESS_INTERVAL_MS = 250;

/** The running experiment's cancel flag; null while idle. */
let running: { aborted: boolean } | null = null;

function runLabel(run: RunName, result: ExperimentResult): string {
  const size = result.settings.perClass ?? 'all';
  const what = run === 'pretrained' ? 'fine-tuned' : 'from scratch';
  return `${result.classNames.join(' vs ')}, ${what}, ${size}/class`;
}

/** Builds the model card of one trained run. */
function runCard(
  model: EventGnn,
  run: RunName,
  result: ExperimentResult,
  parent: ModelCard,
  backend: string,
): ModelCard {
  const summary = result[run];
  const test = summary.test;
  return {
    name: runLabel(run, result),
    config: model.config,
    scaling: model.scaling,
    trainingData: {
      classes: result.counts,
      perClass: result.settings.perClass,
      validationFraction: result.settings.validationFraction,
      testFraction: result.settings.testFraction,
      strategy: summary.strategy,
      epochs: summary.history.length,
      settings: result.settings,
    },
    seed: result.settings.seed,
    metrics: {
      testAuc: test?.auc ?? null,
      testAccuracy: test?.accuracy ?? null,
      testEvents: test?.events ?? 0,
      confusion: test?.confusion ?? null,
      bestEpoch: summary.bestEpoch,
      seconds: summary.seconds,
      secondsToTarget: summary.secondsToTarget,
      backend,
    },
    // Scratch shares only the architecture and input scaling of the parent.
    parentModel: run === 'pretrained' ? parent.name : null,
    created: new Date().toISOString(),
    toolVersion: packageJson.version,
    notes:
      summary.status === 'cancelled'
        ? ['Training was cancelled; these are the best epoch weights.']
        : [],
  };
}

/** Registers the trained models and returns their ids and infos. */
function registerRuns(
  models: Record<RunName, EventGnn | null>,
  result: ExperimentResult,
  parent: ModelCard,
): { modelIds: Partial<Record<RunName, string>>; models: ModelInfo[] } {
  const stamp = Date.now().toString(36);
  const modelIds: Partial<Record<RunName, string>> = {};
  const infos: ModelInfo[] = [];
  for (const run of ['pretrained', 'scratch'] as const) {
    const model = models[run];
    if (!model) continue;
    if (result[run].history.length === 0) {
      // Nothing was learnt: keep no model that contains only initial weights.
      model.dispose();
      continue;
    }
    const id = `trained-${stamp}-${run}`;
    const card = runCard(model, run, result, parent, tf.getBackend());
    infos.push(registerModel(id, model, card, 'trained'));
    modelIds[run] = id;
  }
  return { modelIds, models: infos };
}

/** Runs the experiment of `request`; one at a time per worker. */
async function train(
  request: TrainingRequest,
  onProgress?: Parameters<TrainApi['runExperiment']>[1],
): Promise<TrainingOutcome> {
  if (running) {
    throw new EventLensError(
      'engine/invalid-request',
      'A training is already running. Wait for it to finish or cancel it.',
    );
  }
  const parent = getModel(request.parentModelId);
  const signal = { aborted: false };
  running = signal;
  const baseline = tf.memory().numTensors;
  log.info(`training from ${request.parentModelId} on ${tf.getBackend()}`);
  try {
    const { result, models } = await runExperiment({
      parent: parent.model,
      classes: request.classes,
      settings: request.settings,
      signal,
      onProgress: (progress) => void onProgress?.(progress),
      progressIntervalMs: PROGRESS_INTERVAL_MS,
    });
    const registered = registerRuns(models, result, parent.card);
    log.info(
      `training ${result.status}; ${tf.memory().numTensors - baseline} ` +
        'tensors held by the new models',
    );
    return { result, backend: tf.getBackend(), ...registered };
  } catch (error) {
    log.error('training failed', error);
    throw error;
  } finally {
    running = null;
  }
}

/** Lists the weights of a loaded model with their shapes. */
function modelLayers(id: string): LayerInfo[] {
  const { model } = getModel(id);
  return weightShapes(model.config).map(([name, shape]) => ({
    name,
    shape,
    parameters: shape.reduce((a, b) => a * b, 1),
  }));
}

/** The training part of the engine API. */
export const trainApi: TrainApi = {
  runExperiment: (request, onProgress) =>
    settle(() => train(request, onProgress)),
  async cancelExperiment() {
    if (!running) return false;
    running.aborted = true;
    log.info('training cancel requested');
    return true;
  },
  modelLayers: (id) => settle(() => modelLayers(id)),
};
