import { useEffect, useRef } from 'react';
import {
  drawHistogram,
  type HistogramOptions,
  type HistogramSeries,
} from '../charts/histogram';

/** React owner of a d3 histogram; redraws at most once per frame. */
export function HistogramChart({
  series,
  options,
  testId,
}: {
  series: HistogramSeries[];
  options: HistogramOptions;
  testId: string;
}) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (ref.current) drawHistogram(ref.current, series, options);
    });
    return () => cancelAnimationFrame(frame);
  }, [series, options]);
  return (
    <svg
      ref={ref}
      data-testid={testId}
      className="chart"
      role="img"
      aria-label={options.xLabel}
    />
  );
}
