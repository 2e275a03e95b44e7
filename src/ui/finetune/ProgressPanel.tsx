import { useEffect, useState } from 'react';
import type { TrainingState } from '../../state/trainingStore';
import { useAppState } from '../storeContext';
import { RUN_LABELS, formatSeconds } from './runStyle';

/**
 * Returns the finished fraction of both runs together. Early stopping may
 * end a run before its last epoch, so the fraction is a lower bound.
 */
export function overallFraction(training: TrainingState): number {
  const runFraction = (run: 'pretrained' | 'scratch') => {
    const p = training.progress[run];
    if (!p) return 0;
    return (p.epoch - 1 + p.batch / Math.max(1, p.batches)) / p.epochs;
  };
  return (runFraction('pretrained') + runFraction('scratch')) / 2;
}

/** Ticks once a second while `active`, so wall time stays current. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Progress bar, ETA, wall time and the status message. */
export function ProgressPanel() {
  const training = useAppState((s) => s.training);
  const running =
    training.status === 'running' || training.status === 'cancelling';
  const now = useNow(running);
  const fraction = overallFraction(training);
  const elapsed = training.startedAt ? (now - training.startedAt) / 1000 : 0;
  const eta = fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null;
  const run = training.activeRun;
  const p = run ? training.progress[run] : null;
  return (
    <div className="progress-panel" data-testid="finetune.progress">
      {running && (
        <>
          <progress value={fraction} max={1} />
          <span data-testid="finetune.status">
            {run ? RUN_LABELS[run] : ''}
            {p
              ? `: epoch ${p.epoch}/${p.epochs}, batch ${p.batch}/${p.batches}, ${Math.round(p.eventsPerSecond)} events/s`
              : ': preparing batches…'}
            {' · '}wall time {formatSeconds(elapsed)}
            {eta !== null &&
              ` · at most ${formatSeconds(eta)} left (early stopping may end sooner)`}
          </span>
        </>
      )}
      {training.message && (
        <p className="training-message" data-testid="finetune.message">
          {training.message}
        </p>
      )}
    </div>
  );
}
