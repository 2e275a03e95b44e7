/**
 * `npm run finetune`: the Fine-tune page's experiment from the command
 * line, on the same runner (src/train/experiment.ts), so its numbers and
 * the page's mean the same thing. The pretrained model is fine-tuned and
 * the same network is trained from scratch on identical events, split and
 * seed; both are scored on held-out test events.
 *
 * With no arguments: WW vs WZ from the shipped HEP tutorial samples, 100
 * training events per class, the page's default settings.
 */

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EventLensError } from '../src/core/errors';
import { importFile } from '../src/events/import';
import { eventCount } from '../src/events/eventSet';
import * as tf from '@tensorflow/tfjs-core';
import {
  DEFAULT_SETTINGS,
  runExperiment,
  type ExperimentResult,
  type ExperimentSettings,
} from '../src/train/experiment';
import {
  trainingLogCsv,
  type RunSummary,
} from '../src/train/experimentSummary';
import type { EventGnn } from '../src/model/model';
import type { ClassData } from '../src/train/experimentSplit';
import { STRATEGIES } from '../src/train/strategy';
import { generatedClasses } from './finetune-sim';
import { loadModelFiles, saveModelFiles, toolVersion } from './model-files';
import { useBackend, type NodeBackend } from './tfjs-node-setup';

const HELP = `Usage: npm run finetune -- [options]

Fine-tunes the pretrained model and trains the same network from scratch
on identical events, split and seed, then prints test AUC and accuracy
(with 95 % bootstrap intervals), best epoch, wall time and time-to-target.

Options:
  --classes A,B       shipped samples (public/samples/A.root …) used as
                      classes (default ww,wz)
  --task sim-wh-zh    WH vs ZH from the built-in generator instead
  --per-class N       training events per class, or "all" (default 100)
  --epochs N          maximum epochs (default ${DEFAULT_SETTINGS.epochs})
  --batch-size N      events per batch (default ${DEFAULT_SETTINGS.batchSize})
  --learning-rate X   head learning rate (default ${DEFAULT_SETTINGS.learningRate})
  --backbone-factor X backbone rate ÷ head rate (default ${DEFAULT_SETTINGS.backboneLearningRateFactor})
  --strategy S        full, frozen-encoders or head-only (default full)
  --patience N        early-stopping patience in epochs (default ${DEFAULT_SETTINGS.patience})
  --validation X      validation fraction of each class (default ${DEFAULT_SETTINGS.validationFraction})
  --test X            test fraction of each class (default ${DEFAULT_SETTINGS.testFraction})
  --seed N            seed of split, initial weights and shuffling (default 1)
  --bootstrap N       bootstrap resamples of the test events (default 1000)
  --sim-events N      generated events per class for sim-wh-zh (default 5000)
  --pretrained DIR    model directory (default public/models/pretrained)
  --backend B         tfjs backend in Node: wasm (default) or cpu
  --save DIR          write DIR/finetuned, DIR/scratch and training-log.csv
  --json              print one JSON object instead of text
  -h, --help          show this help
`;

const { values: args } = parseArgs({
  options: {
    classes: { type: 'string', default: 'ww,wz' },
    task: { type: 'string' },
    'per-class': { type: 'string', default: '100' },
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    'learning-rate': { type: 'string' },
    'backbone-factor': { type: 'string' },
    strategy: { type: 'string', default: 'full' },
    patience: { type: 'string' },
    validation: { type: 'string' },
    test: { type: 'string' },
    seed: { type: 'string' },
    bootstrap: { type: 'string' },
    'sim-events': { type: 'string', default: '5000' },
    pretrained: { type: 'string', default: 'public/models/pretrained' },
    backend: { type: 'string', default: 'wasm' },
    save: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

/** Parses a numeric option; throws a message naming it when invalid. */
function numberOption(name: string, fallback: number): number {
  const text = (args as Record<string, unknown>)[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new Error(`--${name} must be a number, got "${String(text)}".`);
  }
  return value;
}

function settingsFromArgs(): ExperimentSettings {
  const strategy = args.strategy as ExperimentSettings['strategy'];
  if (!STRATEGIES.includes(strategy) || (strategy as string) === 'scratch') {
    throw new Error(
      `--strategy must be full, frozen-encoders or head-only, got "${args.strategy}".`,
    );
  }
  const d = DEFAULT_SETTINGS;
  return {
    perClass:
      args['per-class'] === 'all' ? null : numberOption('per-class', 100),
    validationFraction: numberOption('validation', d.validationFraction),
    testFraction: numberOption('test', d.testFraction),
    strategy,
    epochs: numberOption('epochs', d.epochs),
    batchSize: numberOption('batch-size', d.batchSize),
    learningRate: numberOption('learning-rate', d.learningRate),
    backboneLearningRateFactor: numberOption(
      'backbone-factor',
      d.backboneLearningRateFactor,
    ),
    patience: numberOption('patience', d.patience),
    seed: numberOption('seed', d.seed),
    bootstrapResamples: numberOption('bootstrap', d.bootstrapResamples),
  };
}

/** Imports each shipped sample as one class, as the Data page does. */
async function sampleClasses(names: string[]): Promise<ClassData[]> {
  const shipped = (await readdir('public/samples'))
    .filter((f) => f.endsWith('.root'))
    .map((f) => f.replace(/\.root$/, ''));
  const unknown = names.filter((n) => !shipped.includes(n));
  if (names.length < 2 || unknown.length > 0) {
    throw new Error(
      `--classes needs two or more of ${shipped.join(', ')}; got ` +
        `"${names.join(',')}".`,
    );
  }
  return Promise.all(
    names.map(async (name) => {
      const fileName = `${name}.root`;
      const bytes = await readFile(`public/samples/${fileName}`);
      const buffer = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      );
      const { set } = await importFile(buffer, fileName, { className: name });
      return { name, set };
    }),
  );
}

/** Returns the per-run numbers of the JSON output. */
function runJson(run: RunSummary) {
  const round = (v: number | undefined) =>
    v === undefined ? null : +v.toFixed(4);
  return {
    status: run.status,
    testAuc: round(run.test?.auc.value),
    testAucLow: round(run.test?.auc.low),
    testAucHigh: round(run.test?.auc.high),
    testAccuracy: round(run.test?.accuracy.value),
    testAccuracyLow: round(run.test?.accuracy.low),
    testAccuracyHigh: round(run.test?.accuracy.high),
    bestEpoch: run.bestEpoch,
    epochs: run.history.length,
    stoppedEarly: run.stoppedEarly,
    seconds: +run.seconds.toFixed(1),
    secondsToTarget:
      run.secondsToTarget === null ? null : +run.secondsToTarget.toFixed(1),
  };
}

function printText(task: string, result: ExperimentResult, where: string) {
  const c = result.counts;
  const sum = (key: 'train' | 'validation' | 'test') =>
    c.reduce((s, x) => s + x[key], 0);
  console.log(
    `${task}: ${sum('train')} training events (${c.map((x) => `${x.name} ${x.train}`).join(', ')}), ` +
      `${sum('validation')} validation, ${sum('test')} test; seed ${result.settings.seed}; ${where}`,
  );
  const metric = result.classNames.length === 2 ? 'AUC' : 'macro AUC';
  for (const run of [result.pretrained, result.scratch]) {
    const r = runJson(run);
    const label =
      run.name === 'pretrained'
        ? `pretrained (${run.strategy})`
        : 'from scratch    ';
    console.log(
      `  ${label.padEnd(24)} test ${metric} ${r.testAuc} [${r.testAucLow}, ${r.testAucHigh}], ` +
        `accuracy ${r.testAccuracy} [${r.testAccuracyLow}, ${r.testAccuracyHigh}], ` +
        `best epoch ${r.bestEpoch}/${r.epochs}, ${r.seconds} s, ` +
        `to target ${r.secondsToTarget === null ? 'not reached' : `${r.secondsToTarget} s`}`,
    );
  }
  for (const warning of result.warnings) console.log(`  warning: ${warning}`);
  console.log(`  ${result.sentence}`);
}

/**
 * Writes the fine-tuned model to `directory/finetuned`, the scratch model
 * to `directory/scratch` (CKA compares them) and both runs' training log.
 */
async function saveRun(
  directory: string,
  result: ExperimentResult,
  models: { pretrained: EventGnn | null; scratch: EventGnn | null },
  names: string[],
): Promise<void> {
  const settings = result.settings;
  const runs = [
    ['finetuned', models.pretrained, result.pretrained, args.pretrained],
    ['scratch', models.scratch, result.scratch, null],
  ] as const;
  for (const [kind, model, run, parent] of runs) {
    if (!model) continue;
    const card = {
      name: `${names.join(' vs ')}, ${kind === 'finetuned' ? 'fine-tuned' : 'from scratch'}, ${settings.perClass ?? 'all'}/class`,
      config: model.config,
      scaling: model.scaling,
      trainingData: { classes: result.counts, settings },
      seed: settings.seed,
      metrics: runJson(run),
      parentModel: parent ?? null,
      created: new Date().toISOString(),
      toolVersion: await toolVersion(),
    };
    await saveModelFiles(`${directory}/${kind}`, model, card);
  }
  await writeFile(
    `${directory}/training-log.csv`,
    trainingLogCsv([result.pretrained, result.scratch]),
  );
}

async function main(): Promise<void> {
  if (args.help) {
    console.log(HELP);
    return;
  }
  const backend = args.backend as NodeBackend;
  await useBackend(backend);
  const settings = settingsFromArgs();
  const sim = args.task === 'sim-wh-zh';
  if (args.task !== undefined && !sim) {
    throw new Error(`--task must be sim-wh-zh, got "${args.task}".`);
  }
  const names = args.classes.split(',').map((n) => n.trim());
  const classes = sim
    ? generatedClasses(numberOption('sim-events', 5000), settings.seed)
    : await sampleClasses(names);
  const task = sim
    ? 'WH vs ZH (generator, fast detector)'
    : `${names.join(' vs ')} (HEP tutorial samples)`;
  const parent = await loadModelFiles(args.pretrained);
  const { result, models } = await runExperiment({
    parent,
    classes,
    settings,
  });
  const where = `tfjs ${tf.version_core} ${backend} in Node ${process.versions.node}`;
  if (args.save) await saveRun(args.save, result, models, names);
  if (args.json) {
    console.log(
      JSON.stringify({
        task,
        classes: result.classNames,
        counts: result.counts,
        events: classes.map((c) => eventCount(c.set)),
        settings,
        backend: where,
        targetValidationScore: result.target,
        score: result.score,
        pretrained: runJson(result.pretrained),
        scratch: runJson(result.scratch),
        aucDifference: result.aucDifference,
        warnings: result.warnings,
        sentence: result.sentence,
      }),
    );
  } else {
    printText(task, result, where);
  }
  for (const model of [models.pretrained, models.scratch, parent])
    model?.dispose();
}

try {
  await main();
} catch (error) {
  const message =
    error instanceof EventLensError || error instanceof Error
      ? error.message
      : String(error);
  console.error(`finetune: ${message}`);
  process.exitCode = 1;
}
