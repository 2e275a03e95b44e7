import * as d3 from 'd3';
import { appendAxes, appendLegend, appendXLabel, resetPlot } from './svgChart';

/** One line of a training-curve chart. */
export interface CurveSeries {
  name: string;
  colour: string;
  /** Dashed for training-set values, solid for validation. */
  dashed: boolean;
  /** Points as [epoch, value]. */
  points: [number, number][];
}

/** A vertical marker, e.g. a run's best epoch. */
export interface CurveMarker {
  x: number;
  colour: string;
  label: string;
}

/** Options of `drawCurves`. */
export interface CurveOptions {
  yLabel: string;
  /** Last epoch on the x axis (the planned epoch count). */
  xMax: number;
  /** Fixed y range; fitted to the data when absent. */
  yDomain?: [number, number];
  markers: CurveMarker[];
  width?: number;
  height?: number;
}

function yRange(series: CurveSeries[], options: CurveOptions) {
  if (options.yDomain) return options.yDomain;
  const values = series.flatMap((s) => s.points.map((p) => p[1]));
  const low = d3.min(values) ?? 0;
  const high = d3.max(values) ?? 1;
  const pad = (high - low) * 0.08 || 0.05;
  return [Math.max(0, low - pad), high + pad] as [number, number];
}

/**
 * Draws per-epoch curves of several runs on shared axes, with best-epoch
 * markers and a legend, into `svg` (replacing its content).
 */
export function drawCurves(
  svg: SVGSVGElement,
  series: CurveSeries[],
  options: CurveOptions,
): void {
  const width = options.width ?? 520;
  const height = options.height ?? 240;
  // The legend sits in the right margin, clear of the curves.
  const margin = { top: 12, right: 150, bottom: 36, left: 48 };
  const { root, area } = resetPlot(svg, width, height, margin);

  const x = d3
    .scaleLinear()
    .domain([1, Math.max(2, options.xMax)])
    .range([area.left, area.right]);
  const y = d3
    .scaleLinear()
    .domain(yRange(series, options))
    .nice()
    .range([area.bottom, area.top]);
  appendAxes(
    root,
    area,
    d3.axisBottom(x).ticks(Math.min(10, options.xMax), 'd'),
    d3.axisLeft(y).ticks(5),
  );
  appendXLabel(root, area, `epoch · ${options.yLabel}`);

  for (const marker of options.markers) {
    root
      .append('line')
      .attr('class', 'best-epoch')
      .attr('x1', x(marker.x))
      .attr('x2', x(marker.x))
      .attr('y1', area.top)
      .attr('y2', area.bottom)
      .attr('stroke', marker.colour)
      .attr('stroke-dasharray', '2 3')
      .append('title')
      .text(marker.label);
  }

  const line = d3
    .line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  for (const s of series) {
    const group = root.append('g').attr('data-series', s.name);
    group
      .append('path')
      .attr('d', line(s.points))
      .attr('fill', 'none')
      .attr('stroke', s.colour)
      .attr('stroke-width', 1.8)
      .attr('stroke-dasharray', s.dashed ? '5 3' : null);
    group
      .selectAll('circle')
      .data(s.points)
      .join('circle')
      .attr('cx', (p) => x(p[0]))
      .attr('cy', (p) => y(p[1]))
      .attr('r', 2.2)
      .attr('fill', s.colour);
  }

  appendLegend(
    root,
    series.map((s) => ({
      label: `${s.dashed ? '- - ' : '—— '}${s.name}`,
      colour: s.colour,
    })),
    { x: area.right + 10, y: area.top + 6 },
  );
}
