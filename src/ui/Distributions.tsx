import { useMemo, useState } from 'react';
import type { HistogramSeries } from '../charts/histogram';
import type { ClassHistogram, SetHistograms } from '../events/histograms';
import type { LoadedSet } from '../state/store';
import { HistogramChart } from './HistogramChart';

type Quantity = keyof Omit<SetHistograms, 'classNames'>;
const QUANTITIES: Quantity[] = [
  'objectPt',
  'objectEta',
  'met',
  'jetMultiplicity',
];

/** Series name: the class, prefixed by the set when the set has several. */
function seriesFor(sets: LoadedSet[], quantity: Quantity): HistogramSeries[] {
  return sets.flatMap((set) => {
    const h = set.summary.histograms;
    const histogram: ClassHistogram = h[quantity];
    return h.classNames.map((className, c) => ({
      name:
        h.classNames.length > 1
          ? `${set.summary.name}: ${className}`
          : className,
      counts: histogram.counts[c]!,
    }));
  });
}

/** Overlaid per-class distributions of every loaded set. */
export function Distributions({ sets }: { sets: LoadedSet[] }) {
  const [normalise, setNormalise] = useState(true);
  const charts = useMemo(
    () =>
      QUANTITIES.map((quantity) => {
        const first = sets[0]!.summary.histograms[quantity];
        return {
          quantity,
          series: seriesFor(sets, quantity),
          options: {
            min: first.spec.min,
            max: first.spec.max,
            xLabel: first.label,
            normalise,
          },
        };
      }),
    [sets, normalise],
  );
  return (
    <section className="distributions" data-testid="data.distributions">
      <header>
        <h3>Distributions per class</h3>
        <label>
          <input
            type="checkbox"
            checked={normalise}
            onChange={(e) => setNormalise(e.target.checked)}
            data-testid="data.normalise"
          />{' '}
          unit area (compare shapes)
        </label>
      </header>
      <div className="chart-grid">
        {charts.map((chart) => (
          <HistogramChart
            key={chart.quantity}
            series={chart.series}
            options={chart.options}
            testId={`data.histogram.${chart.quantity}`}
          />
        ))}
      </div>
    </section>
  );
}
