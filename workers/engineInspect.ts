/**
 * The engine's inspection calls behind the Explore and Compare pages:
 * predictions on a set, one event's leave-one-object-out importances,
 * one event's per-step edge-update norms, layer × layer CKA of two
 * models, and a short fine-tune that gives Compare a second model to
 * look at.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import { compareModels } from '../src/analysis/ckaModels';
import { eventEdgeNorms } from '../src/analysis/edgeNorms';
import {
  leaveOneOutImportance,
  leaveOneOutSet,
} from '../src/analysis/saliency';
import { EventLensError, settle } from '../src/core/errors';
import { yieldToEventLoop, type CancelFlag } from '../src/core/yield';
import { createLogger } from '../src/core/log';
import { eventCount, type EventSet } from '../src/events/eventSet';
import { buildGraphBatch, type EventGnn } from '../src/model';
import { createEventStream, PROCESSES } from '../src/sim/index';
import { getModel } from './engineModels';
import { quickFineTune } from './engineInspectTrain';
import type {
  CkaRequest,
  CkaResponse,
  EdgeUpdateNorms,
  EventInsight,
  EventRequest,
  InspectApi,
  PredictRequest,
  SetPrediction,
} from './protocol';

const log = createLogger('engine');

/** Event sets the page has copied in, by the page's set id. */
const sets = new Map<string, EventSet>();

/** Returns the set stored under `id`, or throws a message that names it. */
export function getInspectSet(id: string): EventSet {
  const set = sets.get(id);
  if (!set) {
    throw new EventLensError(
      'engine/invalid-request',
      `The event set "${id}" has not been sent to the engine. Reload the ` +
        'page and load it again on the Data page.',
      { id },
    );
  }
  return set;
}

function classProbabilities(model: EventGnn, set: EventSet, events: number[]) {
  if (model.config.head.kind !== 'multiclass') {
    throw new EventLensError(
      'engine/invalid-request',
      'This model has a multilabel head, so it gives no class ' +
        'probabilities. Pick a multiclass model.',
    );
  }
  const batch = buildGraphBatch(set, model.scaling, events);
  const probabilities = model.predictProbabilities(batch);
  const values = probabilities.dataSync() as Float32Array;
  probabilities.dispose();
  return values;
}

async function predictSet(request: PredictRequest): Promise<SetPrediction> {
  const { model, info } = getModel(request.modelId);
  const set = getInspectSet(request.setId);
  const classes = info.classNames.length;
  const total = eventCount(set);
  const probabilities = new Float32Array(total * classes);
  const batchSize = 256;
  for (let start = 0; start < total; start += batchSize) {
    const events: number[] = [];
    for (let e = start; e < Math.min(total, start + batchSize); e++) {
      events.push(e);
    }
    probabilities.set(classProbabilities(model, set, events), start * classes);
    // Lets other calls (the selected event) run between batches.
    await yieldToEventLoop();
  }
  return {
    modelId: request.modelId,
    classNames: info.classNames,
    probabilities,
  };
}

function inspectEvent(request: EventRequest): EventInsight {
  const { model, info } = getModel(request.modelId);
  const set = getInspectSet(request.setId);
  const variants = leaveOneOutSet(set, request.event);
  const all = Array.from({ length: eventCount(variants) }, (_, i) => i);
  const probabilities = classProbabilities(model, variants, all);
  const classes = info.classNames.length;
  const full = Array.from(probabilities.subarray(0, classes));
  const predicted = full.indexOf(Math.max(...full));
  return {
    modelId: request.modelId,
    classNames: info.classNames,
    probabilities: full,
    predicted,
    importance: leaveOneOutImportance(probabilities, classes, predicted),
    maxNodes: model.scaling.maxNodes,
  };
}

function edgeUpdateNorms(request: EventRequest): EdgeUpdateNorms {
  const { model } = getModel(request.modelId);
  const set = getInspectSet(request.setId);
  const total = eventCount(set);
  if (!Number.isInteger(request.event) || request.event < 0) {
    throw new EventLensError(
      'engine/invalid-request',
      `Event ${request.event} is invalid: expected an index from 0 to ` +
        `${total - 1}.`,
    );
  }
  if (request.event >= total) {
    throw new EventLensError(
      'engine/invalid-request',
      `Event ${request.event} is not in the set, which has ${total} events.`,
    );
  }
  const start = set.offsets[request.event] ?? 0;
  const objects = (set.offsets[request.event + 1] ?? start) - start;
  const steps = eventEdgeNorms(model, set, request.event);
  return { modelId: request.modelId, objects, steps };
}

function generatedSample(events: number, seed: number): EventSet {
  const stream = createEventStream({
    processes: PROCESSES,
    detector: 'fast',
    seed,
    batchSize: events,
  });
  const set = stream.next().value as EventSet;
  // Named for messages and exports, instead of the stream's internal name.
  return { ...set, name: `generated events (seed ${seed})` };
}

/** The running CKA comparison's cancel flag; null while idle. */
let runningCka: CancelFlag | null = null;

async function compareLayers(
  request: CkaRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<CkaResponse> {
  if (runningCka) {
    throw new EventLensError(
      'engine/invalid-request',
      'A CKA comparison is already running. Wait for it to finish or cancel it.',
    );
  }
  const a = getModel(request.modelA);
  const b = getModel(request.modelB);
  const set =
    request.sample.kind === 'set'
      ? getInspectSet(request.sample.setId)
      : generatedSample(request.events, request.seed);
  const started = performance.now();
  const before = tf.memory().numTensors;
  const cancel: CancelFlag = { aborted: false };
  runningCka = cancel;
  let result;
  try {
    result = await compareModels(a.model, b.model, set, {
      events: request.events,
      seed: request.seed,
      onProgress,
      cancel,
    });
  } finally {
    runningCka = null;
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) log.warn(`CKA left ${leaked} tensors behind`);
  return {
    ...result,
    modelA: a.info.name,
    modelB: b.info.name,
    sampleName: set.name,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The inspection half of the engine API, spread into the worker's api. */
export const inspectApi: InspectApi = {
  putSet: (id, set) =>
    settle(() => {
      sets.set(id, set);
    }),
  dropSet: async (id) => {
    sets.delete(id);
  },
  async predictSet(request) {
    const result = await settle(() => predictSet(request));
    return result.ok
      ? Comlink.transfer(result, [result.value.probabilities.buffer])
      : result;
  },
  inspectEvent: (request) => settle(() => inspectEvent(request)),
  edgeUpdateNorms: (request) => settle(() => edgeUpdateNorms(request)),
  compareLayers: (request, onProgress) =>
    settle(() => compareLayers(request, onProgress)),
  async cancelCompareLayers() {
    if (!runningCka) return false;
    runningCka.aborted = true;
    log.info('CKA cancel requested');
    return true;
  },
  quickFineTune: (request, onProgress) =>
    settle(() => quickFineTune(request, getInspectSet, onProgress)),
};
