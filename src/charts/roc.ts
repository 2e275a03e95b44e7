import * as d3 from 'd3';
import {
  appendAxes,
  appendLabel,
  appendLegend,
  appendXLabel,
  resetPlot,
} from './svgChart';

/** One ROC curve to draw. */
export interface RocSeries {
  name: string;
  colour: string;
  falsePositiveRate: number[];
  truePositiveRate: number[];
  /** Drawn thinner, e.g. one class of a one-vs-rest set. */
  faint?: boolean;
}

/**
 * Draws overlaid ROC curves (true- against false-positive rate) with the
 * chance diagonal into `svg`, replacing its content.
 */
export function drawRoc(
  svg: SVGSVGElement,
  series: RocSeries[],
  options: { width?: number; height?: number } = {},
): void {
  const width = options.width ?? 300;
  const height = options.height ?? 280;
  const margin = { top: 10, right: 12, bottom: 38, left: 46 };
  const { root, area } = resetPlot(svg, width, height, margin);

  const x = d3.scaleLinear().domain([0, 1]).range([area.left, area.right]);
  const y = d3.scaleLinear().domain([0, 1]).range([area.bottom, area.top]);
  appendAxes(root, area, d3.axisBottom(x).ticks(5), d3.axisLeft(y).ticks(5));
  appendXLabel(root, area, 'false-positive rate');
  appendLabel(root, 'true-positive rate', {
    x: 12,
    y: area.bottom / 2,
    rotate: -90,
    fontSize: 11,
  });
  root
    .append('line')
    .attr('x1', x(0))
    .attr('y1', y(0))
    .attr('x2', x(1))
    .attr('y2', y(1))
    .attr('stroke', '#a0aec0')
    .attr('stroke-dasharray', '3 3');

  for (const s of series) {
    const line = d3
      .line<number>()
      .x((fpr) => x(fpr))
      .y((_, i) => y(s.truePositiveRate[i] ?? 0));
    root
      .append('path')
      .attr('data-series', s.name)
      .attr('d', line(s.falsePositiveRate))
      .attr('fill', 'none')
      .attr('stroke', s.colour)
      .attr('stroke-width', s.faint ? 1 : 2)
      .attr('opacity', s.faint ? 0.6 : 1);
  }
  appendLegend(
    root,
    series
      .filter((s) => !s.faint)
      .map((s) => ({ label: s.name, colour: s.colour })),
    { x: area.right - 4, y: area.bottom - 8, lineStep: -12, anchor: 'end' },
  );
}
