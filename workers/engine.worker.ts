/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import { settle } from '../src/core/errors';
import { initBackend } from './engineBackend';
import type { EngineApi } from './protocol';

const api: EngineApi = {
  init: (request) => settle(() => initBackend(request.override)),
  tensorCount: async () => tf.memory().numTensors,
};

Comlink.expose(api);
