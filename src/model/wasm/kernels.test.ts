import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../scripts/tfjs-node-setup';
import { createRandom } from '../../graph/random';
import { layerNormPlain, layerNormWithGradient } from '../ops';
import {
  columnSums,
  layerNormKernelsActive,
  simdTrainingKernelsActive,
  weightGradient,
} from '../wasmKernels';
import { encodeModule, F32, FunctionBuilder, I32 } from './assembler';
import { instantiateKernels } from './kernels';

/** Fills `length` floats in [-1, 1) from a seeded generator. */
function values(length: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => 2 * random() - 1);
}

/** xᵀ·dy in float64, by the definition. */
function referenceWeightGradient(
  x: Float32Array,
  dy: Float32Array,
  rows: number,
  inputs: number,
  outputs: number,
): Float64Array {
  const out = new Float64Array(inputs * outputs);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) {
      for (let j = 0; j < outputs; j++) {
        out[i * outputs + j]! += x[r * inputs + i]! * dy[r * outputs + j]!;
      }
    }
  }
  return out;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    max = Math.max(max, Math.abs(a[i]! - b[i]!));
  }
  return max;
}

describe('assembler', () => {
  it('runs an assembled summing loop', () => {
    // sum(p, n, out): out = Σᵢ p[i] − 0.25, addressing p[i] as p − 4·(−i)
    // so that a negative constant is encoded too.
    const f = new FunctionBuilder([I32, I32, I32]);
    const [p, n, out] = [0, 1, 2];
    const i = f.local(I32);
    const acc = f.local(F32);
    f.f32(0).set(acc);

    f.forLoop(
      i,
      () => f.i32(0),
      n,
      1,
      () => {
        f.get(acc).get(p).get(i).i32(-4).i32Mul().i32Sub().f32Load();
        f.f32Add().set(acc);
      },
    );
    f.get(out).get(acc).f32(-0.25).f32Add().f32Store();

    const memory = new WebAssembly.Memory({ initial: 1 });
    const bytes = encodeModule([{ name: 'sum', builder: f }], false);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: { memory },
    });
    const sum = instance.exports['sum'] as (...args: number[]) => void;
    const heap = new Float32Array(memory.buffer);
    heap.set([1, 2, 3.5, 100], 4);
    sum(16, 3, 0);
    expect(heap[0]).toBe(6.25);
    sum(16, 0, 0);
    expect(heap[0]).toBe(-0.25);
    // 200 elements: the loop counter passes 127, a two-byte LEB128.
    heap.fill(1, 4, 204);
    sum(16, 200, 0);
    expect(heap[0]).toBe(199.75);
  });
});

describe('SIMD kernels on a plain memory', () => {
  const memory = new WebAssembly.Memory({ initial: 64 });
  const kernels = instantiateKernels(memory);
  const heap = new Float32Array(memory.buffer);

  // Shapes cover partial row chunks, inputs that are not a multiple of the
  // tile height, outputs that are a multiple of 4 but not of 8, and one row.
  const shapes: [number, number, number][] = [
    [1, 1, 4],
    [5, 3, 12],
    [129, 64, 64],
    [300, 7, 64],
    [257, 13, 20],
    [1000, 192, 64],
  ];
  for (const [rows, inputs, outputs] of shapes) {
    it(`computes xᵀ·dy for [${rows}, ${inputs}] and [${rows}, ${outputs}]`, () => {
      const x = values(rows * inputs, rows + inputs);
      const dy = values(rows * outputs, rows + outputs + 1);
      // Odd float offsets: tensors need not be 16-byte aligned.
      const xAt = 3;
      const dyAt = xAt + x.length + 1;
      const outAt = dyAt + dy.length + 5;
      heap.set(x, xAt);
      heap.set(dy, dyAt);
      heap.fill(Number.NaN, outAt, outAt + inputs * outputs + 4);
      kernels.weightGradient(
        4 * xAt,
        4 * dyAt,
        4 * outAt,
        rows,
        inputs,
        outputs,
      );
      const out = heap.subarray(outAt, outAt + inputs * outputs);
      const reference = referenceWeightGradient(x, dy, rows, inputs, outputs);
      expect(maxDifference(out, reference)).toBeLessThan(1e-6 * rows + 1e-6);
      // Nothing written past the output.
      expect(heap[outAt + inputs * outputs]).toBeNaN();
    });
  }

  it('sums weighted rows per group', () => {
    // 20 features: one block of four vectors and one single vector.
    const [groups, members, features] = [9, 13, 20];
    const x = values(groups * members * features, 11);
    const weights = values(groups * members, 12);
    const xAt = 2;
    const weightsAt = xAt + x.length;
    const outAt = weightsAt + weights.length + 3;
    heap.set(x, xAt);
    heap.set(weights, weightsAt);
    heap.fill(Number.NaN, outAt, outAt + groups * features + 1);
    kernels.weightedSum(
      4 * xAt,
      4 * weightsAt,
      4 * outAt,
      groups,
      members,
      features,
    );

    const reference = new Float64Array(groups * features);
    for (let g = 0; g < groups; g++) {
      for (let m = 0; m < members; m++) {
        for (let j = 0; j < features; j++) {
          reference[g * features + j]! +=
            weights[g * members + m]! * x[(g * members + m) * features + j]!;
        }
      }
    }
    const out = heap.subarray(outAt, outAt + groups * features);
    expect(maxDifference(out, reference)).toBeLessThan(1e-5);
    expect(heap[outAt + groups * features]).toBeNaN();
  });

  it('masks gradients where the ReLU was off', () => {
    // 11 values: two SIMD groups and three single ones.
    const dy = values(11, 13);
    // Infinite gradients where the ReLU was off give 0, in a SIMD group
    // (index 2) and in the tail (index 10), and stay where it was on.
    dy[2] = Number.POSITIVE_INFINITY;
    dy[9] = Number.POSITIVE_INFINITY;
    dy[10] = Number.NEGATIVE_INFINITY;
    const y = [0.5, 0, -1, 2, 0, 3, -0.1, 1e-6, 0, 4, -2];
    heap.set(dy, 1);
    heap.set(y, 20);
    heap.fill(Number.NaN, 40, 52);
    kernels.reluGradient(4, 80, 160, 11);
    const expected = dy.map((d, i) => (y[i]! > 0 ? d : 0));
    expect(Array.from(heap.subarray(40, 51))).toEqual(Array.from(expected));
    expect(heap[51]).toBeNaN();
  });

  it('sums the columns of a matrix', () => {
    const rows = 777;
    const columns = 68;
    const x = values(rows * columns, 9);
    heap.set(x, 1);
    heap.fill(Number.NaN, 1 + x.length, 1 + x.length + columns + 1);
    const outAt = 1 + x.length;
    kernels.columnSums(4, 4 * outAt, rows, columns);
    const reference = new Float64Array(columns);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < columns; j++) {
        reference[j]! += x[r * columns + j]!;
      }
    }
    const out = heap.subarray(outAt, outAt + columns);
    expect(maxDifference(out, reference)).toBeLessThan(1e-4);
    expect(heap[outAt + columns]).toBeNaN();
  });
});

describe('SIMD kernels on the tfjs WASM backend', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(() => useBackend('wasm'));

  it('is active after the backend starts', () => {
    expect(simdTrainingKernelsActive()).toBe(true);
  });

  it('matches CPU matMul and sum', async () => {
    const rows = 450;
    const x = values(rows * 19, 1);
    const dy = values(rows * 64, 2);
    const onWasm = () =>
      tf.tidy(() => {
        const xt = tf.tensor2d(x, [rows, 19]);
        const dyt = tf.tensor2d(dy, [rows, 64]);
        return [
          weightGradient(xt, dyt).dataSync().slice(),
          columnSums(dyt).dataSync().slice(),
        ];
      });
    const before = tf.memory().numTensors;
    const [grad, sums] = onWasm();
    expect(tf.memory().numTensors).toBe(before);

    await useBackend('cpu');
    expect(simdTrainingKernelsActive()).toBe(false);
    const [expectedGrad, expectedSums] = tf.tidy(() => {
      const xt = tf.tensor2d(x, [rows, 19]);
      const dyt = tf.tensor2d(dy, [rows, 64]);
      return [
        tf.matMul(xt, dyt, true, false).dataSync().slice(),
        tf.sum(dyt, 0).dataSync().slice(),
      ];
    });
    expect(maxDifference(grad!, expectedGrad!)).toBeLessThan(1e-4);
    expect(maxDifference(sums!, expectedSums!)).toBeLessThan(1e-4);
  });

  it('matches autodiff LayerNorm on CPU', async () => {
    const [rows, features] = [37, 12];
    const x = values(rows * features, 5).map((v, i) => 3 * v + (i % 7));
    const gamma = values(features, 6);
    const beta = values(features, 7);
    const dy = values(rows * features, 8);
    /** Output and gradients of `norm` for the fixed inputs. */
    const run = (norm: typeof layerNormPlain) =>
      tf.tidy(() => {
        const args = [
          tf.tensor2d(x, [rows, features]),
          tf.tensor1d(gamma),
          tf.tensor1d(beta),
        ] as const;
        const y = norm(...args);
        const grads = tf.grads((a, g, b) =>
          tf.sum(
            tf.mul(
              norm(a as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D),
              tf.tensor2d(dy, [rows, features]),
            ),
          ),
        )([...args]);
        return [y, ...grads].map((t) => Array.from(t.dataSync()));
      });
    await useBackend('wasm');
    const probe = tf.zeros([1, features]) as tf.Tensor2D;
    expect(layerNormKernelsActive(probe)).toBe(true);
    probe.dispose();
    const before = tf.memory().numTensors;
    const simd = run(layerNormWithGradient);
    expect(tf.memory().numTensors).toBe(before);
    await useBackend('cpu');
    const reference = run(layerNormPlain);
    ['y', 'dx', 'dγ', 'dβ'].forEach((name, i) => {
      expect(maxDifference(simd[i]!, reference[i]!), name).toBeLessThan(1e-4);
    });
  });
});
