/**
 * A faster Identity kernel for the tfjs 4.22 WASM backend. tfjs clones
 * every tensor it saves for a backward pass through Identity, and the WASM
 * Identity copies the data, which cost about 10 % of a training step of
 * this network. Tensors are immutable, so sharing the buffer with a
 * reference count is safe; the WASM Reshape kernel already shares buffers
 * the same way.
 */

import * as tf from '@tensorflow/tfjs-core';

let installed = false;

interface RefCountingBackend {
  incRef(dataId: object): void;
}

/** Replaces the WASM Identity kernel by a buffer-sharing one (idempotent). */
export function installSharedIdentityKernel(): void {
  if (installed) return;
  const original = tf.getKernel('Identity', 'wasm');
  if (!original) return;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs['x'] as tf.TensorInfo;
      if (x.dtype === 'string') return original.kernelFunc(args);
      (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
  installed = true;
}
