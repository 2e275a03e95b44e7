/**
 * CKA between every tap of two models on the same events. Runs wherever
 * TensorFlow.js runs: the engine worker and the command line share it, so
 * the page and `npm run cka` print the same matrix.
 */

import * as tf from '@tensorflow/tfjs-core';
import { EventLensError } from '../core/errors';
import { yieldToEventLoop, type CancelFlag } from '../core/yield';
import { eventCount, type EventSet } from '../events/eventSet';
import { buildGraphBatch } from '../graph/batches';
import { createRandom, shuffleInPlace } from '../graph/random';
import type { EventGnn } from '../model/model';
import { CkaAccumulator, MIN_EVENTS, type CkaMatrix } from './cka';

/** Options of `compareModels`. */
export interface CompareOptions {
  /** Number of events to use; all when absent or larger than the set. */
  events?: number;
  /** Seed of the event sample when `events` is smaller than the set. */
  seed?: number;
  /** Events per forward pass (default 128). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches. Once it is set, the comparison stops. */
  cancel?: CancelFlag;
}

/** Both CKA matrices of one comparison. */
export interface ModelComparison {
  biased: CkaMatrix;
  /** Null when the sample is too small for the unbiased estimator. */
  unbiased: CkaMatrix | null;
  /** Reason `unbiased` is null. */
  unbiasedError?: string;
}

/** Returns the events to compare on: a seeded sample, sorted by size. */
export function sampleEvents(
  set: EventSet,
  events: number | undefined,
  seed: number,
): number[] {
  const total = eventCount(set);
  let chosen = Array.from({ length: total }, (_, i) => i);
  if (events !== undefined && events < total) {
    chosen = shuffleInPlace(chosen, createRandom(seed)).slice(0, events);
  }
  // Similar object counts share a batch, so padding stays small.
  const size = (e: number) => set.offsets[e + 1]! - set.offsets[e]!;
  return chosen.sort((a, b) => size(a) - size(b) || a - b);
}

async function tapRows(model: EventGnn, set: EventSet, events: number[]) {
  const batch = buildGraphBatch(set, model.scaling, events);
  const taps = model.taps(batch);
  try {
    const rows: Float32Array[] = [];
    for (const name of model.tapNames) {
      const tensor = taps.get(name);
      if (!tensor) throw new Error(`Model has no tap named "${name}".`);
      rows.push((await tensor.data()) as Float32Array);
    }
    return rows;
  } finally {
    tf.dispose([...taps.values()]);
  }
}

function layers(model: EventGnn) {
  const width = model.config.latentSize;
  return model.tapNames.map((name) => ({ name, width }));
}

/**
 * Runs both models on the same events, collects every tap (one vector per
 * event and layer) and returns the layer × layer CKA matrices. Throws
 * `engine/cancelled` once `options.cancel` is set.
 */
export async function compareModels(
  modelA: EventGnn,
  modelB: EventGnn,
  set: EventSet,
  options: CompareOptions = {},
): Promise<ModelComparison> {
  const events = sampleEvents(set, options.events, options.seed ?? 1);
  if (events.length < MIN_EVENTS.biased) {
    throw new EventLensError(
      'engine/invalid-request',
      `CKA needs at least ${MIN_EVENTS.biased} events; "${set.name}" ` +
        `gives ${events.length}. Choose a larger sample.`,
    );
  }
  const batchSize = options.batchSize ?? 128;
  const accumulator = new CkaAccumulator(layers(modelA), layers(modelB));
  for (let start = 0; start < events.length; start += batchSize) {
    const chunk = events.slice(start, start + batchSize);
    const rowsA = await tapRows(modelA, set, chunk);
    const rowsB = await tapRows(modelB, set, chunk);
    accumulator.add(rowsA, rowsB, chunk.length);
    options.onProgress?.(accumulator.events, events.length);
    if (options.cancel) {
      await yieldToEventLoop();
      if (options.cancel.aborted) {
        throw new EventLensError('engine/cancelled', 'CKA was cancelled.');
      }
    }
  }
  const biased = accumulator.result('biased');
  if (accumulator.events < MIN_EVENTS.unbiased) {
    return {
      biased,
      unbiased: null,
      unbiasedError:
        `The unbiased estimator needs at least ${MIN_EVENTS.unbiased} ` +
        `events; the sample has ${accumulator.events}. Choose a larger ` +
        'sample or the biased estimator.',
    };
  }
  return { biased, unbiased: accumulator.result('unbiased') };
}
