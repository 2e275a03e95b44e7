/**
 * Measures inference and training throughput of the network for events of
 * 8, 12 and 24 objects, for the efficient and the concatenated
 * formulations, on the Node backends (WASM and CPU).
 *
 *   npm run bench:model -- [--json] [--backends wasm,cpu] [--objects 8,12,24]
 *     [--batch-size 64] [--seconds 3]
 *
 * NOTE: the headless-Chromium half (WASM and software WebGPU in a page) is
 * not part of this script yet; Node WASM matched the browser within a few
 * percent in earlier measurements on this machine.
 */

import { parseArgs } from 'node:util';
import { buildGraphBatch } from '../src/graph/batches';
import { fitFeatureScaling } from '../src/graph/features';
import { defaultModelConfig } from '../src/model/config';
import { forwardFlops } from '../src/model/flops';
import { createModel, type EventGnn } from '../src/model/model';
import { parameterCount } from '../src/model/params';
import type { Formulation } from '../src/model/network';
import { makeSyntheticSet } from '../src/model/testing/synthetic';
import { TrainingSession } from '../src/train/session';
import { useBackend, type NodeBackend } from './tfjs-node-setup';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    backends: { type: 'string', default: 'wasm,cpu' },
    objects: { type: 'string', default: '8,12,24' },
    formulations: { type: 'string', default: 'efficient,concatenated' },
    'batch-size': { type: 'string', default: '64' },
    seconds: { type: 'string', default: '3' },
  },
});

interface Row {
  backend: string;
  formulation: Formulation;
  objects: number;
  batchSize: number;
  inferEventsPerSecond: number;
  trainEventsPerSecond: number;
  /** Achieved GFLOP/s of the training step (3× forward FLOPs). */
  gflops: number;
  inferGflops: number;
}

/** Repeats `run` for about `seconds` (at least twice) and returns calls/s. */
async function rate(run: () => void, seconds: number): Promise<number> {
  run();
  let calls = 0;
  const started = performance.now();
  while (calls < 2 || performance.now() - started < seconds * 1000) {
    run();
    calls++;
  }
  return calls / ((performance.now() - started) / 1000);
}

async function measure(
  model: EventGnn,
  backend: string,
  formulation: Formulation,
  objects: number,
  batchSize: number,
  seconds: number,
): Promise<Row> {
  const set = makeSyntheticSet({
    events: batchSize,
    classes: 12,
    seed: objects,
    minObjects: objects,
    maxObjects: objects,
  });
  const batch = buildGraphBatch(
    set,
    model.scaling,
    Array.from({ length: batchSize }, (_, i) => i),
  );
  const infer = await rate(() => {
    const out = model.predict(batch, formulation);
    out.dataSync();
    out.dispose();
  }, seconds);
  const session = new TrainingSession(model, {
    strategy: 'scratch',
    learningRate: 1e-4,
    formulation,
  });
  const train = await rate(() => {
    const loss = session.step(batch);
    loss.dataSync();
    loss.dispose();
  }, seconds);
  session.dispose();
  const flops = forwardFlops(model.config, objects, formulation);
  const inferEvents = infer * batchSize;
  const trainEvents = train * batchSize;
  return {
    backend,
    formulation,
    objects,
    batchSize,
    inferEventsPerSecond: Math.round(inferEvents),
    trainEventsPerSecond: Math.round(trainEvents),
    gflops: +((3 * flops * trainEvents) / 1e9).toFixed(2),
    inferGflops: +((flops * inferEvents) / 1e9).toFixed(2),
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const classNames = Array.from({ length: 12 }, (_, c) => `class${c}`);
  const scaling = fitFeatureScaling(
    makeSyntheticSet({ events: 200, classes: 12 }),
    24,
  );
  const parameters = parameterCount(
    defaultModelConfig({ kind: 'multiclass', classNames }),
  );
  if (!args.json) console.log(`${parameters} parameters (12-class head)`);
  for (const backend of args.backends.split(',') as NodeBackend[]) {
    await useBackend(backend);
    const model = createModel(
      defaultModelConfig({ kind: 'multiclass', classNames }),
      scaling,
      1,
    );
    for (const objects of args.objects.split(',').map(Number)) {
      for (const formulation of args.formulations.split(',') as Formulation[]) {
        // The CPU backend is slow enough that a smaller batch keeps runs short.
        const batchSize = backend === 'cpu' ? 16 : Number(args['batch-size']);
        const row = await measure(
          model,
          backend,
          formulation,
          objects,
          batchSize,
          Number(args.seconds),
        );
        rows.push(row);
        if (!args.json)
          console.log(
            `${backend.padEnd(5)} ${formulation.padEnd(13)} ${String(objects).padStart(2)} objects  B=${row.batchSize}  infer ${String(row.inferEventsPerSecond).padStart(6)} ev/s  train ${String(row.trainEventsPerSecond).padStart(5)} ev/s  ${row.gflops} GFLOP/s (train)`,
          );
      }
    }
    model.dispose();
  }
  if (args.json)
    console.log(
      JSON.stringify({
        machine: '2-core CPU, Node 20, tfjs 4.22',
        parameters,
        rows,
      }),
    );
}

await main();
