/**
 * Parts shared by the SVG charts: the plot area inside the margins, a
 * cleared root element, axes, labels, titles and legends. Redraw
 * throttling lives in `frame.ts`.
 */

import * as d3 from 'd3';

/** A d3 selection of one element that carries no bound data. */
export type Selection<E extends d3.BaseType> = d3.Selection<
  E,
  unknown,
  null,
  undefined
>;

/** Space around the plot area, in SVG user units. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A chart's size and the edges of its plot area, in SVG user units. */
export interface PlotArea {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Placement and style of one text label. */
export interface LabelOptions {
  /** Centre of the label, before any rotation. */
  x: number;
  y: number;
  /** Rotation in degrees about (x, y). At -90 the text reads upwards. */
  rotate?: number;
  // Font size and weight, inherited from the parent element when absent.
  fontSize?: number;
  fontWeight?: number;
}

/** One line of a legend. */
export interface LegendEntry {
  label: string;
  colour: string;
}

/** Placement of a legend's lines. */
export interface LegendOptions {
  /** Position of the first line. */
  x: number;
  y: number;
  /**
   * Offset from one line to the next, 12 when absent. A negative step
   * stacks the lines upwards.
   */
  lineStep?: number;
  anchor?: 'start' | 'middle' | 'end';
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** Returns the plot area of a `width` × `height` chart with `margin`. */
export function plotArea(
  width: number,
  height: number,
  margin: Margin,
): PlotArea {
  return {
    width,
    height,
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  };
}

/**
 * Sizes `svg` to `width` × `height` and removes its content, so a chart
 * can redraw it from scratch.
 */
export function resetSvg(
  svg: SVGSVGElement,
  width: number,
  height: number,
): Selection<SVGSVGElement> {
  const root = d3
    .select(svg)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height);
  root.selectAll('*').remove();
  return root;
}

/**
 * Resets `svg` like `resetSvg` and returns it with the plot area inside
 * `margin`.
 */
export function resetPlot(
  svg: SVGSVGElement,
  width: number,
  height: number,
  margin: Margin,
): { root: Selection<SVGSVGElement>; area: PlotArea } {
  return {
    root: resetSvg(svg, width, height),
    area: plotArea(width, height, margin),
  };
}

/**
 * Resets `svg` like `resetSvg` for a chart that is also saved as a file.
 * The element itself carries the namespace, font and white background,
 * because a saved file has no page around it to supply them.
 */
export function resetFigureSvg(
  svg: SVGSVGElement,
  width: number,
  height: number,
): Selection<SVGSVGElement> {
  d3.select(svg).attr('xmlns', SVG_NAMESPACE);
  const root = resetSvg(svg, width, height)
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 11);
  root
    .append('rect')
    .attr('width', width)
    .attr('height', height)
    .attr('fill', '#fff');
  return root;
}

/**
 * Appends a bold title whose text starts at (x, y), with a font size of
 * 13 unless `fontSize` is given.
 */
export function appendTitle<E extends SVGElement>(
  parent: Selection<E>,
  text: string,
  x: number,
  y: number,
  fontSize = 13,
): Selection<SVGTextElement> {
  return parent
    .append('text')
    .attr('x', x)
    .attr('y', y)
    .attr('font-size', fontSize)
    .attr('font-weight', 600)
    .text(text);
}

/**
 * Appends `bottom` along the bottom edge of the plot area and `left`
 * along its left edge, and returns the two axis groups.
 */
export function appendAxes<
  E extends SVGElement,
  BottomDomain extends d3.AxisDomain,
  LeftDomain extends d3.AxisDomain,
>(
  parent: Selection<E>,
  area: PlotArea,
  bottom: d3.Axis<BottomDomain>,
  left: d3.Axis<LeftDomain>,
): { bottom: Selection<SVGGElement>; left: Selection<SVGGElement> } {
  return {
    bottom: parent
      .append('g')
      .attr('transform', `translate(0,${area.bottom})`)
      .call(bottom),
    left: parent
      .append('g')
      .attr('transform', `translate(${area.left},0)`)
      .call(left),
  };
}

/** Appends a text label centred on (x, y), rotated when `rotate` is set. */
export function appendLabel<E extends SVGElement>(
  parent: Selection<E>,
  text: string,
  options: LabelOptions,
): Selection<SVGTextElement> {
  const label = parent.append('text');
  if (options.rotate === undefined) {
    label.attr('x', options.x).attr('y', options.y);
  } else {
    label.attr(
      'transform',
      `translate(${options.x},${options.y}) rotate(${options.rotate})`,
    );
  }
  return label
    .attr('text-anchor', 'middle')
    .attr('font-size', options.fontSize ?? null)
    .attr('font-weight', options.fontWeight ?? null)
    .text(text);
}

/**
 * Appends the x-axis label, centred under the plot area and 4 units
 * above the bottom of the chart.
 */
export function appendXLabel<E extends SVGElement>(
  parent: Selection<E>,
  area: PlotArea,
  text: string,
): Selection<SVGTextElement> {
  return appendLabel(parent, text, {
    x: (area.left + area.right) / 2,
    y: area.height - 4,
    fontSize: 11,
  });
}

/**
 * Appends a legend with one line of text per entry, in the entry's
 * colour, starting at (x, y).
 */
export function appendLegend<E extends SVGElement>(
  parent: Selection<E>,
  entries: LegendEntry[],
  options: LegendOptions,
): Selection<SVGGElement> {
  const lineStep = options.lineStep ?? 12;
  const legend = parent
    .append('g')
    .attr('font-size', 10)
    .attr('transform', `translate(${options.x},${options.y})`);
  entries.forEach((entry, index) => {
    legend
      .append('text')
      .attr('y', index * lineStep)
      .attr('text-anchor', options.anchor ?? null)
      .attr('fill', entry.colour)
      .text(entry.label);
  });
  return legend;
}
