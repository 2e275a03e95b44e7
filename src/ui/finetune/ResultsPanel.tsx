import { useCallback } from 'react';
import { drawConfusion } from '../../charts/confusion';
import { drawRoc, type RocSeries } from '../../charts/roc';
import type { Interval } from '../../analysis/bootstrap';
import type { RunName, RunSummary } from '../../train/experimentSummary';
import { downloadModel } from '../../state/modelActions';
import { downloadTrainingLog } from '../../state/trainingActions';
import { useAppState, useStoreApi } from '../storeContext';
import { D3Chart } from './D3Chart';
import { RUN_COLOURS, RUN_LABELS, formatSeconds } from './runStyle';

const RUNS: RunName[] = ['pretrained', 'scratch'];

function intervalText(interval: Interval | undefined): string {
  if (!interval) return '–';
  const { value, low, high } = interval;
  return `${value.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]`;
}

function RunRow({ run }: { run: RunSummary }) {
  const status =
    run.status === 'done'
      ? run.stoppedEarly
        ? 'stopped early'
        : 'done'
      : run.status === 'cancelled'
        ? 'cancelled, best weights kept'
        : 'not run';
  return (
    <tr data-testid={`finetune.result.${run.name}`}>
      <th style={{ color: RUN_COLOURS[run.name] }}>{RUN_LABELS[run.name]}</th>
      <td className="number" data-testid={`finetune.auc.${run.name}`}>
        {intervalText(run.test?.auc)}
      </td>
      <td className="number">{intervalText(run.test?.accuracy)}</td>
      <td className="number">{run.bestEpoch || '–'}</td>
      <td className="number">{formatSeconds(run.seconds)}</td>
      <td className="number">
        {run.secondsToTarget === null
          ? 'not reached'
          : formatSeconds(run.secondsToTarget)}
      </td>
      <td>{status}</td>
    </tr>
  );
}

function rocSeries(runs: RunSummary[], classNames: string[]): RocSeries[] {
  return runs.flatMap((run) =>
    (run.test?.roc ?? []).map((curve, c, all) => ({
      name:
        all.length === 1
          ? `${RUN_LABELS[run.name]} (AUC ${run.test!.auc.value.toFixed(3)})`
          : `${RUN_LABELS[run.name]}: ${classNames[c]} vs rest`,
      colour: RUN_COLOURS[run.name],
      falsePositiveRate: curve.falsePositiveRate,
      truePositiveRate: curve.truePositiveRate,
      faint: all.length > 1 && c > 0,
    })),
  );
}

/** Test metrics, ROC curves, confusion matrices and exports of a training. */
export function ResultsPanel() {
  const store = useStoreApi();
  const outcome = useAppState((s) => s.training.outcome);
  const result = outcome?.result;
  const drawRocChart = useCallback(
    (svg: SVGSVGElement) => {
      if (!result) return;
      const runs = RUNS.map((r) => result[r]);
      drawRoc(svg, rocSeries(runs, result.classNames));
    },
    [result],
  );
  const confusionDrawers = RUNS.map(
    (run) => (svg: SVGSVGElement) =>
      result?.[run].test &&
      drawConfusion(svg, result[run].test!.confusion, result.classNames, {
        title: RUN_LABELS[run],
        colour: RUN_COLOURS[run],
      }),
  );
  if (!outcome || !result) return null;
  const metric = result.classNames.length === 2 ? 'AUC' : 'macro AUC';
  return (
    <section className="results" data-testid="finetune.results">
      <h3>Results on {result.pretrained.test?.events ?? 0} test events</h3>
      <p className="verdict" data-testid="finetune.sentence">
        {result.sentence}
      </p>
      {result.warnings.length > 0 && (
        <ul className="warning" data-testid="finetune.warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <table>
        <thead>
          <tr>
            <th>run</th>
            <th>test {metric} [95 % CI]</th>
            <th>test accuracy [95 % CI]</th>
            <th>best epoch</th>
            <th>wall time</th>
            <th>time to target</th>
            <th>status</th>
          </tr>
        </thead>
        <tbody>
          {RUNS.map((r) => (
            <RunRow key={r} run={result[r]} />
          ))}
        </tbody>
      </table>
      <p className="muted">
        Intervals: {result.settings.bootstrapResamples} bootstrap resamples of
        the test events. Time to target: wall time until the validation{' '}
        {result.score === 'auc' ? 'AUC' : 'accuracy'} first reached the scratch
        run&apos;s best (
        {result.target === null ? 'none' : result.target.toFixed(3)}), resolved
        to whole epochs. Trained on {outcome.backend}.
      </p>
      <div className="result-charts">
        <D3Chart draw={drawRocChart} testId="finetune.roc" label="ROC curves" />
        {RUNS.filter((r) => result[r].test).map((r, i) => (
          <D3Chart
            key={r}
            draw={confusionDrawers[i]!}
            testId={`finetune.confusion.${r}`}
            label={`confusion matrix, ${RUN_LABELS[r]}`}
          />
        ))}
      </div>
      <div className="exports">
        {RUNS.filter((r) => outcome.modelIds[r]).map((r) => (
          <button
            key={r}
            data-testid={`finetune.export.${r}`}
            onClick={() => void downloadModel(store, outcome.modelIds[r]!)}
          >
            Download {RUN_LABELS[r]} model
          </button>
        ))}
        <button
          data-testid="finetune.export.csv"
          onClick={() => downloadTrainingLog(store, 'csv')}
        >
          Training log (CSV)
        </button>
        <button
          data-testid="finetune.export.json"
          onClick={() => downloadTrainingLog(store, 'json')}
        >
          Result and log (JSON)
        </button>
        <span className="muted">
          Both models are saved in this browser and listed on the{' '}
          <a href="#models">Models</a> page.
        </span>
      </div>
    </section>
  );
}
