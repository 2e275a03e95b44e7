/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { settle } from '../src/core/errors';
import { setBuffers } from '../src/events/summary';
import { importBlob, listTrees } from './ioImport';
import type { IoApi } from './protocol';

const api: IoApi = {
  async importFile(file, fileName, request, onProgress) {
    const result = await settle(() =>
      importBlob(file, fileName, request, onProgress),
    );
    // The set's columns move to the page without a copy.
    return result.ok
      ? Comlink.transfer(result, setBuffers(result.value.set))
      : result;
  },
  listRootTrees(file, fileName) {
    return settle(() => listTrees(file, fileName));
  },
};

Comlink.expose(api);
