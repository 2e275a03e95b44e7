/**
 * Pretrains the 12-process multiclass model on events streamed from the
 * generator, with checkpoints after every epoch so an interrupted run
 * resumes where it stopped. Writes the shipped model with its card.
 *
 *   npm run pretrain -- [--minutes 35] [--epoch-events 12000]
 *     [--batch-size 64] [--learning-rate 0.001] [--seed 1]
 *     [--out public/models/pretrained] [--checkpoints checkpoints/pretrain]
 */

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { createEventStream, PROCESSES } from '../src/sim/index';
import type { EventSet } from '../src/events/eventSet';
import { buildGraphBatch, planBatches } from '../src/graph/batches';
import { fitFeatureScaling } from '../src/graph/features';
import { defaultModelConfig } from '../src/model/config';
import { createModel, type EventGnn } from '../src/model/model';
import type { ModelCard } from '../src/model/serialize';
import { evaluateModel } from '../src/train/evaluate';
import { TrainingSession } from '../src/train/session';
import { buildGraphBatches } from '../src/graph/batches';
import { loadModelFiles, saveModelFiles, toolVersion } from './model-files';
import { useBackend } from './tfjs-node-setup';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '35' },
    'epoch-events': { type: 'string', default: '12000' },
    'batch-size': { type: 'string', default: '64' },
    'learning-rate': { type: 'string', default: '0.001' },
    'test-events': { type: 'string', default: '6000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'public/models/pretrained' },
    checkpoints: { type: 'string', default: 'checkpoints/pretrain' },
  },
});

const seed = Number(args.seed);
const epochEvents = Number(args['epoch-events']);
const batchSize = Number(args['batch-size']);
const learningRate = Number(args['learning-rate']);
const budgetSeconds = Number(args.minutes) * 60;

/** Draws `events` class-balanced events from a stream with its own seed. */
function streamed(streamSeed: number, events: number): EventSet {
  const stream = createEventStream({
    processes: PROCESSES,
    detector: 'fast',
    seed: streamSeed,
    batchSize: events,
  });
  return stream.next().value as EventSet;
}

interface Progress {
  epoch: number;
  eventsSeen: number;
  seconds: number;
  /** Base learning rate from each epoch on (a resumed run may lower it). */
  learningRates?: Array<{ fromEpoch: number; rate: number }>;
  history: Array<{
    epoch: number;
    trainLoss: number;
    validationAccuracy: number;
  }>;
}

async function readProgress(dir: string): Promise<Progress | null> {
  const path = join(dir, 'progress.json');
  if (!existsSync(path)) return null;
  return JSON.parse(await readFile(path, 'utf8')) as Progress;
}

function formatEta(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.round(seconds - 60 * m)).padStart(2, '0')}s`;
}

async function trainEpoch(
  session: TrainingSession,
  model: EventGnn,
  epoch: number,
  progress: Progress,
  started: number,
): Promise<number> {
  const set = streamed(seed * 100_003 + 1000 + epoch, epochEvents);
  const plan = planBatches(set, model.scaling.maxNodes, {
    batchSize,
    shuffleSeed: seed + epoch,
  });
  session.setEpoch(epoch);
  let lossSum = tf.scalar(0);
  let lastLog = performance.now();
  for (let b = 0; b < plan.length; b++) {
    const batch = buildGraphBatch(set, model.scaling, plan[b] ?? []);
    const loss = session.step(batch);
    const next = tf.add(lossSum, loss) as tf.Scalar;
    tf.dispose([lossSum, loss]);
    lossSum = next;
    progress.eventsSeen += batch.size;
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      const seconds = progress.seconds + (performance.now() - started) / 1000;
      const rate = progress.eventsSeen / seconds;
      console.log(
        `[pretrain] epoch ${epoch + 1} batch ${b + 1}/${plan.length}, ${progress.eventsSeen} events, ${rate.toFixed(0)} events/s, ETA ${formatEta(Math.max(0, budgetSeconds - seconds))}`,
      );
    }
  }
  const mean = ((await lossSum.data())[0] ?? 0) / epochEvents;
  lossSum.dispose();
  return mean;
}

/** Loads the checkpoint in `dir`, or creates a model and fits its scaling. */
async function startOrResume(
  dir: string,
): Promise<{ model: EventGnn; progress: Progress }> {
  const progress = await readProgress(dir);
  if (progress) {
    const model = await loadModelFiles(join(dir, 'model'));
    console.log(
      `[pretrain] resuming after epoch ${progress.epoch} (${progress.eventsSeen} events, ${progress.seconds.toFixed(0)} s)`,
    );
    // Runs started before the schedule was recorded used the default rate.
    progress.learningRates ??= [{ fromEpoch: 0, rate: 0.001 }];
    if (progress.learningRates.at(-1)?.rate !== learningRate) {
      progress.learningRates.push({
        fromEpoch: progress.epoch,
        rate: learningRate,
      });
    }
    return { model, progress };
  }
  const scaling = fitFeatureScaling(streamed(seed * 100_003 + 7, 12_000), 24);
  const config = defaultModelConfig({
    kind: 'multiclass',
    classNames: [...PROCESSES],
  });
  return {
    model: createModel(config, scaling, seed),
    progress: {
      epoch: 0,
      eventsSeen: 0,
      seconds: 0,
      learningRates: [{ fromEpoch: 0, rate: learningRate }],
      history: [],
    },
  };
}

type NamedTensors = Array<{ name: string; tensor: tf.Tensor }>;
type SavedTensors = Array<{ name: string; shape: number[]; values: number[] }>;

/** Restores Adam's moments from a checkpoint, if there is one. */
async function restoreOptimizer(
  session: TrainingSession,
  path: string,
): Promise<void> {
  if (!existsSync(path)) return;
  const saved = JSON.parse(await readFile(path, 'utf8')) as Record<
    'backbone' | 'head',
    SavedTensors
  >;
  const revive = (list: SavedTensors) =>
    list.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, w.shape) }));
  const state = { backbone: revive(saved.backbone), head: revive(saved.head) };
  await session.restoreOptimizerState(state);
  // The optimizer keeps its own copies.
  tf.dispose([...state.backbone, ...state.head].map((w) => w.tensor));
}

/** Writes model, optimizer moments and progress after an epoch. */
async function saveCheckpoint(
  dir: string,
  model: EventGnn,
  session: TrainingSession,
  progress: Progress,
  card: ModelCard,
): Promise<void> {
  await saveModelFiles(join(dir, 'model'), model, card);
  const state = await session.optimizerState();
  const plain = (list: NamedTensors) =>
    Promise.all(
      list.map(async (w) => ({
        name: w.name,
        shape: w.tensor.shape,
        values: Array.from(await w.tensor.data()),
      })),
    );
  const optimizer = {
    backbone: await plain(state.backbone),
    head: await plain(state.head),
  };
  // The step counts are new tensors; the moments belong to the optimizer.
  tf.dispose(
    [...state.backbone, ...state.head]
      .filter((w) => w.name === 'iter')
      .map((w) => w.tensor),
  );
  await writeFile(join(dir, 'optimizer.json'), JSON.stringify(optimizer));
  const text = JSON.stringify(progress, null, 1);
  await writeFile(join(dir, 'progress.json'), text);
}

/** Returns the model card for the run so far. */
function modelCard(
  model: EventGnn,
  progress: Progress,
  metrics: Record<string, unknown>,
  version: string,
): ModelCard {
  return {
    name: 'eventlens-pretrained-12process-fast',
    config: model.config,
    scaling: model.scaling,
    trainingData: {
      generator: 'eventlens-sim',
      detector: 'fast',
      processes: [...PROCESSES],
      eventsSeen: progress.eventsSeen,
      epochs: progress.epoch,
      epochEvents,
      batchSize,
      learningRates: progress.learningRates,
      learningRateDecay: 0.99,
      wallSeconds: Math.round(progress.seconds),
      backend: 'wasm (Node 20, tfjs-backend-wasm 4.22, 2-core CPU)',
    },
    seed,
    metrics,
    parentModel: null,
    created: new Date().toISOString(),
    toolVersion: version,
  };
}

/** Evaluates on fresh held-out events and writes the shipped model. */
async function finish(
  model: EventGnn,
  progress: Progress,
  version: string,
): Promise<void> {
  console.log('[pretrain] evaluating on held-out events');
  const testEvents = Number(args['test-events']);
  const test = buildGraphBatches(
    streamed(seed * 100_003 + 5, testEvents),
    model.scaling,
    { batchSize: 256 },
  ).batches;
  const evaluation = await evaluateModel(model, test);
  const metrics = {
    testEvents,
    testAccuracy: evaluation.accuracy,
    testMacroAuc: evaluation.auc,
    confusion: evaluation.confusion,
    history: progress.history,
  };
  await saveModelFiles(
    args.out,
    model,
    modelCard(model, progress, metrics, version),
  );
  console.log(
    `[pretrain] held-out accuracy ${evaluation.accuracy.toFixed(4)}, macro AUC ${evaluation.auc.toFixed(4)}; wrote ${args.out}`,
  );
  console.log(JSON.stringify({ confusion: evaluation.confusion }));
}

async function main(): Promise<void> {
  await useBackend('wasm');
  const dir = args.checkpoints;
  await mkdir(dir, { recursive: true });
  const { model, progress } = await startOrResume(dir);
  console.log(
    `[pretrain] ${model.parameterCount} parameters, backend ${tf.getBackend()}`,
  );
  const session = new TrainingSession(model, {
    strategy: 'scratch',
    learningRate,
  });
  await restoreOptimizer(session, join(dir, 'optimizer.json'));
  const validation = buildGraphBatches(
    streamed(seed * 100_003 + 3, 2400),
    model.scaling,
    { batchSize: 256 },
  ).batches;
  const version = await toolVersion();
  while (progress.seconds < budgetSeconds) {
    const started = performance.now();
    const epoch = progress.epoch;
    const trainLoss = await trainEpoch(
      session,
      model,
      epoch,
      progress,
      started,
    );
    const evaluation = await evaluateModel(model, validation);
    progress.seconds += (performance.now() - started) / 1000;
    progress.epoch += 1;
    const validationAccuracy = evaluation.accuracy;
    progress.history.push({
      epoch: progress.epoch,
      trainLoss,
      validationAccuracy,
    });
    console.log(
      `[pretrain] epoch ${progress.epoch}: train loss ${trainLoss.toFixed(4)}, validation accuracy ${validationAccuracy.toFixed(4)}, ${progress.eventsSeen} events, ${progress.seconds.toFixed(0)} s`,
    );
    const card = modelCard(model, progress, {}, version);
    await saveCheckpoint(dir, model, session, progress, card);
  }
  await finish(model, progress, version);
  session.dispose();
}

await main();
