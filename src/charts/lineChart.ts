/**
 * A line chart over named categories (layers), one line per series, as
 * SVG. Used for the CKA diagonal. Data and options in, DOM out.
 */

import * as d3 from 'd3';
import { createChartView, type ChartView } from './frame';
import {
  appendAxes,
  appendLabel,
  appendTitle,
  plotArea,
  resetFigureSvg,
  type Selection,
} from './svgChart';

/** One line; null values leave a gap. */
export interface LineSeries {
  name: string;
  colour: string;
  values: (number | null)[];
}

/** What the chart shows. */
export interface LineChartData {
  categories: string[];
  series: LineSeries[];
  yLabel: string;
  title: string;
}

/** A live line chart in a container. */
export type LineChartView = ChartView<LineChartData>;

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 34, right: 130, bottom: 100, left: 50 };
const AREA = plotArea(WIDTH, HEIGHT, MARGIN);

/** Creates a line chart inside `container` and returns its handle. */
export function createLineChart(container: HTMLElement): LineChartView {
  const svg = d3.select(container).append('svg').attr('class', 'line-chart');
  return createChartView(
    svg.node()!,
    (data: LineChartData) => draw(svg, data),
    () => svg.remove(),
  );
}

function draw(svg: Selection<SVGSVGElement>, data: LineChartData): void {
  resetFigureSvg(svg.node()!, WIDTH, HEIGHT);
  appendTitle(svg, data.title, AREA.left, 20);

  const values = data.series.flatMap((s) => s.values).filter((v) => v !== null);
  const low = Math.min(0, ...(values as number[]));
  const x = d3
    .scalePoint(data.categories, [AREA.left, AREA.right])
    .padding(0.3);
  const y = d3.scaleLinear([low, 1], [AREA.bottom, AREA.top]);
  const axes = appendAxes(svg, AREA, d3.axisBottom(x), d3.axisLeft(y).ticks(5));
  axes.bottom
    .selectAll('text')
    .attr('transform', 'rotate(-55)')
    .attr('text-anchor', 'end')
    .attr('dx', '-0.5em')
    .attr('dy', '0.2em');
  appendLabel(svg, data.yLabel, {
    x: 14,
    y: (AREA.bottom + AREA.top) / 2,
    rotate: -90,
  });

  const line = d3
    .line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(data.categories[i]!)!)
    .y((v) => y(v!));
  data.series.forEach((series, k) => {
    svg
      .append('path')
      .attr('fill', 'none')
      .attr('stroke', series.colour)
      .attr('stroke-width', 2)
      .attr('d', line(series.values));
    svg
      .append('g')
      .selectAll('circle')
      .data(series.values.map((v, i) => ({ v, i })).filter((d) => d.v !== null))
      .join('circle')
      .attr('cx', (d) => x(data.categories[d.i]!)!)
      .attr('cy', (d) => y(d.v!))
      .attr('r', 3)
      .attr('fill', series.colour)
      .append('title')
      .text(
        (d) => `${series.name}, ${data.categories[d.i]}: ${d.v!.toFixed(4)}`,
      );
    const legendY = AREA.top + 8 + k * 18;
    svg
      .append('line')
      .attr('x1', AREA.right + 12)
      .attr('x2', AREA.right + 32)
      .attr('y1', legendY)
      .attr('y2', legendY)
      .attr('stroke', series.colour)
      .attr('stroke-width', 2);
    svg
      .append('text')
      .attr('x', AREA.right + 36)
      .attr('y', legendY)
      .attr('dominant-baseline', 'middle')
      .text(series.name);
  });
}
