/**
 * SIMD kernels for the training step on the WASM backend, written with
 * the assembler in `assembler.ts`. They take byte addresses of tfjs
 * tensors in the tfjs WASM module's memory, read the inputs there and
 * write outputs that the caller has allocated.
 *
 * - `weightGradient` (Xᵀ·dZ) and `columnSums` (`matrixKernels.ts`):
 *   tfjs 4.22's WASM matMul hands its second operand to XNNPACK as the
 *   weights of a fully connected layer, which XNNPACK packs into its own
 *   layout on every call. For a weight gradient over 9,216 edges that
 *   packing cost about as much as the product, and a transposed operand
 *   falls back to a scalar loop. These kernels read row-major activations
 *   directly.
 * - `reluGradient` and `weightedSum` (`matrixKernels.ts`), `layerNorm` and
 *   `layerNormGradient` (`layerNormKernels.ts`): one pass in place of
 *   several tfjs kernels, each a pass over the whole activation.
 * - `adam` (`adamKernel.ts`): one call per weight tensor in place of about
 *   thirteen.
 */

import { encodeModule, type ExportedFunction } from './assembler';
import { adamFunction } from './adamKernel';
import {
  layerNormFunction,
  layerNormGradientFunction,
} from './layerNormKernels';
import {
  columnSumsFunction,
  reluGradientFunction,
  weightGradientFunction,
  weightedSumFunction,
} from './matrixKernels';

/** The kernels' exported functions, by name. */
export interface KernelExports {
  weightGradient(
    x: number,
    dz: number,
    out: number,
    rows: number,
    inputs: number,
    outputs: number,
  ): void;
  columnSums(x: number, out: number, rows: number, columns: number): void;
  reluGradient(dy: number, y: number, dz: number, n: number): void;
  weightedSum(
    x: number,
    weights: number,
    out: number,
    groups: number,
    members: number,
    features: number,
  ): void;
  adam(
    x: number,
    g: number,
    m: number,
    v: number,
    xOut: number,
    mOut: number,
    vOut: number,
    n: number,
    rate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    firstScale: number,
    secondScale: number,
  ): void;
  layerNorm(
    x: number,
    gamma: number,
    beta: number,
    y: number,
    mean: number,
    rstd: number,
    rows: number,
    features: number,
    epsilon: number,
  ): void;
  layerNormGradient(
    dy: number,
    x: number,
    mean: number,
    rstd: number,
    gamma: number,
    dx: number,
    dGamma: number,
    dBeta: number,
    rows: number,
    features: number,
  ): void;
}

/** Encodes the kernel module for a shared or unshared memory. */
export function kernelModuleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const functions: ExportedFunction[] = [
    { name: 'weightGradient', builder: weightGradientFunction() },
    { name: 'columnSums', builder: columnSumsFunction() },
    { name: 'reluGradient', builder: reluGradientFunction() },
    { name: 'adam', builder: adamFunction() },
    { name: 'weightedSum', builder: weightedSumFunction() },
    { name: 'layerNorm', builder: layerNormFunction() },
    { name: 'layerNormGradient', builder: layerNormGradientFunction() },
  ];
  return encodeModule(functions, shared);
}

/** Instantiates the kernels on `memory` (tfjs's WASM memory or a test's). */
export function instantiateKernels(memory: WebAssembly.Memory): KernelExports {
  const shared =
    typeof SharedArrayBuffer !== 'undefined' &&
    memory.buffer instanceof SharedArrayBuffer;
  const module = new WebAssembly.Module(kernelModuleBytes(shared));
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
