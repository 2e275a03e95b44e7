import * as d3 from 'd3';
import { appendAxes, appendLegend, appendXLabel, resetPlot } from './svgChart';

/** One curve of a histogram chart. */
export interface HistogramSeries {
  name: string;
  counts: number[];
}

/** Options of `drawHistogram`. */
export interface HistogramOptions {
  min: number;
  max: number;
  xLabel: string;
  /** Scale each series to unit area, to compare shapes. */
  normalise: boolean;
  width?: number;
  height?: number;
}

/** Colours of series, in order; chosen to stay apart for colour-blind readers. */
export const SERIES_COLOURS = [
  '#2b6cb0',
  '#c05621',
  '#2f855a',
  '#9b2c2c',
  '#6b46c1',
  '#b7791f',
  '#319795',
  '#702459',
];

/**
 * Draws step histograms, one per series, with axes and a legend, into
 * `svg` (replacing what was there). A pure renderer: data in, DOM out.
 */
export function drawHistogram(
  svg: SVGSVGElement,
  series: HistogramSeries[],
  options: HistogramOptions,
): void {
  const width = options.width ?? 360;
  const height = options.height ?? 220;
  const margin = { top: 10, right: 12, bottom: 36, left: 48 };
  const { root, area } = resetPlot(svg, width, height, margin);

  const bins = series[0]?.counts.length ?? 0;
  const edges = d3
    .range(bins + 1)
    .map((i) => options.min + ((options.max - options.min) * i) / bins);
  const scaled = series.map((s) => {
    const total = d3.sum(s.counts);
    const binWidth = (options.max - options.min) / Math.max(1, bins);
    const factor = options.normalise && total > 0 ? 1 / (total * binWidth) : 1;
    return { name: s.name, values: s.counts.map((c) => c * factor) };
  });
  const top = d3.max(scaled, (s) => d3.max(s.values)) ?? 1;

  const x = d3
    .scaleLinear()
    .domain([options.min, options.max])
    .range([area.left, area.right]);
  const y = d3
    .scaleLinear()
    .domain([0, top > 0 ? top * 1.1 : 1])
    .range([area.bottom, area.top]);

  appendAxes(
    root,
    area,
    d3.axisBottom(x).ticks(6),
    d3.axisLeft(y).ticks(5, options.normalise ? '~g' : '~s'),
  );
  appendXLabel(root, area, options.xLabel);

  const line = d3
    .line<number>()
    .x((_, i) => x(edges[Math.floor((i + 1) / 2)]!))
    .y((v) => y(v))
    .curve(d3.curveLinear);
  scaled.forEach((s, index) => {
    // Each bin contributes its left and right corner: a step outline.
    const steps = s.values.flatMap((v) => [v, v]);
    root
      .append('path')
      .attr('d', line(steps))
      .attr('fill', 'none')
      .attr('stroke', SERIES_COLOURS[index % SERIES_COLOURS.length]!)
      .attr('stroke-width', 1.6)
      .attr('data-series', s.name);
  });

  appendLegend(
    root,
    scaled.map((s, index) => ({
      label: s.name,
      colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
    })),
    { x: area.right - 4, y: area.top + 4, anchor: 'end' },
  );
}
