/**
 * Classification metrics on plain arrays: accuracy, confusion matrix, ROC
 * curve and its area (binary, and macro one-vs-rest for K classes).
 * Scores and probabilities are row-major `[events, classes]`.
 */

/** One ROC curve: false- and true-positive rates at falling thresholds. */
export interface RocCurve {
  falsePositiveRate: number[];
  truePositiveRate: number[];
  /** Score threshold of each point; the first point is (0, 0) at +∞. */
  thresholds: number[];
}

/** Returns the index of the largest value in `row` of a `[n, k]` array. */
export function argmaxRow(
  values: ArrayLike<number>,
  row: number,
  k: number,
): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let c = 0; c < k; c++) {
    const v = values[row * k + c] ?? -Infinity;
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}

/** Returns the (optionally weighted) fraction of events whose argmax is the label. */
export function accuracy(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  weights?: ArrayLike<number>,
): number {
  let correct = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights?.[i] ?? 1;
    total += w;
    if (argmaxRow(probabilities, i, classes) === labels[i]) correct += w;
  }
  return total > 0 ? correct / total : 0;
}

/** Returns counts[true][predicted], `classes × classes`. */
export function confusionMatrix(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): number[][] {
  const matrix = Array.from({ length: classes }, () =>
    new Array<number>(classes).fill(0),
  );
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? -1;
    const row = matrix[label];
    if (!row) continue;
    const predicted = argmaxRow(probabilities, i, classes);
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  return matrix;
}

/**
 * Returns the ROC curve of `scores` against binary `positives` (1 or 0).
 * Tied scores form one step, so the curve does not depend on input order.
 */
export function rocCurve(
  scores: ArrayLike<number>,
  positives: ArrayLike<number>,
  weights?: ArrayLike<number>,
): RocCurve {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  let totalPositive = 0;
  let totalNegative = 0;
  for (let i = 0; i < scores.length; i++) {
    const w = weights?.[i] ?? 1;
    if (positives[i] === 1) totalPositive += w;
    else totalNegative += w;
  }
  const curve: RocCurve = {
    falsePositiveRate: [0],
    truePositiveRate: [0],
    thresholds: [Infinity],
  };
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] ?? 0;
    const w = weights?.[i] ?? 1;
    if (positives[i] === 1) tp += w;
    else fp += w;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    curve.falsePositiveRate.push(totalNegative > 0 ? fp / totalNegative : 0);
    curve.truePositiveRate.push(totalPositive > 0 ? tp / totalPositive : 0);
    curve.thresholds.push(scores[i] ?? 0);
  }
  return curve;
}

/** Returns the area under a ROC curve (trapezoidal rule). */
export function areaUnderCurve(curve: RocCurve): number {
  let area = 0;
  const x = curve.falsePositiveRate;
  const y = curve.truePositiveRate;
  for (let i = 1; i < x.length; i++) {
    area +=
      (((x[i] ?? 0) - (x[i - 1] ?? 0)) * ((y[i] ?? 0) + (y[i - 1] ?? 0))) / 2;
  }
  return area;
}

/** Returns the one-vs-rest ROC curve of class `c` from `[n, k]` probabilities. */
export function oneVsRestCurve(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  c: number,
): RocCurve {
  const n = labels.length;
  const scores = new Float64Array(n);
  const positives = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = probabilities[i * classes + c] ?? 0;
    positives[i] = labels[i] === c ? 1 : 0;
  }
  return rocCurve(scores, positives);
}

/**
 * Returns the AUC: for two classes, of class 1's probability; for more,
 * the unweighted mean of the one-vs-rest AUCs of classes present.
 */
export function macroAuc(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): number {
  if (classes === 2) {
    return areaUnderCurve(oneVsRestCurve(probabilities, labels, 2, 1));
  }
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < classes; c++) {
    let present = false;
    for (let i = 0; i < labels.length && !present; i++)
      present = labels[i] === c;
    if (!present) continue;
    sum += areaUnderCurve(oneVsRestCurve(probabilities, labels, classes, c));
    counted++;
  }
  return counted > 0 ? sum / counted : 0.5;
}
