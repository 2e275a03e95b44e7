/**
 * Throughput of the network on synthetic events of a fixed object count,
 * on whichever tfjs backend is active. Shared by `npm run bench:model` in
 * Node and by the engine worker's `benchmarkModel` in the browser, so it
 * imports nothing from Node or the page.
 */

import * as tf from '@tensorflow/tfjs-core';
import { buildGraphBatch, type GraphBatch } from '../graph/batches';
import { fitFeatureScaling } from '../graph/features';
import { TrainingSession } from '../train/session';
import { defaultModelConfig } from './config';
import { forwardFlops } from './flops';
import { createModel, type EventGnn } from './model';
import type { Formulation } from './network';
import { makeSyntheticSet } from './testing/synthetic';
import { simdTrainingKernelsActive } from './wasmKernels';

/** Classes of the benchmark model's head, as in the shipped model. */
export const BENCHMARK_CLASSES = 12;

/** One measurement: a backend, formulation, object count and batch size. */
export interface BenchmarkRequest {
  formulation: Formulation;
  /** Objects in every event of the synthetic batch. */
  objects: number;
  batchSize: number;
  /** Minimum timed calls of inference and of training, after one warm-up. */
  repetitions: number;
  /** Minimum seconds per timed loop, or 0 to time `repetitions` calls. */
  seconds?: number;
}

/** Measured throughput of one request. */
export interface BenchmarkRow {
  /** tfjs backend name, or a caller's label such as `wasm-browser`. */
  backend: string;
  formulation: Formulation;
  objects: number;
  batchSize: number;
  inferEventsPerSecond: number;
  trainEventsPerSecond: number;
  /** Achieved GFLOP/s of the training step (3× forward FLOPs). */
  gflops: number;
  /** Achieved GFLOP/s of inference. */
  inferGflops: number;
  /** XNNPACK threads, on WASM backends only. */
  threads?: number;
  /** Whether the SIMD training kernels ran, on WASM backends only. */
  simdKernels?: boolean;
}

/** Creates the default 12-class model, scaled on synthetic events. */
export function createBenchmarkModel(): EventGnn {
  const classNames = Array.from(
    { length: BENCHMARK_CLASSES },
    (_, c) => `class${c}`,
  );
  const scaling = fitFeatureScaling(
    makeSyntheticSet({ events: 200, classes: BENCHMARK_CLASSES }),
    24,
  );
  return createModel(
    defaultModelConfig({ kind: 'multiclass', classNames }),
    scaling,
    1,
  );
}

/**
 * Times `run` after one untimed warm-up call and returns calls per second.
 * Every call awaits its output's data, so queued GPU work is inside the
 * time.
 */
async function callsPerSecond(
  run: () => Promise<void>,
  repetitions: number,
  seconds: number,
): Promise<number> {
  await run();
  let calls = 0;
  const started = performance.now();
  while (calls < repetitions || performance.now() - started < seconds * 1000) {
    await run();
    calls++;
  }
  return calls / ((performance.now() - started) / 1000);
}

/** Builds a batch of `batchSize` synthetic events of exactly `objects`. */
function syntheticBatch(
  model: EventGnn,
  objects: number,
  batchSize: number,
): GraphBatch {
  const set = makeSyntheticSet({
    events: batchSize,
    classes: BENCHMARK_CLASSES,
    seed: objects,
    minObjects: objects,
    maxObjects: objects,
  });
  const indices = Array.from({ length: batchSize }, (_, i) => i);
  return buildGraphBatch(set, model.scaling, indices);
}

/**
 * Measures inference and training throughput of `model` on the active
 * backend. The training steps update `model`'s weights in place, so pass
 * a model made for the benchmark, such as `createBenchmarkModel()`.
 */
export async function measureThroughput(
  model: EventGnn,
  request: BenchmarkRequest,
): Promise<BenchmarkRow> {
  const { formulation, objects, batchSize } = request;
  if (!(request.repetitions >= 1) || !(batchSize >= 1) || !(objects >= 1)) {
    throw new RangeError(
      `Invalid benchmark request ${JSON.stringify(request)}: ` +
        'objects, batchSize and repetitions must be at least 1.',
    );
  }

  const seconds = request.seconds ?? 0;
  const batch = syntheticBatch(model, objects, batchSize);
  const infer = await callsPerSecond(
    async () => {
      const out = model.predict(batch, formulation);
      await out.data();
      out.dispose();
    },
    request.repetitions,
    seconds,
  );

  const session = new TrainingSession(model, {
    strategy: 'scratch',
    learningRate: 1e-4,
    formulation,
  });
  let train: number;
  try {
    train = await callsPerSecond(
      async () => {
        const loss = session.step(batch);
        await loss.data();
        loss.dispose();
      },
      request.repetitions,
      seconds,
    );
  } finally {
    session.dispose();
  }

  const flops = forwardFlops(model.config, objects, formulation);
  const inferEvents = infer * batchSize;
  const trainEvents = train * batchSize;
  return {
    backend: tf.getBackend(),
    formulation,
    objects,
    batchSize,
    inferEventsPerSecond: Math.round(inferEvents),
    trainEventsPerSecond: Math.round(trainEvents),
    gflops: +((3 * flops * trainEvents) / 1e9).toFixed(2),
    inferGflops: +((flops * inferEvents) / 1e9).toFixed(2),
    ...(tf.getBackend() === 'wasm'
      ? { simdKernels: simdTrainingKernelsActive() }
      : {}),
  };
}
