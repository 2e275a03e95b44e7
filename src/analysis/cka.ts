/**
 * Linear centred kernel alignment (CKA, Kornblith et al., ICML 2019)
 * between every layer of one model and every layer of another.
 *
 * Features arrive in minibatches as float32 rows, one row per event and
 * layer. Each layer is shifted by the mean of its first batch before any
 * product, so raw offsets as large as MeV values do not wash the signal
 * out. Every sum is kept in float64, and n can grow without bound.
 */

import { EventLensError } from '../core/errors';
import {
  addBlock,
  addPair,
  biasedHsic,
  createBlockMoments,
  createPairMoments,
  shiftRows,
  unbiasedHsic,
  type BlockMoments,
  type PairMoments,
} from './ckaMoments';

/**
 * HSIC estimator. "biased" is tr(KHLH)/(n−1)², whose CKA is pulled
 * towards 1 for small n. "unbiased" is Song et al.'s U-statistic, as used
 * for minibatch CKA; it needs n ≥ 4 and may dip slightly below 0.
 */
export type HsicEstimator = 'biased' | 'unbiased';

/** A layer's name and feature width (64 for every tap of the model). */
export interface CkaLayer {
  name: string;
  width: number;
}

/** A layers × layers CKA matrix. */
export interface CkaMatrix {
  layersA: string[];
  layersB: string[];
  estimator: HsicEstimator;
  /** Number of events the moments were summed over. */
  events: number;
  /**
   * `cka[i][j]` compares layer i of A with layer j of B; null where it is
   * undefined because a layer has no variance over the sample.
   */
  cka: (number | null)[][];
  /** Sentences a person should read beside the matrix. */
  warnings: string[];
}

/** Smallest sample for which each estimator is defined. */
export const MIN_EVENTS: Record<HsicEstimator, number> = {
  biased: 2,
  unbiased: 4,
};

interface Side {
  layers: CkaLayer[];
  centres: Float64Array[];
  blocks: BlockMoments[];
  selfPairs: PairMoments[];
}

function createSide(layers: CkaLayer[]): Side {
  return {
    layers,
    centres: [],
    blocks: layers.map((l) => createBlockMoments(l.width)),
    selfPairs: layers.map((l) => createPairMoments(l.width, l.width)),
  };
}

/** Sums the moments of two models' layers over minibatches of events. */
export class CkaAccumulator {
  private readonly a: Side;
  private readonly b: Side;
  private readonly pairs: PairMoments[][];
  private total = 0;

  constructor(layersA: CkaLayer[], layersB: CkaLayer[]) {
    if (layersA.length === 0 || layersB.length === 0) {
      throw new EventLensError(
        'engine/invalid-request',
        'CKA needs at least one layer on each side; got ' +
          `${layersA.length} and ${layersB.length}.`,
      );
    }
    this.a = createSide(layersA);
    this.b = createSide(layersB);
    this.pairs = layersA.map((x) =>
      layersB.map((y) => createPairMoments(x.width, y.width)),
    );
  }

  /** Number of events added so far. */
  get events(): number {
    return this.total;
  }

  /**
   * Adds `rows` events: `featuresA[k]` contains layer k of model A as
   * `[rows, width]` row-major, and likewise for B.
   */
  add(featuresA: Float32Array[], featuresB: Float32Array[], rows: number) {
    if (rows === 0) return;
    const shiftedA = this.prepare(this.a, featuresA, rows, 'A');
    const shiftedB = this.prepare(this.b, featuresB, rows, 'B');
    shiftedA.forEach((x, i) => {
      shiftedB.forEach((y, j) => {
        addPair(this.pairs[i]![j]!, x.shifted, x.norms, y.shifted, y.norms);
      });
    });
    this.total += rows;
  }

  /** Returns the CKA matrix of everything added, with `estimator`. */
  result(estimator: HsicEstimator): CkaMatrix {
    checkSampleSize(this.total, estimator);
    const hsic = estimator === 'biased' ? biasedHsic : unbiasedHsic;
    const n = this.total;
    const selfA = this.a.layers.map((_, i) =>
      hsic(this.a.selfPairs[i]!, this.a.blocks[i]!, this.a.blocks[i]!, n),
    );
    const selfB = this.b.layers.map((_, j) =>
      hsic(this.b.selfPairs[j]!, this.b.blocks[j]!, this.b.blocks[j]!, n),
    );
    const cka = this.pairs.map((row, i) =>
      row.map((pair, j) => {
        const cross = hsic(pair, this.a.blocks[i]!, this.b.blocks[j]!, n);
        return normalise(cross, selfA[i]!, selfB[j]!);
      }),
    );
    return {
      layersA: this.a.layers.map((l) => l.name),
      layersB: this.b.layers.map((l) => l.name),
      estimator,
      events: n,
      cka,
      warnings: [
        ...flatLayerWarnings(this.a.layers, selfA, 'A', estimator),
        ...flatLayerWarnings(this.b.layers, selfB, 'B', estimator),
      ],
    };
  }

  private prepare(
    side: Side,
    features: Float32Array[],
    rows: number,
    label: string,
  ) {
    checkFeatures(side.layers, features, rows, label);
    if (side.centres.length === 0) {
      side.centres = features.map((f, k) =>
        meanRow(f, rows, side.layers[k]!.width),
      );
    }
    return features.map((f, k) => {
      const block = shiftRows(f, rows, side.centres[k]!);
      addBlock(side.blocks[k]!, block.shifted, block.norms);
      addPair(
        side.selfPairs[k]!,
        block.shifted,
        block.norms,
        block.shifted,
        block.norms,
      );
      return block;
    });
  }
}

/** Computes the CKA matrix of two full feature sets in one batch. */
export function ckaMatrix(
  layersA: CkaLayer[],
  featuresA: Float32Array[],
  layersB: CkaLayer[],
  featuresB: Float32Array[],
  rows: number,
  estimator: HsicEstimator,
): CkaMatrix {
  const accumulator = new CkaAccumulator(layersA, layersB);
  accumulator.add(featuresA, featuresB, rows);
  return accumulator.result(estimator);
}

/**
 * Returns the diagonal: each layer of A against the layer of B with the
 * same name, or null where B has no such layer.
 */
export function ckaDiagonal(matrix: CkaMatrix): (number | null)[] {
  return matrix.layersA.map((name, i) => {
    const j = matrix.layersB.indexOf(name);
    return j < 0 ? null : (matrix.cka[i]![j] ?? null);
  });
}

function normalise(cross: number, selfA: number, selfB: number) {
  if (!(selfA > 0) || !(selfB > 0)) return null;
  const value = cross / Math.sqrt(selfA * selfB);
  return Number.isFinite(value) ? value : null;
}

function checkSampleSize(n: number, estimator: HsicEstimator): void {
  const minimum = MIN_EVENTS[estimator];
  if (n >= minimum) return;
  const why =
    estimator === 'unbiased'
      ? 'because its normalisation n(n − 3) must be positive'
      : 'because a covariance needs two events';
  throw new EventLensError(
    'engine/invalid-request',
    `The ${estimator} CKA estimator needs at least ${minimum} events, ` +
      `${why}; the sample has ${n}. Choose a larger sample` +
      (estimator === 'unbiased' ? ' or the biased estimator.' : '.'),
    { events: n, minimum, estimator },
  );
}

function checkFeatures(
  layers: CkaLayer[],
  features: Float32Array[],
  rows: number,
  label: string,
): void {
  if (features.length !== layers.length) {
    throw new EventLensError(
      'engine/invalid-request',
      `Model ${label}: expected features for ${layers.length} layers, ` +
        `received ${features.length}.`,
    );
  }
  features.forEach((f, k) => {
    const layer = layers[k]!;
    const expected = rows * layer.width;
    if (f.length < expected) {
      throw new EventLensError(
        'engine/invalid-request',
        `Model ${label}, layer ${layer.name}: expected [${rows}, ` +
          `${layer.width}] features (${expected} values), received ${f.length}.`,
      );
    }
    for (let i = 0; i < expected; i++) {
      if (Number.isFinite(f[i]!)) continue;
      throw new EventLensError(
        'engine/invalid-request',
        `Model ${label}, layer ${layer.name}: feature ${i % layer.width} of ` +
          `event ${Math.floor(i / layer.width)} in this batch is ${f[i]}. ` +
          'Check the model weights and the input events.',
      );
    }
  });
}

function meanRow(rows: Float32Array, count: number, width: number) {
  const mean = new Float64Array(width);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < width; p++) mean[p]! += rows[i * width + p]!;
  }
  for (let p = 0; p < width; p++) mean[p]! /= count;
  return mean;
}

function flatLayerWarnings(
  layers: CkaLayer[],
  selfHsic: number[],
  label: string,
  estimator: HsicEstimator,
): string[] {
  const flat = layers.filter((_, k) => !(selfHsic[k]! > 0));
  if (flat.length === 0) return [];
  const names = flat.map((l) => l.name).join(', ');
  const reason =
    estimator === 'unbiased'
      ? 'has no variance over the sample, or too few events for the ' +
        'unbiased estimate of its self-similarity to be positive'
      : 'has no variance over the sample';
  return [
    `Model ${label}: ${names} ${reason}, so its CKA is undefined and ` +
      'shown as a blank cell.',
  ];
}

/**
 * Returns the display name of a tap: "step0/edge" becomes "step 1 edge",
 * because the page counts processing steps from 1.
 */
export function layerLabel(tap: string): string {
  const step = /^step(\d+)\/(.+)$/.exec(tap);
  if (step) return `step ${Number(step[1]) + 1} ${step[2]}`;
  return tap.replace('/', ' ');
}
