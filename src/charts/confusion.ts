import * as d3 from 'd3';
import { appendTitle, resetSvg } from './svgChart';

/**
 * Draws a confusion matrix (rows: true class, columns: predicted) as a
 * grid shaded by each row's fraction, with the counts written in the
 * cells, into `svg` (replacing its content).
 */
export function drawConfusion(
  svg: SVGSVGElement,
  counts: number[][],
  classNames: string[],
  options: { title: string; colour: string; cell?: number },
): void {
  const cell = options.cell ?? (classNames.length > 4 ? 34 : 48);
  const k = classNames.length;
  const margin = { top: 30, right: 8, bottom: 8, left: 70 };
  const width = margin.left + k * cell + margin.right;
  const height = margin.top + k * cell + margin.bottom + 14;
  const root = resetSvg(svg, width, height);
  appendTitle(root, options.title, margin.left, 12, 11);
  // Two short axis labels, because one line naming both does not fit
  // above a two-class grid.
  root
    .append('text')
    .attr('x', margin.left)
    .attr('y', 25)
    .attr('font-size', 9)
    .attr('fill', '#4a5568')
    .text('predicted →');
  root
    .append('text')
    .attr('x', margin.left - 6)
    .attr('y', 25)
    .attr('text-anchor', 'end')
    .attr('font-size', 9)
    .attr('fill', '#4a5568')
    .text('true ↓');

  const shade = d3.interpolateRgb('#ffffff', options.colour);
  counts.forEach((row, r) => {
    const total = d3.sum(row);
    row.forEach((count, c) => {
      const fraction = total > 0 ? count / total : 0;
      const g = root
        .append('g')
        .attr(
          'transform',
          `translate(${margin.left + c * cell},${margin.top + r * cell})`,
        );
      g.append('rect')
        .attr('width', cell - 2)
        .attr('height', cell - 2)
        .attr('fill', shade(fraction))
        .attr('stroke', '#cbd5e0');
      g.append('text')
        .attr('x', (cell - 2) / 2)
        .attr('y', (cell - 2) / 2 + 4)
        .attr('text-anchor', 'middle')
        .attr('font-size', 11)
        .attr('fill', fraction > 0.6 ? '#fff' : '#1a202c')
        .text(count);
    });
  });
  classNames.forEach((name, i) => {
    root
      .append('text')
      .attr('x', margin.left - 6)
      .attr('y', margin.top + i * cell + cell / 2 + 3)
      .attr('text-anchor', 'end')
      .attr('font-size', 10)
      .text(name);
    root
      .append('text')
      .attr('x', margin.left + i * cell + cell / 2)
      .attr('y', margin.top + k * cell + 12)
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .text(name);
  });
}
