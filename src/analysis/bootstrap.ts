/**
 * Bootstrap uncertainty of test metrics: the test events are resampled
 * with replacement, and AUC and accuracy are recomputed on every resample.
 * Several models scored on the same events share the same resamples, so
 * their difference gets a paired interval. Probabilities are row-major
 * `[events, classes]`, as in `metrics.ts`.
 */

import { createRandom } from '../graph/random';
import { argmaxRow } from './metrics';

/** A point estimate with its bootstrap spread. */
export interface Interval {
  /** Value on the full test set. */
  value: number;
  /** Lower end of the percentile interval. */
  low: number;
  /** Upper end of the percentile interval. */
  high: number;
  /** Standard deviation over the resamples. */
  std: number;
}

/** Options of `bootstrapMetrics`. */
export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Seed of the resampling (default 1). */
  seed?: number;
  /** Coverage of the percentile interval (default 0.95). */
  level?: number;
}

/** Test AUC and accuracy of one model with their intervals. */
export interface MetricIntervals {
  auc: Interval;
  accuracy: Interval;
}

/** Intervals of each model, and of model 0 minus model 1 when given two. */
export interface BootstrapSummary {
  models: MetricIntervals[];
  /** AUC of the first model minus AUC of the second, paired. */
  aucDifference: Interval | null;
  resamples: number;
}

/** Raw metric values on every resample, per model. */
export interface BootstrapSamples {
  /** `auc[model][resample]`; NaN where a resample lacks a class. */
  auc: Float64Array[];
  accuracy: Float64Array[];
}

/**
 * Returns, per class, the event indices sorted by falling probability of
 * that class (binary: class 1 only), so each resample costs O(events).
 */
function sortedOrders(
  probabilities: ArrayLike<number>,
  events: number,
  classes: number,
): Int32Array[] {
  const scored =
    classes === 2 ? [1] : Array.from({ length: classes }, (_, c) => c);
  return scored.map((c) => {
    const order = Int32Array.from({ length: events }, (_, i) => i);
    order.sort(
      (a, b) =>
        (probabilities[b * classes + c] ?? 0) -
        (probabilities[a * classes + c] ?? 0),
    );
    return order;
  });
}

/**
 * Returns the AUC of class `c` against the rest with each event counted
 * `counts[i]` times: the Mann–Whitney statistic, tied scores counting
 * one half, summed group by group over the sorted order. NaN when the
 * resample has no positive or no negative event.
 */
export function weightedAuc(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  c: number,
  order: ArrayLike<number>,
  counts: ArrayLike<number>,
): number {
  let positivesAbove = 0;
  let wins = 0;
  let negatives = 0;
  let k = 0;
  while (k < order.length) {
    const score = probabilities[(order[k] ?? 0) * classes + c];
    let groupPositive = 0;
    let groupNegative = 0;
    // Events with equal scores form one group: their pairs count 1/2.
    while (
      k < order.length &&
      probabilities[(order[k] ?? 0) * classes + c] === score
    ) {
      const i = order[k] ?? 0;
      const w = counts[i] ?? 0;
      if (labels[i] === c) groupPositive += w;
      else groupNegative += w;
      k++;
    }
    wins += groupNegative * (positivesAbove + groupPositive / 2);
    positivesAbove += groupPositive;
    negatives += groupNegative;
  }
  const pairs = positivesAbove * negatives;
  return pairs > 0 ? wins / pairs : NaN;
}

/** Returns the binary or macro one-vs-rest AUC under event counts. */
function resampledAuc(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  orders: Int32Array[],
  counts: ArrayLike<number>,
): number {
  if (classes === 2) {
    return weightedAuc(probabilities, labels, 2, 1, orders[0]!, counts);
  }
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < classes; c++) {
    const auc = weightedAuc(
      probabilities,
      labels,
      classes,
      c,
      orders[c]!,
      counts,
    );
    // A class absent from the resample has no one-vs-rest AUC.
    if (Number.isNaN(auc)) continue;
    sum += auc;
    counted++;
  }
  return counted > 0 ? sum / counted : NaN;
}

/** Returns the accuracy with each event counted `counts[i]` times. */
function resampledAccuracy(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  counts: ArrayLike<number>,
): number {
  let correct = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = counts[i] ?? 0;
    total += w;
    if (argmaxRow(probabilities, i, classes) === labels[i]) correct += w;
  }
  return total > 0 ? correct / total : NaN;
}

/**
 * Fills `counts` with how often each of its events is drawn in one
 * resample: `counts.length` draws of `floor(random() · n)`.
 */
export function drawResample(counts: Float64Array, random: () => number): void {
  const n = counts.length;
  counts.fill(0);
  for (let draw = 0; draw < n; draw++) {
    const i = Math.floor(random() * n);
    counts[i] = (counts[i] ?? 0) + 1;
  }
}

/** Returns AUC and accuracy of every model on every resample. */
export function bootstrapSamples(
  predictions: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  classes: number,
  options: BootstrapOptions = {},
): BootstrapSamples {
  const resamples = options.resamples ?? 1000;
  const random = createRandom(options.seed ?? 1);
  const orders = predictions.map((p) =>
    sortedOrders(p, labels.length, classes),
  );
  const auc = predictions.map(() => new Float64Array(resamples));
  const accuracy = predictions.map(() => new Float64Array(resamples));
  const counts = new Float64Array(labels.length);
  for (let r = 0; r < resamples; r++) {
    drawResample(counts, random);
    predictions.forEach((p, m) => {
      auc[m]![r] = resampledAuc(p, labels, classes, orders[m]!, counts);
      accuracy[m]![r] = resampledAccuracy(p, labels, classes, counts);
    });
  }
  return { auc, accuracy };
}

/** Returns the q-quantile of sorted values, interpolating linearly. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  const lower = sorted[below] ?? NaN;
  return lower + ((sorted[above] ?? NaN) - lower) * (at - below);
}

/** Summarises resample values around a point estimate. */
export function toInterval(
  value: number,
  samples: ArrayLike<number>,
  level = 0.95,
): Interval {
  const finite = Array.from(samples).filter(Number.isFinite);
  finite.sort((a, b) => a - b);
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const variance =
    finite.reduce((s, v) => s + (v - mean) ** 2, 0) /
    Math.max(1, finite.length - 1);
  const tail = (1 - level) / 2;
  return {
    value,
    low: quantile(finite, tail),
    high: quantile(finite, 1 - tail),
    std: Math.sqrt(variance),
  };
}

/**
 * Returns test AUC (binary, or macro one-vs-rest for more classes) and
 * accuracy of each model with bootstrap intervals over the test events,
 * and the paired AUC difference of the first two models.
 */
export function bootstrapMetrics(
  predictions: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  classes: number,
  options: BootstrapOptions = {},
): BootstrapSummary {
  const level = options.level ?? 0.95;
  const samples = bootstrapSamples(predictions, labels, classes, options);
  const ones = new Float64Array(labels.length).fill(1);
  const models = predictions.map((p, m) => {
    const orders = sortedOrders(p, labels.length, classes);
    return {
      auc: toInterval(
        resampledAuc(p, labels, classes, orders, ones),
        samples.auc[m]!,
        level,
      ),
      accuracy: toInterval(
        resampledAccuracy(p, labels, classes, ones),
        samples.accuracy[m]!,
        level,
      ),
    };
  });
  let aucDifference: Interval | null = null;
  const [first, second] = models;
  if (first && second) {
    const a = samples.auc[0]!;
    const b = samples.auc[1]!;
    aucDifference = toInterval(
      first.auc.value - second.auc.value,
      a.map((v, r) => v - (b[r] ?? NaN)),
      level,
    );
  }
  return { models, aucDifference, resamples: options.resamples ?? 1000 };
}
