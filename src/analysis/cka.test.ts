import { describe, expect, it } from 'vitest';
import { ckaToCsv } from './ckaCsv';
import {
  CkaAccumulator,
  ckaDiagonal,
  ckaMatrix,
  type HsicEstimator,
} from './cka';
import {
  gaussianMatrix,
  multiply,
  randomOrthogonal,
  referenceCka,
  toFloat32,
  type Matrix,
} from './ckaReference.testutil';

const ESTIMATORS: HsicEstimator[] = ['biased', 'unbiased'];

/** CKA of two single-layer feature matrices through the code under test. */
function cka(x: Matrix, y: Matrix, estimator: HsicEstimator): number {
  const result = ckaMatrix(
    [{ name: 'x', width: x.cols }],
    [toFloat32(x)],
    [{ name: 'y', width: y.cols }],
    [toFloat32(y)],
    x.rows,
    estimator,
  );
  return result.cka[0]![0]!;
}

/** Rounds a float64 matrix to float32, as taps are delivered. */
function asFloat32(m: Matrix): Matrix {
  return { ...m, data: Float64Array.from(toFloat32(m)) };
}

/** y = x W + noise: a layer that shares part of x's structure. */
function related(x: Matrix, cols: number, seed: number): Matrix {
  const mixed = multiply(x, gaussianMatrix(x.cols, cols, seed));
  const noise = gaussianMatrix(x.rows, cols, seed + 1);
  mixed.data.forEach((v, i) => (mixed.data[i] = v + 2 * noise.data[i]!));
  return mixed;
}

function scaled(m: Matrix, factor: number, offset = 0): Matrix {
  return { ...m, data: m.data.map((v) => v * factor + offset) };
}

describe('linear CKA', () => {
  for (const estimator of ESTIMATORS) {
    it(`matches the float64 reference (${estimator})`, () => {
      for (const [n, seed] of [
        [12, 1],
        [40, 2],
        [97, 3],
      ] as const) {
        const x = asFloat32(gaussianMatrix(n, 6, seed));
        const y = asFloat32(related(x, 9, seed + 10));
        const expected = referenceCka(x, y, estimator);
        expect(cka(x, y, estimator)).toBeCloseTo(expected, 4);
      }
    });

    it(`gives 1 for identical layers (${estimator})`, () => {
      const x = asFloat32(gaussianMatrix(30, 8, 4));
      expect(cka(x, x, estimator)).toBeCloseTo(1, 5);
    });

    it(`ignores rotation and scaling (${estimator})`, () => {
      const x = asFloat32(gaussianMatrix(50, 7, 5));
      const y = asFloat32(related(x, 7, 6));
      const base = cka(x, y, estimator);
      const rotation = randomOrthogonal(7, 7);
      const rotatedX = asFloat32(multiply(x, rotation));
      const rotatedY = asFloat32(multiply(y, rotation));

      expect(cka(x, rotatedX, estimator)).toBeCloseTo(1, 4);
      expect(cka(rotatedX, y, estimator)).toBeCloseTo(base, 4);
      expect(cka(x, rotatedY, estimator)).toBeCloseTo(base, 4);
      expect(cka(asFloat32(scaled(x, 250)), y, estimator)).toBeCloseTo(base, 4);
      expect(cka(x, asFloat32(scaled(y, 1e-3)), estimator)).toBeCloseTo(
        base,
        4,
      );
    });

    it(`survives a large common offset (${estimator})`, () => {
      // Values like raw MeV: a spread of 1e3 on top of 1e6. float32 keeps
      // about 7 digits, so only centring before any product saves the
      // signal.
      const x = gaussianMatrix(64, 5, 8);
      const y = related(x, 6, 9);
      const offsetX = asFloat32(scaled(x, 1e3, 1e6));
      const offsetY = asFloat32(scaled(y, 1e3, -2e6));
      // The same float32 values without the offset, exactly, in float64.
      const plainX = scaled(offsetX, 1, -1e6);
      const plainY = scaled(offsetY, 1, 2e6);

      const expected = referenceCka(plainX, plainY, estimator);
      expect(cka(offsetX, offsetY, estimator)).toBeCloseTo(expected, 4);
      expect(expected).toBeCloseTo(referenceCka(x, y, estimator), 3);
    });
  }

  it('biased estimator is biased at small n', () => {
    // Independent layers have a population CKA of 0. The biased estimate
    // sits well above it for small n and falls as n grows; the unbiased
    // one stays near 0 at every n.
    const meanCka = (n: number, estimator: HsicEstimator) => {
      let total = 0;
      const trials = 60;
      for (let t = 0; t < trials; t++) {
        const x = gaussianMatrix(n, 8, 1000 + t);
        const y = gaussianMatrix(n, 8, 5000 + t);
        total += cka(x, y, estimator);
      }
      return total / trials;
    };
    const biased = [8, 32, 128].map((n) => meanCka(n, 'biased'));
    const unbiased = [8, 32, 128].map((n) => meanCka(n, 'unbiased'));

    expect(biased[0]).toBeGreaterThan(0.4);
    expect(biased[1]).toBeLessThan(biased[0]!);
    expect(biased[2]).toBeLessThan(biased[1]!);
    expect(biased[2]).toBeGreaterThan(0.02);
    for (const value of unbiased) expect(Math.abs(value)).toBeLessThan(0.05);
  });

  it('minibatches equal one batch', () => {
    const n = 53;
    const x = asFloat32(gaussianMatrix(n, 4, 11));
    const y = asFloat32(related(x, 5, 12));
    const layersA = [{ name: 'x', width: 4 }];
    const layersB = [{ name: 'y', width: 5 }];
    const accumulator = new CkaAccumulator(layersA, layersB);
    for (let start = 0; start < n; start += 8) {
      const rows = Math.min(8, n - start);
      accumulator.add(
        [toFloat32(x).subarray(start * 4, (start + rows) * 4)],
        [toFloat32(y).subarray(start * 5, (start + rows) * 5)],
        rows,
      );
    }
    expect(accumulator.events).toBe(n);
    for (const estimator of ESTIMATORS) {
      const value = accumulator.result(estimator).cka[0]![0]!;
      expect(value).toBeCloseTo(referenceCka(x, y, estimator), 6);
    }
  });

  it('all layer pairs and named diagonal', () => {
    const x = asFloat32(gaussianMatrix(40, 4, 13));
    const y = asFloat32(related(x, 4, 14));
    const layers = [
      { name: 'encoder', width: 4 },
      { name: 'decoder', width: 4 },
    ];
    const features = [toFloat32(x), toFloat32(y)];
    const result = ckaMatrix(layers, features, layers, features, 40, 'biased');

    expect(result.cka).toHaveLength(2);
    expect(result.cka[0]![1]).toBeCloseTo(referenceCka(x, y, 'biased'), 6);
    expect(result.cka[1]![0]).toBeCloseTo(result.cka[0]![1]!, 10);
    expect(ckaDiagonal(result)).toEqual([
      expect.closeTo(1, 6),
      expect.closeTo(1, 6),
    ]);
  });

  it('unbiased rejects fewer than 4 events', () => {
    const x = asFloat32(gaussianMatrix(3, 2, 15));
    expect(() => cka(x, x, 'unbiased')).toThrow(/at least 4 events/);
    expect(cka(x, x, 'biased')).toBeCloseTo(1, 6);
  });

  it('constant layer gives null, not NaN', () => {
    const x = toFloat32(gaussianMatrix(10, 3, 16));
    const flat = new Float32Array(30).fill(7);
    const result = ckaMatrix(
      [{ name: 'x', width: 3 }],
      [x],
      [{ name: 'flat', width: 3 }],
      [flat],
      10,
      'biased',
    );
    expect(result.cka[0]![0]).toBeNull();
    expect(result.warnings.join(' ')).toMatch(/flat has no variance/);
  });

  it('non-finite feature names its layer', () => {
    const x = toFloat32(gaussianMatrix(6, 2, 17));
    x[5] = Number.NaN;
    const layers = [{ name: 'step1/node', width: 2 }];
    expect(() => ckaMatrix(layers, [x], layers, [x], 6, 'biased')).toThrow(
      /step1\/node: feature 1 of event 2 in this batch is NaN/,
    );
  });

  it('wrong feature shape is rejected', () => {
    const layers = [{ name: 'decoder', width: 4 }];
    const short = new Float32Array(10);
    expect(() =>
      ckaMatrix(layers, [short], layers, [short], 3, 'biased'),
    ).toThrow(/expected \[3, 4\] features \(12 values\), received 10/);
  });
});

describe('ckaToCsv', () => {
  const matrix = {
    layersA: ['encoder/node', 'decoder'],
    layersB: ['step0/edge', 'odd,name'],
    estimator: 'biased' as const,
    events: 10,
    cka: [
      [1, 0.25],
      [null, 0.123456789],
    ],
    warnings: [],
  };

  it('writes page labels, six decimals and blank cells', () => {
    expect(ckaToCsv(matrix)).toBe(
      'layer_a \\ layer_b,step 1 edge,"odd,name"\n' +
        'encoder node,1.000000,0.250000\n' +
        'decoder,,0.123457\n',
    );
  });

  it('names the models and the sample in comment lines', () => {
    const lines = ckaToCsv(matrix, {
      modelA: 'shipped',
      modelB: 'fine-tuned',
      sample: 'ww',
    }).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '# linear CKA, biased HSIC, 10 events of ww',
      '# rows: model A, shipped',
      '# columns: model B, fine-tuned',
    ]);
    expect(lines[3]).toBe('layer_a \\ layer_b,step 1 edge,"odd,name"');
  });
});
