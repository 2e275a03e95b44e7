/**
 * TensorFlow.js set-up for Node (command line and tests): registers the
 * gradient functions and starts the WASM or CPU backend.
 *
 * tfjs-core 4.22 ships its gradient registrations only as ES modules with
 * extensionless and directory imports, which Node's ES module loader
 * rejects. tsx's CommonJS loader transforms them, so they load through it
 * under both tsx and vitest. In the browser, `src/model/registerGradients.ts` does the same
 * with a static import that the bundler resolves.
 */

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { require as requireTransformed } from 'tsx/cjs/api';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { installWasmKernels } from '../src/model/wasmKernels';

requireTransformed(
  '@tensorflow/tfjs-core/dist/register_all_gradients.js',
  import.meta.url,
);

// Production mode silences tfjs's advice to install tfjs-node, which
// cannot be installed here, on every run.
tf.env().set('PROD', true);

/** Backends available in Node here (tfjs-node cannot be installed). */
export type NodeBackend = 'wasm' | 'cpu';

let wasmPathsSet = false;

/** Selects `name` as the tfjs backend and waits until it is ready. */
export async function useBackend(name: NodeBackend): Promise<void> {
  if (name === 'wasm' && !wasmPathsSet) {
    // Resolved from this file, not the working directory, so that the
    // commands also work when started from another folder.
    const wasmPackage = createRequire(import.meta.url).resolve(
      '@tensorflow/tfjs-backend-wasm/package.json',
    );
    setWasmPaths(`${dirname(wasmPackage)}/dist/`);
    wasmPathsSet = true;
  }
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`Couldn't start the tfjs ${name} backend in Node.`);
  }
  await tf.ready();
  if (name === 'wasm') installWasmKernels();
}
