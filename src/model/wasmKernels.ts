/**
 * Kernels that this network adds to the tfjs 4.22 WASM backend.
 *
 * - Identity shares its input's buffer. tfjs clones every tensor it saves
 *   for a backward pass through Identity, and the WASM Identity copies the
 *   data, which cost about 10 % of a training step of this network.
 *   Tensors are immutable, so sharing the buffer with a reference count is
 *   safe; the WASM Reshape kernel already shares buffers the same way.
 * - Weight gradient, column sums, weighted row sums, LayerNorm and its
 *   gradient, and the Adam update run the SIMD code of `wasm/kernels.ts`
 *   on the backend's own memory (see there for why).
 *
 * The functions below choose those kernels on WASM with SIMD and fall back
 * to plain tfjs ops on other backends.
 */

import * as tf from '@tensorflow/tfjs-core';
import { createLogger } from '../core/log';
import { instantiateKernels, type KernelExports } from './wasm/kernels';

const log = createLogger('engine');

const WEIGHT_GRADIENT = 'EventLensWeightGradient';
const COLUMN_SUMS = 'EventLensColumnSums';
const RELU_GRADIENT = 'EventLensReluGradient';
const ADAM = 'EventLensAdam';
const WEIGHTED_SUM = 'EventLensWeightedSum';
const LAYER_NORM = 'EventLensLayerNorm';
const LAYER_NORM_GRADIENT = 'EventLensLayerNormGradient';

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

/**
 * The parts of tfjs-backend-wasm's BackendWasm that the kernels use.
 *
 * NOTE: these are internals of tfjs-backend-wasm 4.22 (pinned in
 * package.json), not its public API. After an upgrade, the test "is active
 * after the backend starts" in `wasm/kernels.test.ts` fails if the memory
 * is no longer found, and the numeric tests fail if tensors moved.
 */
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

/** Returns true when the functions below run the SIMD kernels. */
export function simdTrainingKernelsActive(): boolean {
  return kernels !== null && tf.getBackend() === 'wasm';
}

/** Returns true when the kernels can take `tensors` (all float32). */
function simdFor(...tensors: tf.Tensor[]): boolean {
  return (
    simdTrainingKernelsActive() && tensors.every((t) => t.dtype === 'float32')
  );
}

/** Byte address of a tensor's data in the WASM memory. */
function address(backend: WasmBackendInternals, t: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error('WASM kernel input has no data on the heap.');
  return data.memoryOffset;
}

/** Computes a kernel's outputs: reads inputs, allocates outputs. */
type KernelBody = (
  input: (name: string) => tf.TensorInfo,
  output: (shape: number[]) => tf.TensorInfo,
  at: (t: tf.TensorInfo) => number,
  attrs: tf.NamedAttrMap,
) => tf.TensorInfo | tf.TensorInfo[];

function registerWasmKernel(kernelName: string, body: KernelBody): void {
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackendInternals;
      return body(
        (name) => inputs[name] as tf.TensorInfo,
        (shape) => wasm.makeOutput(shape, 'float32'),
        (t) => address(wasm, t),
        attrs ?? {},
      );
    },
  });
}

function installTrainingKernels(): void {
  if (kernels) return;
  const backend = tf.findBackend('wasm') as unknown as
    WasmBackendInternals | undefined;
  const memory = backend?.wasm.wasmMemory ?? backend?.wasm.asm?.memory;
  if (!memory) return;
  let k: KernelExports;
  try {
    k = instantiateKernels(memory);
  } catch (error) {
    // No WebAssembly SIMD here (tfjs then runs its plain WASM build), so
    // the functions below fall back to plain tfjs ops.
    log.warn(`SIMD training kernels unavailable, using tfjs ops: ${error}`);
    return;
  }

  registerWasmKernel(WEIGHT_GRADIENT, (input, output, at) => {
    const [x, dy] = [input('x'), input('dy')];
    const [rows, features] = x.shape as [number, number];
    const outputs = dy.shape[1]!;
    const out = output([features, outputs]);
    k.weightGradient(at(x), at(dy), at(out), rows, features, outputs);
    return out;
  });

  registerWasmKernel(COLUMN_SUMS, (input, output, at) => {
    const x = input('x');
    const [rows, columns] = x.shape as [number, number];
    const out = output([columns]);
    k.columnSums(at(x), at(out), rows, columns);
    return out;
  });

  registerWasmKernel(WEIGHTED_SUM, (input, output, at) => {
    const [x, weights] = [input('x'), input('weights')];
    const [groups, members] = weights.shape as [number, number];
    const features = x.shape[1]!;
    const out = output([groups, features]);
    k.weightedSum(at(x), at(weights), at(out), groups, members, features);
    return out;
  });

  registerWasmKernel(RELU_GRADIENT, (input, output, at) => {
    const [dy, y] = [input('dy'), input('y')];
    const dz = output(dy.shape);
    k.reluGradient(at(dy), at(y), at(dz), tf.util.sizeFromShape(dy.shape));
    return dz;
  });

  registerWasmKernel(ADAM, (input, output, at, attrs) => {
    const s = attrs as unknown as AdamSettings;
    const [x, g, m, v] = ['x', 'g', 'm', 'v'].map(input) as tf.TensorInfo[];
    const outs = [x!, m!, v!].map((t) => output(t.shape));
    const [xOut, mOut, vOut] = outs.map(at) as number[];
    k.adam(
      at(x!),
      at(g!),
      at(m!),
      at(v!),
      xOut!,
      mOut!,
      vOut!,
      tf.util.sizeFromShape(x!.shape),
      s.rate,
      s.beta1,
      s.beta2,
      s.epsilon,
      s.firstScale,
      s.secondScale,
    );
    return outs;
  });

  registerWasmKernel(LAYER_NORM, (input, output, at, attrs) => {
    const [x, gamma, beta] = ['x', 'gamma', 'beta'].map(input);
    const [rows, features] = x!.shape as [number, number];
    const [y, mean, rstd] = [
      output([rows, features]),
      output([rows]),
      output([rows]),
    ];
    k.layerNorm(
      at(x!),
      at(gamma!),
      at(beta!),
      at(y!),
      at(mean!),
      at(rstd!),
      rows,
      features,
      attrs['epsilon'] as number,
    );
    return [y!, mean!, rstd!];
  });

  registerWasmKernel(LAYER_NORM_GRADIENT, (input, output, at) => {
    const [dy, x, mean, rstd, gamma] = ['dy', 'x', 'mean', 'rstd', 'gamma'].map(
      input,
    );
    const [rows, features] = x!.shape as [number, number];
    const outs = [
      output([rows, features]),
      output([features]),
      output([features]),
    ];
    const [dx, dGamma, dBeta] = outs.map(at) as number[];
    k.layerNormGradient(
      at(dy!),
      at(x!),
      at(mean!),
      at(rstd!),
      at(gamma!),
      dx!,
      dGamma!,
      dBeta!,
      rows,
      features,
    );
    return outs;
  });
  kernels = k;
}

/** Returns xᵀ·dy for x `[rows, in]`, dy `[rows, out]` → `[in, out]`. */
export function weightGradient(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  if (simdFor(x, dy) && dy.shape[1] % 4 === 0) {
    return tf.engine().runKernel(WEIGHT_GRADIENT, { x, dy }) as tf.Tensor2D;
  }
  return tf.matMul(x, dy, true, false);
}

/** Returns dy where the ReLU output y is positive, else 0. */
export function reluGradient(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (simdFor(dy, y)) {
    return tf.engine().runKernel(RELU_GRADIENT, { dy, y }) as tf.Tensor;
  }
  return tf.mul(dy, tf.step(y));
}

/** Returns the column sums `[columns]` of x `[rows, columns]`. */
export function columnSums(x: tf.Tensor2D): tf.Tensor1D {
  if (simdFor(x) && x.shape[1] % 4 === 0) {
    return tf.engine().runKernel(COLUMN_SUMS, { x }) as tf.Tensor1D;
  }
  return tf.sum(x, 0);
}

/**
 * Returns Σₘ weights[g, m]·x[g·members + m] `[groups, features]` for x
 * `[groups·members, features]` and weights `[groups, members]`. No
 * gradient: `poolRows` in `ops.ts` adds one.
 */
export function weightedSum(x: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor2D {
  const [groups, members] = weights.shape;
  if (x.shape[0] !== groups * members) {
    throw new Error(
      `weightedSum: x has ${x.shape[0]} rows, expected ${groups} groups × ${members} members.`,
    );
  }
  if (simdFor(x, weights) && x.shape[1] % 4 === 0) {
    return tf.engine().runKernel(WEIGHTED_SUM, { x, weights }) as tf.Tensor2D;
  }
  return tf.tidy(() =>
    tf.sum(
      tf.mul(
        tf.reshape(x, [groups, members, x.shape[1]]),
        tf.reshape(weights, [groups, members, 1]),
      ),
      1,
    ),
  );
}

/** Returns true when `layerNormRows` and its gradient can take x. */
export function layerNormKernelsActive(x: tf.Tensor2D): boolean {
  return simdFor(x) && x.shape[1] % 4 === 0;
}

/**
 * Returns the LayerNorm of each row of x `[rows, features]`, with the row
 * means μ and inverse deviations r = 1/√(σ² + ε) that the gradient reads:
 * [y, μ, r]. Only while `layerNormKernelsActive(x)`.
 */
export function layerNormRows(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D] {
  return tf
    .engine()
    .runKernel(LAYER_NORM, { x, gamma, beta }, { epsilon }) as unknown as [
    tf.Tensor2D,
    tf.Tensor1D,
    tf.Tensor1D,
  ];
}

/** Returns [dx, dγ, dβ] of `layerNormRows` (same condition). */
export function layerNormRowsGradient(
  dy: tf.Tensor2D,
  x: tf.Tensor2D,
  mean: tf.Tensor1D,
  rstd: tf.Tensor1D,
  gamma: tf.Tensor1D,
): [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D] {
  return tf.engine().runKernel(LAYER_NORM_GRADIENT, {
    dy,
    x,
    mean,
    rstd,
    gamma,
  }) as unknown as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
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
  // The kernel writes size(x) values into buffers sized after m and v.
  if ([g, m, v].some((t) => !tf.util.arraysEqual(t.shape, x.shape))) {
    throw new Error(
      `Adam update: weight [${x.shape}], gradient [${g.shape}] and ` +
        `moments [${m.shape}], [${v.shape}] must have the same shape.`,
    );
  }
  if (simdFor(x, g, m, v)) {
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
