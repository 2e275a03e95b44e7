import { useCallback, useMemo, useRef, useState } from 'react';
import { ckaDiagonal, layerLabel, type CkaMatrix } from '../../analysis/cka';
import { ckaToCsv } from '../../analysis/ckaCsv';
import { downloadBlob, svgText, svgToPng } from '../../charts/exportFigure';
import { createHeatmap } from '../../charts/heatmap';
import { createLineChart } from '../../charts/lineChart';
import type { CkaResponse } from '../../../workers/protocol';
import { ChartPanel } from './ChartPanel';

/** Props of `CkaFigures`. */
export interface CkaFiguresProps {
  result: CkaResponse;
}

const ESTIMATOR_NOTE =
  'Biased (standard) HSIC: CKA is pulled towards 1 when there are few ' +
  'events per feature (64 here), so trust it only for n in the thousands. ' +
  'Unbiased HSIC (as in minibatch CKA) removes that pull and may dip ' +
  'slightly below 0; prefer it for n below about a thousand.';

/** The heatmap, the diagonal, the estimator choice and the exports. */
export function CkaFigures({ result }: CkaFiguresProps) {
  const [estimator, setEstimator] = useState<'biased' | 'unbiased'>(
    result.unbiased ? 'unbiased' : 'biased',
  );
  const matrix: CkaMatrix =
    estimator === 'unbiased' && result.unbiased
      ? result.unbiased
      : result.biased;
  const heatmapSvg = useRef<SVGSVGElement | null>(null);
  const onHeatmapSvg = useCallback((svg: SVGSVGElement | null) => {
    heatmapSvg.current = svg;
  }, []);

  const heatmapData = useMemo(
    () => ({
      rowLabels: matrix.layersA.map(layerLabel),
      columnLabels: matrix.layersB.map(layerLabel),
      values: matrix.cka,
      rowTitle: `A: ${result.modelA}`,
      columnTitle: `B: ${result.modelB}`,
      title: `${matrix.estimator} linear CKA, ${matrix.events} events of ${result.sampleName}`,
    }),
    [matrix, result],
  );
  const lineData = useMemo(
    () => ({
      categories: result.biased.layersA.map(layerLabel),
      series: [
        {
          name: 'biased',
          colour: '#2b6cb0',
          values: ckaDiagonal(result.biased),
        },
        ...(result.unbiased
          ? [
              {
                name: 'unbiased',
                colour: '#c05621',
                values: ckaDiagonal(result.unbiased),
              },
            ]
          : []),
      ],
      yLabel: 'CKA(layer of A, same layer of B)',
      title: 'Diagonal: each layer against itself',
    }),
    [result],
  );

  const stem = `cka-${matrix.estimator}-${matrix.events}-events`;
  const exportPng = async () => {
    if (heatmapSvg.current)
      downloadBlob(await svgToPng(heatmapSvg.current), `${stem}.png`);
  };
  return (
    <div className="cka-figures">
      <div className="cka-toolbar">
        <label>
          Estimator{' '}
          <select
            value={estimator}
            data-testid="cka.estimator"
            onChange={(e) =>
              setEstimator(e.target.value as 'biased' | 'unbiased')
            }
          >
            <option value="biased">biased (standard)</option>
            <option value="unbiased" disabled={!result.unbiased}>
              unbiased
            </option>
          </select>
        </label>
        <button
          data-testid="cka.export.csv"
          onClick={() =>
            downloadBlob(
              new Blob(
                [
                  ckaToCsv(matrix, {
                    modelA: result.modelA,
                    modelB: result.modelB,
                    sample: result.sampleName,
                  }),
                ],
                { type: 'text/csv' },
              ),
              `${stem}.csv`,
            )
          }
        >
          CSV
        </button>
        <button
          data-testid="cka.export.svg"
          onClick={() =>
            heatmapSvg.current &&
            downloadBlob(
              new Blob([svgText(heatmapSvg.current)], {
                type: 'image/svg+xml',
              }),
              `${stem}.svg`,
            )
          }
        >
          SVG
        </button>
        <button data-testid="cka.export.png" onClick={() => void exportPng()}>
          PNG
        </button>
        <span className="muted">
          {result.seconds.toFixed(1)} s in the engine worker
        </span>
      </div>
      <p className="muted cka-note" data-testid="cka.note">
        {ESTIMATOR_NOTE}
        {result.unbiasedError && ` ${result.unbiasedError}`}
      </p>
      {matrix.warnings.map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}
      <ChartPanel
        create={createHeatmap}
        data={heatmapData}
        testId="cka.heatmap"
        onSvg={onHeatmapSvg}
      />
      <ChartPanel
        create={createLineChart}
        data={lineData}
        testId="cka.diagonal"
      />
    </div>
  );
}
