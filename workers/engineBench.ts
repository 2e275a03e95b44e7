/**
 * The engine's `benchmarkModel` call: the throughput measurement of
 * `npm run bench:model`, run on the engine's current backend so that the
 * browser's WASM and WebGPU backends can be compared with Node's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { EventLensError, settle } from '../src/core/errors';
import { createLogger } from '../src/core/log';
import {
  createBenchmarkModel,
  measureThroughput,
  type BenchmarkRow,
} from '../src/model/benchmark';
import type { BenchApi, ModelBenchmarkRequest } from './protocol';

const log = createLogger('engine');

/** Measures every object count × formulation of `request`, in that order. */
async function benchmarkModel(
  request: ModelBenchmarkRequest,
): Promise<BenchmarkRow[]> {
  if (request.objects.length === 0 || request.formulations.length === 0) {
    throw new EventLensError(
      'engine/invalid-request',
      'The benchmark request needs at least one object count and formulation.',
      { request },
    );
  }
  // A model of its own, because the training steps change its weights.
  const model = createBenchmarkModel();
  const rows: BenchmarkRow[] = [];
  try {
    for (const objects of request.objects) {
      for (const formulation of request.formulations) {
        const row = await measureThroughput(model, {
          formulation,
          objects,
          batchSize: request.batchSize,
          repetitions: request.repetitions,
          seconds: request.seconds,
        });
        log.info(`benchmark on ${tf.getBackend()}`, row);
        rows.push(row);
      }
    }
  } finally {
    model.dispose();
  }
  return rows;
}

/** The benchmark part of the engine API. */
export const benchApi: BenchApi = {
  benchmarkModel: (request) => settle(() => benchmarkModel(request)),
};
