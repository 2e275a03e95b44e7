/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import { settle } from '../src/core/errors';
import { initBackend } from './engineBackend';
import { benchApi } from './engineBench';
import { inspectApi } from './engineInspect';
import {
  exportModel,
  listModels,
  loadModelFiles,
  loadModelFromUrl,
  removeModel,
} from './engineModels';
import { trainApi } from './engineTrain';
import type { EngineApi } from './protocol';

const api: EngineApi = {
  ...trainApi,
  ...inspectApi,
  ...benchApi,
  init: (request) =>
    settle(() => initBackend(request.override, request.wasmThreads)),
  tensorCount: async () => tf.memory().numTensors,
  loadModelFromUrl: (id, url) =>
    settle(() => loadModelFromUrl(id, url, 'bundled')),
  loadModelFiles: (id, files, source) =>
    settle(() => loadModelFiles(id, files, source)),
  listModels: async () => listModels(),
  async exportModel(id) {
    const result = await settle(() => exportModel(id));
    return result.ok
      ? Comlink.transfer(
          result,
          result.value.shards.map((s) => s.data),
        )
      : result;
  },
  removeModel: async (id) => removeModel(id),
};

Comlink.expose(api);
