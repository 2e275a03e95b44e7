import { describe, expect, it } from 'vitest';
import { createRandom } from '../graph/random';
import {
  bootstrapMetrics,
  bootstrapSamples,
  quantile,
  weightedAuc,
} from './bootstrap';
import { accuracy, macroAuc } from './metrics';

/** Independent AUC: how often a positive outscores a negative, ties 1/2. */
function pairwiseAuc(scores: number[], positives: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    for (let j = 0; j < scores.length; j++) {
      if (!positives[i] || positives[j]) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return pairs > 0 ? wins / pairs : NaN;
}

/** Seeded binary test set: class-1 probability rises with the label. */
function binaryScores(events: number, seed: number, overlap = 0.6) {
  const random = createRandom(seed);
  const labels = Int32Array.from({ length: events }, (_, i) => i % 2);
  const probabilities = new Float32Array(events * 2);
  labels.forEach((label, i) => {
    // Rounded to 0.05 so that ties occur.
    const p =
      Math.round((label * (1 - overlap) + overlap * random()) * 20) / 20;
    probabilities[2 * i] = 1 - p;
    probabilities[2 * i + 1] = p;
  });
  return { labels, probabilities };
}

/** Seeded K-class probabilities that favour the true class. */
function multiclassScores(events: number, classes: number, seed: number) {
  const random = createRandom(seed);
  const labels = Int32Array.from({ length: events }, (_, i) => i % classes);
  const probabilities = new Float32Array(events * classes);
  labels.forEach((label, i) => {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const v = random() + (c === label ? 0.6 : 0);
      probabilities[i * classes + c] = v;
      sum += v;
    }
    for (let c = 0; c < classes; c++) probabilities[i * classes + c]! /= sum;
  });
  return { labels, probabilities };
}

/** Draws resamples with the same generator calls as the module. */
function referenceResamples(events: number, resamples: number, seed: number) {
  const random = createRandom(seed);
  return Array.from({ length: resamples }, () =>
    Array.from({ length: events }, () => Math.floor(random() * events)),
  );
}

describe('bootstrap of test metrics', () => {
  it('weighted AUC equals pairwise AUC on repeated events', () => {
    const { labels, probabilities } = binaryScores(40, 3);
    const counts = Array.from({ length: 40 }, (_, i) => i % 3);
    const order = Array.from({ length: 40 }, (_, i) => i).sort(
      (a, b) => probabilities[2 * b + 1]! - probabilities[2 * a + 1]!,
    );
    const scores: number[] = [];
    const positives: boolean[] = [];
    counts.forEach((count, i) => {
      for (let k = 0; k < count; k++) {
        scores.push(probabilities[2 * i + 1]!);
        positives.push(labels[i] === 1);
      }
    });
    const auc = weightedAuc(probabilities, labels, 2, 1, order, counts);
    expect(auc).toBeCloseTo(pairwiseAuc(scores, positives), 12);
  });

  it('resampled binary AUCs match an explicit reference', () => {
    const { labels, probabilities } = binaryScores(60, 5);
    const samples = bootstrapSamples([probabilities], labels, 2, {
      resamples: 50,
      seed: 9,
    });
    const draws = referenceResamples(60, 50, 9);
    draws.forEach((draw, r) => {
      const scores = draw.map((i) => probabilities[2 * i + 1]!);
      const positives = draw.map((i) => labels[i] === 1);
      expect(samples.auc[0]![r]).toBeCloseTo(
        pairwiseAuc(scores, positives),
        12,
      );
      const correct = draw.filter(
        (i) =>
          (probabilities[2 * i + 1]! > probabilities[2 * i]! ? 1 : 0) ===
          labels[i],
      ).length;
      expect(samples.accuracy[0]![r]).toBeCloseTo(correct / 60, 12);
    });
  });

  it('resampled macro AUC matches a one-vs-rest reference', () => {
    const classes = 3;
    const { labels, probabilities } = multiclassScores(45, classes, 8);
    const samples = bootstrapSamples([probabilities], labels, classes, {
      resamples: 20,
      seed: 4,
    });
    referenceResamples(45, 20, 4).forEach((draw, r) => {
      const perClass: number[] = [];
      for (let c = 0; c < classes; c++) {
        const scores = draw.map((i) => probabilities[i * classes + c]!);
        const auc = pairwiseAuc(
          scores,
          draw.map((i) => labels[i] === c),
        );
        if (!Number.isNaN(auc)) perClass.push(auc);
      }
      const mean = perClass.reduce((s, v) => s + v, 0) / perClass.length;
      expect(samples.auc[0]![r]).toBeCloseTo(mean, 12);
    });
  });

  it('point estimates equal the metrics module', () => {
    const binary = binaryScores(80, 2);
    const multi = multiclassScores(90, 4, 6);
    const b = bootstrapMetrics([binary.probabilities], binary.labels, 2, {
      resamples: 10,
    });
    const m = bootstrapMetrics([multi.probabilities], multi.labels, 4, {
      resamples: 10,
    });
    expect(b.models[0]!.auc.value).toBeCloseTo(
      macroAuc(binary.probabilities, binary.labels, 2),
      12,
    );
    expect(b.models[0]!.accuracy.value).toBeCloseTo(
      accuracy(binary.probabilities, binary.labels, 2),
      12,
    );
    expect(m.models[0]!.auc.value).toBeCloseTo(
      macroAuc(multi.probabilities, multi.labels, 4),
      12,
    );
  });

  it('interval ends are percentiles of the resamples', () => {
    const { labels, probabilities } = binaryScores(70, 12);
    const options = { resamples: 200, seed: 3 };
    const samples = bootstrapSamples([probabilities], labels, 2, options);
    const summary = bootstrapMetrics([probabilities], labels, 2, options);
    const sorted = Array.from(samples.auc[0]!).sort((a, b) => a - b);
    // Type-7 quantile written out: position q·(n − 1), linear in between.
    const at = 0.025 * 199;
    const low =
      sorted[Math.floor(at)]! +
      (sorted[Math.floor(at) + 1]! - sorted[Math.floor(at)]!) *
        (at - Math.floor(at));
    expect(summary.models[0]!.auc.low).toBeCloseTo(low, 12);
    expect(summary.models[0]!.auc.low).toBeLessThan(
      summary.models[0]!.auc.value,
    );
    expect(summary.models[0]!.auc.high).toBeGreaterThan(
      summary.models[0]!.auc.value,
    );
  });

  it('spread agrees with the Hanley–McNeil standard error', () => {
    const { labels, probabilities } = binaryScores(600, 21, 0.8);
    const summary = bootstrapMetrics([probabilities], labels, 2, {
      resamples: 1000,
      seed: 2,
    });
    const a = summary.models[0]!.auc.value;
    const n = 300;
    const q1 = a / (2 - a);
    const q2 = (2 * a * a) / (1 + a);
    const se = Math.sqrt(
      (a * (1 - a) + (n - 1) * (q1 - a * a) + (n - 1) * (q2 - a * a)) / (n * n),
    );
    // Hanley–McNeil is an approximation, so only rough agreement is checked.
    expect(summary.models[0]!.auc.std).toBeGreaterThan(0.75 * se);
    expect(summary.models[0]!.auc.std).toBeLessThan(1.25 * se);
  });

  it('paired difference is zero for identical models', () => {
    const { labels, probabilities } = binaryScores(50, 7);
    const summary = bootstrapMetrics(
      [probabilities, probabilities],
      labels,
      2,
      {
        resamples: 100,
      },
    );
    expect(summary.aucDifference!.value).toBe(0);
    expect(summary.aucDifference!.low).toBe(0);
    expect(summary.aucDifference!.high).toBe(0);
  });

  it('quantile interpolates between neighbours', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
