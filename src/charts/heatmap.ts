/**
 * The layer × layer CKA heatmap as SVG: named axes, a colour bar legend,
 * and the value of a cell on hover. Data and options in, DOM out.
 */

import * as d3 from 'd3';
import { createChartView, type ChartView } from './frame';
import {
  appendLabel,
  appendTitle,
  resetFigureSvg,
  type Selection,
} from './svgChart';

/** What the heatmap shows. */
export interface HeatmapData {
  rowLabels: string[];
  columnLabels: string[];
  /** `values[row][column]`; null cells are drawn hatched. */
  values: (number | null)[][];
  rowTitle: string;
  columnTitle: string;
  title: string;
}

/** A live heatmap in a container. */
export type HeatmapView = ChartView<HeatmapData>;

const CELL = 26;
const MARGIN = { top: 40, right: 110, bottom: 120, left: 130 };

/** Colour of a CKA value; values outside [0, 1] take the end colours. */
export const ckaColour = (value: number) =>
  d3.interpolateViridis(Math.min(1, Math.max(0, value)));

/** Creates a heatmap inside `container` and returns its handle. */
export function createHeatmap(container: HTMLElement): HeatmapView {
  const root = d3.select(container).style('position', 'relative');
  const svg = root.append('svg').attr('class', 'heatmap');
  const tooltip = root.append('div').attr('class', 'chart-tooltip');
  return createChartView(
    svg.node()!,
    (data: HeatmapData) => draw(svg, tooltip, data),
    () => root.selectAll('*').remove(),
  );
}

function draw(
  svg: Selection<SVGSVGElement>,
  tooltip: Selection<HTMLDivElement>,
  data: HeatmapData,
): void {
  const rows = data.rowLabels.length;
  const columns = data.columnLabels.length;
  const width = MARGIN.left + columns * CELL + MARGIN.right;
  const height = MARGIN.top + rows * CELL + MARGIN.bottom;
  resetFigureSvg(svg.node()!, width, height);
  appendTitle(svg, data.title, MARGIN.left, 22);

  defineHatch(svg);
  const plot = svg
    .append('g')
    .attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  drawCells(plot, tooltip, data);
  drawAxes(plot, data);
  drawLegend(svg, MARGIN.left + columns * CELL + 28, MARGIN.top, rows * CELL);
}

function defineHatch(svg: Selection<SVGSVGElement>): void {
  svg
    .append('defs')
    .append('pattern')
    .attr('id', 'heatmap-hatch')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternUnits', 'userSpaceOnUse')
    .append('path')
    .attr('d', 'M0,6 L6,0')
    .attr('stroke', '#a0aec0');
}

function drawCells(
  plot: Selection<SVGGElement>,
  tooltip: Selection<HTMLDivElement>,
  data: HeatmapData,
): void {
  const cells = data.values.flatMap((row, i) =>
    row.map((value, j) => ({ i, j, value })),
  );
  plot
    .selectAll('rect.cell')
    .data(cells)
    .join('rect')
    .attr('class', 'cell')
    .attr('data-row', (d) => d.i)
    .attr('data-column', (d) => d.j)
    .attr('data-value', (d) => (d.value === null ? '' : d.value.toFixed(6)))
    .attr('x', (d) => d.j * CELL)
    .attr('y', (d) => d.i * CELL)
    .attr('width', CELL - 1)
    .attr('height', CELL - 1)
    .attr('fill', (d) =>
      d.value === null ? 'url(#heatmap-hatch)' : ckaColour(d.value),
    )
    .on('mousemove', (event: MouseEvent, d) => {
      const value = d.value === null ? 'undefined' : d.value.toFixed(4);
      const [x, y] = d3.pointer(event, plot.node()!.ownerSVGElement);
      tooltip
        .style('display', 'block')
        .style('left', `${x + 12}px`)
        .style('top', `${y + 12}px`)
        .html(
          `${data.rowTitle}: <b>${data.rowLabels[d.i]}</b><br>` +
            `${data.columnTitle}: <b>${data.columnLabels[d.j]}</b><br>` +
            `CKA = <b>${value}</b>`,
        );
    })
    .on('mouseleave', () => tooltip.style('display', 'none'));
}

function drawAxes(plot: Selection<SVGGElement>, data: HeatmapData): void {
  const rows = data.rowLabels.length;
  const columns = data.columnLabels.length;
  plot
    .selectAll('text.row-label')
    .data(data.rowLabels)
    .join('text')
    .attr('class', 'row-label')
    .attr('x', -6)
    .attr('y', (_, i) => i * CELL + CELL / 2)
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'middle')
    .text((d) => d);
  plot
    .selectAll('text.column-label')
    .data(data.columnLabels)
    .join('text')
    .attr('class', 'column-label')
    .attr(
      'transform',
      (_, j) =>
        `translate(${j * CELL + CELL / 2},${rows * CELL + 6}) rotate(-55)`,
    )
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'middle')
    .text((d) => d);
  appendLabel(plot, data.columnTitle, {
    x: (columns * CELL) / 2,
    y: rows * CELL + MARGIN.bottom - 12,
    fontWeight: 600,
  });
  appendLabel(plot, data.rowTitle, {
    x: -MARGIN.left + 14,
    y: (rows * CELL) / 2,
    rotate: -90,
    fontWeight: 600,
  });
}

function drawLegend(
  svg: Selection<SVGSVGElement>,
  x: number,
  y: number,
  height: number,
): void {
  const gradient = svg
    .select('defs')
    .append('linearGradient')
    .attr('id', 'heatmap-gradient')
    .attr('x1', 0)
    .attr('x2', 0)
    .attr('y1', 1)
    .attr('y2', 0);
  for (let k = 0; k <= 10; k++) {
    gradient
      .append('stop')
      .attr('offset', k / 10)
      .attr('stop-color', ckaColour(k / 10));
  }
  const legend = svg
    .append('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${x},${y})`);
  legend
    .append('rect')
    .attr('width', 14)
    .attr('height', height)
    .attr('fill', 'url(#heatmap-gradient)');
  const scale = d3.scaleLinear([0, 1], [height, 0]);
  legend
    .append('g')
    .attr('transform', 'translate(14,0)')
    .call(d3.axisRight(scale).ticks(5));
  appendLabel(legend, 'linear CKA', { x: 52, y: height / 2, rotate: 90 });
}
