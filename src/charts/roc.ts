import * as d3 from 'd3';

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
  const root = d3
    .select(svg)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height);
  root.selectAll('*').remove();

  const x = d3
    .scaleLinear()
    .domain([0, 1])
    .range([margin.left, width - margin.right]);
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([height - margin.bottom, margin.top]);
  root
    .append('g')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).ticks(5));
  root
    .append('g')
    .attr('transform', `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(5));
  root
    .append('text')
    .attr('x', (margin.left + width - margin.right) / 2)
    .attr('y', height - 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .text('false-positive rate');
  root
    .append('text')
    .attr(
      'transform',
      `translate(12,${(height - margin.bottom) / 2}) rotate(-90)`,
    )
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .text('true-positive rate');
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
  const legend = root
    .append('g')
    .attr('font-size', 10)
    .attr(
      'transform',
      `translate(${width - margin.right - 4},${height - margin.bottom - 8})`,
    );
  series
    .filter((s) => !s.faint)
    .forEach((s, i) => {
      legend
        .append('text')
        .attr('y', -i * 12)
        .attr('text-anchor', 'end')
        .attr('fill', s.colour)
        .text(s.name);
    });
}
