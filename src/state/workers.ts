/**
 * The page's handles on its two workers. Only this module creates them;
 * everything else goes through the typed comlink proxies.
 */
import * as Comlink from 'comlink';
import type { EngineApi, IoApi } from '../../workers/protocol';

let engine: Comlink.Remote<EngineApi> | undefined;
let io: Comlink.Remote<IoApi> | undefined;

/** Returns the engine worker, starting it on first use. */
export function engineWorker(): Comlink.Remote<EngineApi> {
  engine ??= Comlink.wrap<EngineApi>(
    new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    }),
  );
  return engine;
}

/** Returns the io worker, starting it on first use. */
export function ioWorker(): Comlink.Remote<IoApi> {
  io ??= Comlink.wrap<IoApi>(
    new Worker(new URL('../../workers/io.worker.ts', import.meta.url), {
      type: 'module',
      name: 'io',
    }),
  );
  return io;
}
