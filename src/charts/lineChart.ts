/**
 * A line chart over named categories (layers), one line per series, as
 * SVG. Used for the CKA diagonal. Data and options in, DOM out.
 */

import * as d3 from 'd3';
import { createFrameScheduler } from './frame';

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
export interface LineChartView {
  update(data: LineChartData): void;
  svg(): SVGSVGElement;
  destroy(): void;
}

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 34, right: 130, bottom: 100, left: 50 };

/** Creates a line chart inside `container` and returns its handle. */
export function createLineChart(container: HTMLElement): LineChartView {
  const svg = d3.select(container).append('svg').attr('class', 'line-chart');
  let data: LineChartData | undefined;
  const frame = createFrameScheduler(() => {
    if (data) draw(svg, data);
  });
  return {
    update(next) {
      data = next;
      frame.request();
    },
    svg: () => svg.node()!,
    destroy() {
      frame.cancel();
      svg.remove();
    },
  };
}

function draw(
  svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  data: LineChartData,
): void {
  svg
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('width', WIDTH)
    .attr('height', HEIGHT)
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 11);
  svg.selectAll('*').remove();
  svg
    .append('rect')
    .attr('width', WIDTH)
    .attr('height', HEIGHT)
    .attr('fill', '#fff');
  svg
    .append('text')
    .attr('x', MARGIN.left)
    .attr('y', 20)
    .attr('font-size', 13)
    .attr('font-weight', 600)
    .text(data.title);

  const values = data.series.flatMap((s) => s.values).filter((v) => v !== null);
  const low = Math.min(0, ...(values as number[]));
  const x = d3
    .scalePoint(data.categories, [MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  const y = d3.scaleLinear([low, 1], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  svg
    .append('g')
    .attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(d3.axisBottom(x))
    .selectAll('text')
    .attr('transform', 'rotate(-55)')
    .attr('text-anchor', 'end')
    .attr('dx', '-0.5em')
    .attr('dy', '0.2em');
  svg
    .append('g')
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(d3.axisLeft(y).ticks(5));
  svg
    .append('text')
    .attr(
      'transform',
      `translate(14,${(HEIGHT - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`,
    )
    .attr('text-anchor', 'middle')
    .text(data.yLabel);

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
    const legendY = MARGIN.top + 8 + k * 18;
    svg
      .append('line')
      .attr('x1', WIDTH - MARGIN.right + 12)
      .attr('x2', WIDTH - MARGIN.right + 32)
      .attr('y1', legendY)
      .attr('y2', legendY)
      .attr('stroke', series.colour)
      .attr('stroke-width', 2);
    svg
      .append('text')
      .attr('x', WIDTH - MARGIN.right + 36)
      .attr('y', legendY)
      .attr('dominant-baseline', 'middle')
      .text(series.name);
  });
}
