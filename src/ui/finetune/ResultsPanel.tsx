import { useCallback } from 'react';
import { drawConfusion } from '../../charts/confusion';
import { drawRoc, type RocSeries } from '../../charts/roc';
import type { Interval } from '../../analysis/bootstrap';
import type { RunName, RunSummary } from '../../train/experimentSummary';
import { downloadModel } from '../../state/modelActions';
import { downloadTrainingLog } from '../../state/trainingActions';
import { useAppState, useStoreApi } from '../storeContext';
import { D3Chart } from './D3Chart';
import {
  bestEpochText,
  resultsNote,
  runStatusText,
  runTimeText,
  savedModelsText,
  timeToBestEpochText,
  timeToTargetText,
} from './resultsText';
import { RUN_COLOURS, RUN_LABELS } from './runStyle';

const RUNS: RunName[] = ['pretrained', 'scratch'];

function intervalText(interval: Interval | undefined): string {
  if (!interval) return '–';
  const { value, low, high } = interval;
  return `${value.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]`;
}

function RunRow({ run, target }: { run: RunSummary; target: number | null }) {
  return (
    <tr data-testid={`finetune.result.${run.name}`}>
      <th style={{ color: RUN_COLOURS[run.name] }}>{RUN_LABELS[run.name]}</th>
      <td className="number" data-testid={`finetune.auc.${run.name}`}>
        {intervalText(run.test?.auc)}
      </td>
      <td className="number">{intervalText(run.test?.accuracy)}</td>
      <td className="number">{bestEpochText(run)}</td>
      <td className="number">{timeToBestEpochText(run)}</td>
      <td className="number">{runTimeText(run)}</td>
      <td className="number">{timeToTargetText(run, target)}</td>
      <td>{runStatusText(run)}</td>
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
  const removedModels = useAppState((s) => s.training.removedModels);
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
  const score = result.score === 'auc' ? 'AUC' : 'accuracy';
  const testEvents = result.counts.reduce((sum, c) => sum + c.test, 0);
  const anySaved = RUNS.some((r) => outcome.modelIds[r]);
  return (
    <section className="results" data-testid="finetune.results">
      <h3>Results on {testEvents} test events</h3>
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
            <th title="Epoch with the lowest validation loss, of the epochs finished">
              best epoch
            </th>
            <th title="Wall time from the start of the run to the end of the best epoch">
              time to best epoch
            </th>
            <th title="Wall time of the whole run, including epochs after the best one">
              run time
            </th>
            <th
              title={`Wall time until the validation ${score} first reached the scratch run's best`}
            >
              time to target
            </th>
            <th>status</th>
          </tr>
        </thead>
        <tbody>
          {RUNS.map((r) => (
            <RunRow key={r} run={result[r]} target={result.target} />
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="finetune.note">
        {resultsNote(result)} Trained on {outcome.backend}.
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
        {RUNS.filter((r) => outcome.modelIds[r]).map((r) => {
          const removed = removedModels.includes(outcome.modelIds[r]!);
          return (
            <button
              key={r}
              data-testid={`finetune.export.${r}`}
              disabled={removed}
              title={removed ? 'Deleted on the Models page' : undefined}
              onClick={() => void downloadModel(store, outcome.modelIds[r]!)}
            >
              Download {RUN_LABELS[r]} model{removed ? ' (deleted)' : ''}
            </button>
          );
        })}
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
        <span className="muted" data-testid="finetune.saved">
          {savedModelsText(result, outcome.modelIds, removedModels)}
          {anySaved && (
            <>
              {' '}
              See the <a href="#models">Models</a> page.
            </>
          )}
        </span>
      </div>
    </section>
  );
}
