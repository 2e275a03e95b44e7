/**
 * Kernels that this network adds to the tfjs 4.22 WASM backend.
 *
 * - Identity shares its input's buffer. tfjs clones every tensor it saves
 *   for a backward pass through Identity, and the WASM Identity copies the
 *   data, which cost about 10 % of a training step of this network.
 *   Tensors are immutable, so sharing the buffer with a reference count is
 *   safe; the WASM Reshape kernel already shares buffers the same way.
 * - `WeightGradient` (xᵀ·dy) and `ColumnSums` run the SIMD code of
 *   `wasm/kernels.ts` on the backend's own memory (see there for why).
 *
 * On other backends `weightGradient` and `columnSums` fall back to plain
 * tfjs ops.
 */

import * as tf from '@tensorflow/tfjs-core';
import { instantiateKernels, type KernelExports } from './wasm/kernels';

const WEIGHT_GRADIENT = 'EventLensWeightGradient';
const COLUMN_SUMS = 'EventLensColumnSums';
const ADAM = 'EventLensAdam';

/** Settings of one Adam update (see `adamUpdate`). */
export interface AdamSettings {
  rate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Bias corrections 1 / (1 − β₁ᵗ) and 1 / (1 − β₂ᵗ) of step t. */
  firstScale: number;
  secondScale: number;
}

/** What the kernels use of tfjs-backend-wasm's BackendWasm. */
interface WasmBackendInternals {
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  wasm: {
    wasmMemory?: WebAssembly.Memory;
    asm?: { memory?: WebAssembly.Memory };
  };
}

let installed = false;
let kernels: KernelExports | null = null;

/**
 * Installs the kernels on the registered WASM backend (idempotent). Call
 * after `tf.setBackend('wasm')` has resolved.
 */
export function installWasmKernels(): void {
  installSharedIdentityKernel();
  installTrainingKernels();
}

/** True when `weightGradient` and `columnSums` run the SIMD kernels. */
export function simdTrainingKernelsActive(): boolean {
  return kernels !== null && tf.getBackend() === 'wasm';
}

/** Byte address of a tensor's data in the WASM memory. */
function address(backend: WasmBackendInternals, t: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error('WASM kernel input has no data on the heap.');
  return data.memoryOffset;
}

function installTrainingKernels(): void {
  if (kernels) return;
  const backend = tf.findBackend('wasm') as unknown as
    WasmBackendInternals | undefined;
  const memory = backend?.wasm.wasmMemory ?? backend?.wasm.asm?.memory;
  if (!memory) return;
  let exports: KernelExports;
  try {
    exports = instantiateKernels(memory);
  } catch {
    // No WebAssembly SIMD here (tfjs then runs its plain WASM build):
    // the fallbacks below use plain tfjs ops.
    return;
  }
  tf.registerKernel({
    kernelName: WEIGHT_GRADIENT,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: b }) => {
      const wasm = b as unknown as WasmBackendInternals;
      const x = inputs['x'] as tf.TensorInfo;
      const dy = inputs['dy'] as tf.TensorInfo;
      const [rows, features] = x.shape as [number, number];
      const outputs = dy.shape[1]!;
      const out = wasm.makeOutput([features, outputs], 'float32');
      exports.weightGradient(
        address(wasm, x),
        address(wasm, dy),
        address(wasm, out),
        rows,
        features,
        outputs,
      );
      return out;
    },
  });
  tf.registerKernel({
    kernelName: COLUMN_SUMS,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: b }) => {
      const wasm = b as unknown as WasmBackendInternals;
      const x = inputs['x'] as tf.TensorInfo;
      const [rows, columns] = x.shape as [number, number];
      const out = wasm.makeOutput([columns], 'float32');
      exports.columnSums(address(wasm, x), address(wasm, out), rows, columns);
      return out;
    },
  });
  tf.registerKernel({
    kernelName: ADAM,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: b, attrs }) => {
      const wasm = b as unknown as WasmBackendInternals;
      const s = attrs as unknown as AdamSettings;
      const [x, g, m, v] = (['x', 'g', 'm', 'v'] as const).map(
        (name) => inputs[name] as tf.TensorInfo,
      ) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
      const outs = [x, m, v].map((t) => wasm.makeOutput(t.shape, 'float32'));
      const [xOut, mOut, vOut] = outs as [
        tf.TensorInfo,
        tf.TensorInfo,
        tf.TensorInfo,
      ];
      exports.adam(
        address(wasm, x),
        address(wasm, g),
        address(wasm, m),
        address(wasm, v),
        address(wasm, xOut),
        address(wasm, mOut),
        address(wasm, vOut),
        tf.util.sizeFromShape(x.shape),
        s.rate,
        s.beta1,
        s.beta2,
        s.epsilon,
        s.firstScale,
        s.secondScale,
      );
      return outs;
    },
  });
  kernels = exports;
}

/** Returns xᵀ·dy for x `[rows, in]`, dy `[rows, out]` → `[in, out]`. */
export function weightGradient(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  if (simdTrainingKernelsActive() && dy.shape[1] % 4 === 0) {
    return tf.engine().runKernel(WEIGHT_GRADIENT, { x, dy }) as tf.Tensor2D;
  }
  return tf.matMul(x, dy, true, false);
}

/** Returns the column sums `[columns]` of x `[rows, columns]`. */
export function columnSums(x: tf.Tensor2D): tf.Tensor1D {
  if (simdTrainingKernelsActive() && x.shape[1] % 4 === 0) {
    return tf.engine().runKernel(COLUMN_SUMS, { x }) as tf.Tensor1D;
  }
  return tf.sum(x, 0);
}

/**
 * Returns the weights and moments after one Adam update, [x', m', v']:
 * m' = β₁·m + (1 − β₁)·g, v' = β₂·v + (1 − β₂)·g², and
 * x' = x − rate·(m'·firstScale) / (√(v'·secondScale) + ε).
 */
export function adamUpdate(
  x: tf.Tensor,
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  s: AdamSettings,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  if (simdTrainingKernelsActive()) {
    const attrs = { ...s } as unknown as tf.NamedAttrMap;
    return tf.engine().runKernel(ADAM, { x, g, m, v }, attrs) as unknown as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
  }
  return tf.tidy(() => {
    const m1 = tf.add(tf.mul(m, s.beta1), tf.mul(g, 1 - s.beta1));
    const v1 = tf.add(tf.mul(v, s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
    const step = tf.div(
      tf.mul(m1, s.rate * s.firstScale),
      tf.add(tf.sqrt(tf.mul(v1, s.secondScale)), s.epsilon),
    );
    return [tf.sub(x, step), m1, v1];
  });
}

/** Replaces the WASM Identity kernel by a buffer-sharing one (idempotent). */
function installSharedIdentityKernel(): void {
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
      (args.backend as unknown as WasmBackendInternals).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
  installed = true;
}
