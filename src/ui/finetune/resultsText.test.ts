import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../train/experimentSettings';
import type {
  RunEpoch,
  RunName,
  RunSummary,
} from '../../train/experimentSummary';
import {
  bestEpochText,
  resultsNote,
  runStatusText,
  runTimeText,
  savedModelsText,
  timeToBestEpochText,
  timeToTargetText,
} from './resultsText';

function epochs(count: number): RunEpoch[] {
  return Array.from({ length: count }, (_, i) => ({
    epoch: i + 1,
    trainLoss: 1,
    validationLoss: 1,
    validationAccuracy: 0.6,
    validationAuc: 0.6,
    learningRate: 0.001,
    seconds: 2 * (i + 1),
    trainAuc: 0.6,
    trainAccuracy: 0.6,
  }));
}

function run(
  name: RunName,
  status: RunSummary['status'],
  finished: number,
  options: Partial<RunSummary> = {},
): RunSummary {
  return {
    name,
    strategy: name === 'scratch' ? 'scratch' : 'full',
    status,
    history: epochs(finished),
    bestEpoch: finished === 0 ? 0 : 1,
    stoppedEarly: false,
    seconds: status === 'not-run' ? 0 : 2 * finished + 0.5,
    secondsToTarget: null,
    test: null,
    predictsOneClass: false,
    ...options,
  };
}

/** The ways a comparison can end, with the models the engine keeps. */
const OUTCOMES = {
  bothDone: {
    pretrained: run('pretrained', 'done', 3, { secondsToTarget: 2 }),
    scratch: run('scratch', 'done', 4, { secondsToTarget: 6 }),
    modelIds: { pretrained: 'p', scratch: 's' },
    target: 0.6,
  },
  pretrainedCancelled: {
    pretrained: run('pretrained', 'cancelled', 2),
    scratch: run('scratch', 'not-run', 0),
    modelIds: { pretrained: 'p' },
    target: null,
  },
  pretrainedCancelledEarly: {
    pretrained: run('pretrained', 'cancelled', 0),
    scratch: run('scratch', 'not-run', 0),
    modelIds: {},
    target: null,
  },
  scratchCancelled: {
    pretrained: run('pretrained', 'done', 3),
    scratch: run('scratch', 'cancelled', 1, { secondsToTarget: 2 }),
    modelIds: { pretrained: 'p', scratch: 's' },
    target: 0.6,
  },
  scratchCancelledEarly: {
    pretrained: run('pretrained', 'done', 3),
    scratch: run('scratch', 'cancelled', 0),
    modelIds: { pretrained: 'p' },
    target: null,
  },
};

type OutcomeName = keyof typeof OUTCOMES;

function note(name: OutcomeName): string {
  const outcome = OUTCOMES[name];
  return resultsNote({
    ...outcome,
    score: 'auc',
    settings: DEFAULT_SETTINGS,
    classNames: ['ww', 'wz'],
  });
}

describe('runStatusText', () => {
  const cases: [RunSummary, string][] = [
    [run('pretrained', 'done', 3), 'done'],
    [run('pretrained', 'done', 3, { stoppedEarly: true }), 'stopped early'],
    [
      run('pretrained', 'cancelled', 2),
      'cancelled after 2 epochs; best epoch kept',
    ],
    [
      run('scratch', 'cancelled', 1),
      'cancelled after 1 epoch; best epoch kept',
    ],
    [run('scratch', 'cancelled', 0), 'cancelled before epoch 1 ended'],
    [run('scratch', 'not-run', 0), 'not run (cancelled before it started)'],
    [run('scratch', 'done', 0), 'done, no epoch finished'],
  ];
  for (const [summary, expected] of cases) {
    it(`${summary.status}, ${summary.history.length} epochs`, () => {
      expect(runStatusText(summary)).toBe(expected);
    });
  }
});

describe('table cells', () => {
  it('show the best epoch and its time', () => {
    const summary = run('pretrained', 'done', 3, { bestEpoch: 2 });
    expect(bestEpochText(summary)).toBe('2 of 3');
    expect(timeToBestEpochText(summary)).toBe('4.0 s');
    expect(runTimeText(summary)).toBe('6.5 s');
  });

  it('show dashes for a run that never started', () => {
    const summary = run('scratch', 'not-run', 0);
    expect(bestEpochText(summary)).toBe('–');
    expect(timeToBestEpochText(summary)).toBe('–');
    expect(runTimeText(summary)).toBe('–');
    expect(timeToTargetText(summary, null)).toBe('–');
  });

  it('tell a missed target from no target', () => {
    const summary = run('pretrained', 'done', 3);
    expect(timeToTargetText(summary, 0.9)).toBe('not reached');
    expect(timeToTargetText(summary, null)).toBe('–');
    const reached = run('pretrained', 'done', 3, { secondsToTarget: 4 });
    expect(timeToTargetText(reached, 0.6)).toBe('4.0 s');
  });
});

describe('savedModelsText', () => {
  const cases: [OutcomeName, string][] = [
    ['bothDone', 'Both models are saved in this browser.'],
    [
      'pretrainedCancelled',
      'Only the pretrained model is saved in this browser, because the from-scratch run never started.',
    ],
    [
      'pretrainedCancelledEarly',
      'No model was saved, because the pretrained run was cancelled before its first epoch ended and the from-scratch run never started.',
    ],
    ['scratchCancelled', 'Both models are saved in this browser.'],
    [
      'scratchCancelledEarly',
      'Only the pretrained model is saved in this browser, because the from-scratch run was cancelled before its first epoch ended.',
    ],
  ];
  for (const [name, expected] of cases) {
    it(name, () => {
      const outcome = OUTCOMES[name];
      expect(savedModelsText(outcome, outcome.modelIds)).toBe(expected);
    });
  }

  it('says which model was deleted since', () => {
    const outcome = OUTCOMES.bothDone;
    const id = outcome.modelIds.pretrained!;
    expect(savedModelsText(outcome, outcome.modelIds, [id])).toBe(
      'The pretrained model was deleted on the Models page after this training.',
    );
  });
});

describe('resultsNote', () => {
  it('defines best epoch and the times', () => {
    const text = note('bothDone');
    expect(text).toContain('the epoch with the lowest validation loss');
    expect(text).toContain('time to best epoch ends with that epoch');
    expect(text).toContain('run time includes the epochs after it');
    expect(text).toContain(
      "validation AUC first reached the scratch run's best (0.600)",
    );
    expect(text).toContain(
      `${DEFAULT_SETTINGS.bootstrapResamples} bootstrap resamples`,
    );
  });

  it('names a target from a cancelled scratch run', () => {
    expect(note('scratchCancelled')).toContain(
      "scratch run's best before it was cancelled (0.600)",
    );
  });

  it('explains a missing target', () => {
    expect(note('pretrainedCancelled')).toContain(
      'There is no time to target, because the from-scratch run never started.',
    );
    expect(note('scratchCancelledEarly')).toContain(
      'There is no time to target, because the from-scratch run was cancelled before its first epoch ended.',
    );
    expect(note('pretrainedCancelled')).not.toContain('(none)');
  });
});
