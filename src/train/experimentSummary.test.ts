import { describe, expect, it } from 'vitest';
import {
  secondsToReach,
  verdictSentence,
  type RunEpoch,
  type RunName,
  type RunSummary,
} from './experimentSummary';

/** Returns epochs with the given validation AUCs, 2 s apart. */
function epochs(aucs: number[], losses?: number[]): RunEpoch[] {
  return aucs.map((auc, i) => ({
    epoch: i + 1,
    trainLoss: 1,
    validationLoss: losses?.[i] ?? 1 - auc,
    validationAccuracy: auc,
    validationAuc: auc,
    learningRate: 0.001,
    seconds: 2 * (i + 1),
    trainAuc: auc,
    trainAccuracy: auc,
  }));
}

/** Builds a run summary; `best` is the epoch the trainer kept. */
function run(
  name: RunName,
  status: RunSummary['status'],
  history: RunEpoch[],
  best: number,
  target: number | null,
): RunSummary {
  const auc = history[best - 1]?.validationAuc ?? 0;
  return {
    name,
    strategy: name === 'scratch' ? 'scratch' : 'full',
    status,
    history,
    bestEpoch: best,
    stoppedEarly: false,
    seconds: 2 * history.length + 0.5,
    secondsToTarget: secondsToReach(history, 'auc', target),
    test:
      history.length === 0
        ? null
        : {
            auc: { value: auc, low: auc - 0.03, high: auc + 0.03, std: 0.015 },
            accuracy: {
              value: auc,
              low: auc - 0.03,
              high: auc + 0.03,
              std: 0.015,
            },
            loss: 0.5,
            confusion: [
              [5, 1],
              [1, 5],
            ],
            roc: [],
            events: 12,
          },
    predictsOneClass: false,
  };
}

/** Builds both runs the way `runExperiment` does: target from scratch. */
function runs(
  pretrained: [RunSummary['status'], number[], number],
  scratch: [RunSummary['status'], number[], number],
): [RunSummary, RunSummary] {
  const scratchHistory = epochs(scratch[1]);
  const target =
    scratchHistory.length === 0
      ? null
      : Math.max(...scratchHistory.map((h) => h.validationAuc));
  return [
    run(
      'pretrained',
      pretrained[0],
      epochs(pretrained[1]),
      pretrained[2],
      target,
    ),
    run('scratch', scratch[0], scratchHistory, scratch[2], target),
  ];
}

describe('verdictSentence', () => {
  const cases: {
    name: string;
    runs: [RunSummary, RunSummary];
    expected: string;
  }[] = [
    {
      name: 'both runs done',
      runs: runs(['done', [0.7, 0.8, 0.78], 2], ['done', [0.6, 0.75], 2]),
      expected:
        'Pretrained reached 0.80 ± 0.03 test AUC at its best epoch (2 of 3, 4.0 s into the run); ' +
        'from scratch reached 0.75 ± 0.03 test AUC at its best epoch (2 of 2, 4.0 s into the run). ' +
        "Pretrained reached the scratch run's best validation AUC (0.750) 4.0 s into its run; " +
        'from scratch reached it 4.0 s into its run.',
    },
    {
      name: 'pretrained never reaches the target',
      runs: runs(['done', [0.6, 0.65], 2], ['done', [0.6, 0.7], 2]),
      expected:
        'Pretrained reached 0.65 ± 0.03 test AUC at its best epoch (2 of 2, 4.0 s into the run); ' +
        'from scratch reached 0.70 ± 0.03 test AUC at its best epoch (2 of 2, 4.0 s into the run). ' +
        "Pretrained never reached the scratch run's best validation AUC (0.700); " +
        'from scratch reached it 4.0 s into its run.',
    },
    {
      name: 'pretrained cancelled, scratch not run',
      runs: runs(['cancelled', [0.7, 0.8, 0.78], 2], ['not-run', [], 0]),
      expected:
        'Pretrained was cancelled after 3 epochs and reached 0.80 ± 0.03 test AUC at its best epoch (2 of 3, 4.0 s into the run); ' +
        'from scratch was not run, because the training was cancelled before it started.',
    },
    {
      name: 'pretrained cancelled before one epoch',
      runs: runs(['cancelled', [], 0], ['not-run', [], 0]),
      expected:
        'Pretrained was cancelled before its first epoch ended, so it has no test result; ' +
        'from scratch was not run, because the training was cancelled before it started.',
    },
    {
      name: 'scratch cancelled after one epoch',
      runs: runs(['done', [0.7, 0.8], 2], ['cancelled', [0.72], 1]),
      expected:
        'Pretrained reached 0.80 ± 0.03 test AUC at its best epoch (2 of 2, 4.0 s into the run); ' +
        'from scratch was cancelled after 1 epoch and reached 0.72 ± 0.03 test AUC at its best epoch (1 of 1, 2.0 s into the run). ' +
        "Pretrained reached the scratch run's best validation AUC before the cancel (0.720) 4.0 s into its run; " +
        'from scratch reached it 2.0 s into its run.',
    },
    {
      name: 'scratch cancelled before one epoch',
      runs: runs(['done', [0.7, 0.8], 2], ['cancelled', [], 0]),
      expected:
        'Pretrained reached 0.80 ± 0.03 test AUC at its best epoch (2 of 2, 4.0 s into the run); ' +
        'from scratch was cancelled before its first epoch ended, so it has no test result.',
    },
    {
      name: 'done run with no epoch',
      runs: runs(['done', [0.7], 1], ['done', [], 0]),
      expected:
        'Pretrained reached 0.70 ± 0.03 test AUC at its best epoch (1 of 1, 2.0 s into the run); ' +
        'from scratch finished no epoch, so it has no test result.',
    },
  ];

  for (const {
    name,
    runs: [pretrained, scratch],
    expected,
  } of cases) {
    it(name, () => {
      expect(verdictSentence(pretrained, scratch, 2)).toBe(expected);
    });
  }

  it('names macro AUC and accuracy for three classes', () => {
    const [pretrained, scratch] = runs(
      ['done', [0.7, 0.8], 2],
      ['done', [0.6, 0.75], 2],
    );
    const sentence = verdictSentence(pretrained, scratch, 3);
    expect(sentence).toContain('test macro AUC');
    expect(sentence).toContain("scratch run's best validation accuracy");
  });
});
