import { useCallback } from 'react';
import {
  drawCurves,
  type CurveMarker,
  type CurveSeries,
} from '../../charts/curves';
import type { RunEpoch, RunName } from '../../train/experimentSummary';
import { chosenSetIds } from '../../state/trainingActions';
import { useAppState } from '../storeContext';
import { D3Chart } from './D3Chart';
import { RUN_COLOURS, RUN_LABELS } from './runStyle';

type Metric = 'loss' | 'score';

function seriesOf(
  history: Record<RunName, RunEpoch[]>,
  metric: Metric,
  auc: boolean,
): CurveSeries[] {
  const runs: RunName[] = ['pretrained', 'scratch'];
  return runs.flatMap((run) => {
    const epochs = history[run];
    if (epochs.length === 0) return [];
    const pick = (e: RunEpoch, train: boolean): number => {
      if (metric === 'loss') return train ? e.trainLoss : e.validationLoss;
      if (auc) return train ? e.trainAuc : e.validationAuc;
      return train ? e.trainAccuracy : e.validationAccuracy;
    };
    return [true, false].map((train) => ({
      name: `${RUN_LABELS[run]} ${train ? 'train' : 'validation'}`,
      colour: RUN_COLOURS[run],
      dashed: train,
      points: epochs.map((e): [number, number] => [e.epoch, pick(e, train)]),
    }));
  });
}

/** Best epoch of a history: lowest validation loss, as the trainer keeps. */
function bestEpoch(epochs: RunEpoch[]): number {
  let best = 0;
  epochs.forEach((e, i) => {
    if (e.validationLoss < (epochs[best]?.validationLoss ?? Infinity)) best = i;
  });
  return epochs[best]?.epoch ?? 0;
}

/** Loss and AUC (or accuracy) per epoch of both runs, on shared axes. */
export function LiveCurves() {
  const history = useAppState((s) => s.training.history);
  const epochs = useAppState((s) => s.training.settings.epochs);
  const classes = useAppState(
    (s) =>
      s.training.outcome?.result.classNames.length ?? chosenSetIds(s).length,
  );
  const auc = classes === 2;
  const markers: CurveMarker[] = (['pretrained', 'scratch'] as const)
    .filter((run) => history[run].length > 0)
    .map((run) => ({
      x: bestEpoch(history[run]),
      colour: RUN_COLOURS[run],
      label: `${RUN_LABELS[run]} best epoch`,
    }));
  const xMax = Math.max(
    epochs,
    history.pretrained.length,
    history.scratch.length,
  );
  const drawLoss = useCallback(
    (svg: SVGSVGElement) =>
      drawCurves(svg, seriesOf(history, 'loss', auc), {
        yLabel: 'loss (dashed: train, solid: validation)',
        xMax,
        markers,
      }),
    // markers derive from history.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [history, xMax, auc],
  );
  const drawScore = useCallback(
    (svg: SVGSVGElement) =>
      drawCurves(svg, seriesOf(history, 'score', auc), {
        yLabel: auc ? 'AUC' : 'accuracy',
        xMax,
        markers,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [history, xMax, auc],
  );
  if (history.pretrained.length === 0 && history.scratch.length === 0)
    return null;
  return (
    <div className="curves">
      <D3Chart draw={drawLoss} testId="finetune.curves.loss" label="loss" />
      <D3Chart
        draw={drawScore}
        testId="finetune.curves.score"
        label={auc ? 'AUC' : 'accuracy'}
      />
    </div>
  );
}
