/**
 * Evaluates a saved multiclass model on fresh class-balanced events of its
 * processes from the generator: accuracy, macro AUC, confusion matrix.
 *
 *   npm run evaluate -- [--model public/models/pretrained] [--events 6000]
 *     [--seed 99] [--json]
 */

import { parseArgs } from 'node:util';
import { buildGraphBatches } from '../src/graph/batches';
import { createEventStream, type ProcessName } from '../src/sim/index';
import { evaluateModel } from '../src/train/evaluate';
import { loadModelFiles } from './model-files';
import { useBackend } from './tfjs-node-setup';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'public/models/pretrained' },
    events: { type: 'string', default: '6000' },
    seed: { type: 'string', default: '99' },
    json: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  await useBackend('wasm');
  const model = await loadModelFiles(args.model);
  const head = model.config.head;
  if (head.kind !== 'multiclass')
    throw new Error('evaluate needs a multiclass model.');
  const stream = createEventStream({
    processes: head.classNames as ProcessName[],
    detector: 'fast',
    seed: Number(args.seed),
    batchSize: Number(args.events),
  });
  const set = stream.next().value!;
  const { batches, truncatedEvents } = buildGraphBatches(set, model.scaling, {
    batchSize: 256,
  });
  const evaluation = await evaluateModel(model, batches);
  const result = {
    events: Number(args.events),
    truncatedEvents,
    accuracy: evaluation.accuracy,
    macroAuc: evaluation.auc,
    classNames: head.classNames,
    confusion: evaluation.confusion,
  };
  if (args.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `${args.model}: ${result.events} events (${truncatedEvents} truncated), accuracy ${result.accuracy.toFixed(4)}, macro AUC ${result.macroAuc.toFixed(4)} (wasm backend)`,
  );
  console.log(`true \\ predicted: ${head.classNames.join(' ')}`);
  evaluation.confusion.forEach((row, i) =>
    console.log(
      `${head.classNames[i]!.padEnd(13)} ${row.map((v) => String(v).padStart(5)).join('')}`,
    ),
  );
}

await main();
