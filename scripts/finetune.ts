/**
 * Downstream check: WH vs ZH from the generator, fine-tuning the pretrained
 * model against training the same network from scratch, on the same
 * events and seed. Prints the test AUC of both.
 *
 *   npm run finetune -- [--json] [--train-events 1000] [--epochs 20]
 *     [--pretrained public/models/pretrained] [--seed 1]
 */

import { parseArgs } from 'node:util';
import { EventSetBuilder } from '../src/events/builder';
import { eventCount, type EventSet } from '../src/events/eventSet';
import { buildGraphBatches } from '../src/graph/batches';
import { createModel, type EventGnn } from '../src/model/model';
import { createFineTuneModel } from '../src/model/transfer';
import { generateEvents, type ProcessName } from '../src/sim/index';
import { evaluateModel } from '../src/train/evaluate';
import type { Strategy } from '../src/train/strategy';
import { trainModel, type TrainResult } from '../src/train/trainer';
import { loadModelFiles } from './model-files';
import { useBackend } from './tfjs-node-setup';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'train-events': { type: 'string', default: '1000' },
    'test-events': { type: 'string', default: '4000' },
    epochs: { type: 'string', default: '20' },
    'learning-rate': { type: 'string', default: '0.001' },
    pretrained: { type: 'string', default: 'public/models/pretrained' },
    seed: { type: 'string', default: '1' },
  },
});

const CLASSES: ProcessName[] = ['WH', 'ZH'];

/** Generates `events` per process and labels them by position in CLASSES. */
function labelledSet(eventsPerClass: number, seed: number): EventSet {
  const builder = new EventSetBuilder(CLASSES);
  CLASSES.forEach((process, label) => {
    const part = generateEvents({
      process,
      events: eventsPerClass,
      detector: 'fast',
      seed,
    });
    const o = part.objects;
    for (let e = 0; e < eventCount(part); e++) {
      for (let i = part.offsets[e]!; i < part.offsets[e + 1]!; i++) {
        builder.addObject({
          type: o.type[i]!,
          pt: o.pt[i]!,
          eta: o.eta[i]!,
          phi: o.phi[i]!,
          energy: o.energy[i]!,
          btag: o.btag[i]!,
          charge: o.charge[i]!,
        });
      }
      builder.endEvent(label, 1, e);
    }
  });
  return builder.build(`WH-vs-ZH-seed${seed}`, 'eventlens-sim');
}

interface Summary {
  testAuc: number;
  testAccuracy: number;
  bestEpoch: number;
  seconds: number;
  /** Seconds until validation AUC first reached the target, or null. */
  secondsToTarget: number | null;
}

interface TaskRun {
  result: TrainResult;
  testAuc: number;
  testAccuracy: number;
}

async function runTask(
  model: EventGnn,
  strategy: Strategy,
  train: EventSet,
  validation: EventSet,
  test: EventSet,
): Promise<TaskRun> {
  const seed = Number(args.seed);
  const result = await trainModel({
    model,
    train,
    validation,
    strategy,
    epochs: Number(args.epochs),
    batchSize: 64,
    learningRate: Number(args['learning-rate']),
    backboneLearningRateFactor: 0.1,
    patience: 5,
    seed,
  });
  const batches = buildGraphBatches(test, model.scaling, {
    batchSize: 256,
  }).batches;
  const evaluation = await evaluateModel(model, batches);
  return { result, testAuc: evaluation.auc, testAccuracy: evaluation.accuracy };
}

function summarize(run: TaskRun, target: number): Summary {
  const reached = run.result.history.find((h) => h.validationAuc >= target);
  return {
    testAuc: +run.testAuc.toFixed(4),
    testAccuracy: +run.testAccuracy.toFixed(4),
    bestEpoch: run.result.bestEpoch,
    seconds: +run.result.seconds.toFixed(1),
    secondsToTarget: reached ? +reached.seconds.toFixed(1) : null,
  };
}

async function main(): Promise<void> {
  await useBackend('wasm');
  const seed = Number(args.seed);
  const perClass = Math.floor(Number(args['train-events']) / 2);
  const train = labelledSet(perClass, 1000 + seed);
  const validation = labelledSet(500, 2000 + seed);
  const test = labelledSet(
    Math.floor(Number(args['test-events']) / 2),
    3000 + seed,
  );
  const pretrained = await loadModelFiles(args.pretrained);
  const head = { kind: 'multiclass' as const, classNames: [...CLASSES] };
  const fineTuned = await runTask(
    createFineTuneModel(pretrained, head, seed),
    'full',
    train,
    validation,
    test,
  );
  const scratchModel = createModel(
    { ...pretrained.config, head },
    pretrained.scaling,
    seed,
  );
  const scratch = await runTask(
    scratchModel,
    'scratch',
    train,
    validation,
    test,
  );
  // Time-to-target: the first epoch whose validation AUC reaches 99 % of
  // the from-scratch model's best validation AUC.
  const target =
    0.99 * Math.max(...scratch.result.history.map((h) => h.validationAuc));
  const summary = {
    task: 'WH vs ZH',
    trainEvents: 2 * perClass,
    testEvents: eventCount(test),
    targetValidationAuc: +target.toFixed(4),
    pretrained: summarize(fineTuned, target),
    scratch: summarize(scratch, target),
  };
  if (args.json) {
    console.log(JSON.stringify(summary));
  } else {
    console.log(
      `WH vs ZH, ${summary.trainEvents} training events, ${summary.testEvents} test events (wasm backend)`,
    );
    console.log(
      `  pretrained (full fine-tune): test AUC ${summary.pretrained.testAuc}, accuracy ${summary.pretrained.testAccuracy}, ${summary.pretrained.seconds} s`,
    );
    console.log(
      `  from scratch:                test AUC ${summary.scratch.testAuc}, accuracy ${summary.scratch.testAccuracy}, ${summary.scratch.seconds} s`,
    );
  }
}

await main();
