import { describe, expect, it } from 'vitest';
import {
  accuracy,
  areaUnderCurve,
  confusionMatrix,
  macroAuc,
  rocCurve,
} from './metrics';

/** Independent AUC: the probability that a positive outscores a negative. */
function pairwiseAuc(scores: number[], positives: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    for (let j = 0; j < scores.length; j++) {
      if (positives[i] !== 1 || positives[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('classification metrics', () => {
  it('AUC equals the pairwise ranking probability, ties included', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const scores = Array.from(
      { length: 200 },
      () => Math.round(random() * 20) / 20,
    );
    const positives = scores.map((s) => (random() < s ? 1 : 0));
    const auc = areaUnderCurve(rocCurve(scores, positives));
    expect(auc).toBeCloseTo(pairwiseAuc(scores, positives), 10);
  });

  it('ROC curve runs from (0, 0) to (1, 1)', () => {
    const curve = rocCurve([0.9, 0.1, 0.8, 0.3], [1, 0, 0, 1]);
    expect(curve.falsePositiveRate[0]).toBe(0);
    expect(curve.truePositiveRate[0]).toBe(0);
    expect(curve.falsePositiveRate.at(-1)).toBe(1);
    expect(curve.truePositiveRate.at(-1)).toBe(1);
  });

  it('macro AUC averages one-vs-rest areas over three classes', () => {
    const probabilities = [
      0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.5, 0.4, 0.1,
    ];
    const labels = [0, 1, 2, 1];
    const expected = [0, 1, 2].map((c) =>
      pairwiseAuc(
        labels.map((_, i) => probabilities[i * 3 + c]!),
        labels.map((l) => (l === c ? 1 : 0)),
      ),
    );
    const mean = expected.reduce((a, b) => a + b, 0) / 3;
    expect(macroAuc(probabilities, labels, 3)).toBeCloseTo(mean, 10);
  });

  it('confusion matrix counts true against predicted classes', () => {
    const probabilities = [0.9, 0.1, 0.4, 0.6, 0.3, 0.7, 0.8, 0.2];
    const labels = [0, 0, 1, 1];
    expect(confusionMatrix(probabilities, labels, 2)).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(accuracy(probabilities, labels, 2)).toBe(0.5);
  });
});
