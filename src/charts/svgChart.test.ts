// @vitest-environment jsdom
import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import {
  appendAxes,
  appendLabel,
  appendLegend,
  appendTitle,
  appendXLabel,
  plotArea,
  resetFigureSvg,
  resetPlot,
  resetSvg,
} from './svgChart';

const MARGIN = { top: 10, right: 20, bottom: 30, left: 40 };

function newSvg(): SVGSVGElement {
  return document.createElementNS('http://www.w3.org/2000/svg', 'svg');
}

describe('plotArea', () => {
  it('puts the edges inside the margins', () => {
    const area = plotArea(300, 200, MARGIN);
    expect(area.width).toBe(300);
    expect(area.height).toBe(200);
    expect(area.left).toBe(40);
    expect(area.right).toBe(280);
    expect(area.top).toBe(10);
    expect(area.bottom).toBe(170);
  });
});

describe('resetSvg', () => {
  it('sizes the svg and removes old content', () => {
    const svg = newSvg();
    svg.appendChild(document.createElementNS(svg.namespaceURI, 'g'));
    resetSvg(svg, 300, 200);
    expect(svg.getAttribute('viewBox')).toBe('0 0 300 200');
    expect(svg.getAttribute('width')).toBe('300');
    expect(svg.getAttribute('height')).toBe('200');
    expect(svg.childElementCount).toBe(0);
  });
});

describe('resetPlot', () => {
  it('returns the root and plot area', () => {
    const svg = newSvg();
    const { root, area } = resetPlot(svg, 300, 200, MARGIN);
    expect(root.node()).toBe(svg);
    expect(svg.getAttribute('viewBox')).toBe('0 0 300 200');
    expect(area).toEqual(plotArea(300, 200, MARGIN));
  });
});

describe('resetFigureSvg', () => {
  it('keeps only a white background', () => {
    const svg = newSvg();
    svg.appendChild(document.createElementNS(svg.namespaceURI, 'g'));
    resetFigureSvg(svg, 300, 200);
    expect(svg.childElementCount).toBe(1);
    const background = svg.firstElementChild!;
    expect(background.tagName).toBe('rect');
    expect(background.getAttribute('width')).toBe('300');
    expect(background.getAttribute('height')).toBe('200');
    expect(background.getAttribute('fill')).toBe('#fff');
  });

  it('sets namespace and font for export', () => {
    const svg = newSvg();
    resetFigureSvg(svg, 300, 200);
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('font-family')).toBe('system-ui, sans-serif');
    expect(svg.getAttribute('font-size')).toBe('11');
    expect(svg.getAttribute('viewBox')).toBe('0 0 300 200');
  });
});

describe('appendTitle', () => {
  it('writes a bold title at the point', () => {
    const title = appendTitle(d3.select(newSvg()), 'CKA', 50, 20).node()!;
    expect(title.textContent).toBe('CKA');
    expect(title.getAttribute('x')).toBe('50');
    expect(title.getAttribute('y')).toBe('20');
    expect(title.getAttribute('font-size')).toBe('13');
    expect(title.getAttribute('font-weight')).toBe('600');
  });

  it('takes a smaller font size', () => {
    const title = appendTitle(d3.select(newSvg()), 'Run', 0, 12, 11).node()!;
    expect(title.getAttribute('font-size')).toBe('11');
  });
});

describe('appendAxes', () => {
  const area = plotArea(300, 200, MARGIN);
  const x = d3.scaleLinear([0, 1], [area.left, area.right]);
  const y = d3.scaleLinear([0, 1], [area.bottom, area.top]);

  function drawAxes(svg: SVGSVGElement) {
    return appendAxes(d3.select(svg), area, d3.axisBottom(x), d3.axisLeft(y));
  }

  it('places the x axis on the bottom edge', () => {
    const axes = drawAxes(newSvg());
    expect(axes.bottom.attr('transform')).toBe('translate(0,170)');
    expect(axes.bottom.selectAll('.tick').size()).toBeGreaterThan(0);
  });

  it('places the y axis on the left edge', () => {
    const axes = drawAxes(newSvg());
    expect(axes.left.attr('transform')).toBe('translate(40,0)');
    expect(axes.left.selectAll('.tick').size()).toBeGreaterThan(0);
  });

  it('appends the x axis before the y axis', () => {
    const svg = newSvg();
    const axes = drawAxes(svg);
    expect(svg.children[0]).toBe(axes.bottom.node());
    expect(svg.children[1]).toBe(axes.left.node());
  });
});

describe('appendLabel', () => {
  it('centres an upright label on the point', () => {
    const label = appendLabel(d3.select(newSvg()), 'η', { x: 5, y: 7 });
    const node = label.node()!;
    expect(node.textContent).toBe('η');
    expect(node.getAttribute('x')).toBe('5');
    expect(node.getAttribute('y')).toBe('7');
    expect(node.getAttribute('text-anchor')).toBe('middle');
    expect(node.hasAttribute('transform')).toBe(false);
  });

  it('rotates a label about the point', () => {
    const label = appendLabel(d3.select(newSvg()), 'rate', {
      x: 12,
      y: 121,
      rotate: -90,
    });
    const node = label.node()!;
    expect(node.getAttribute('transform')).toBe(
      'translate(12,121) rotate(-90)',
    );
    expect(node.hasAttribute('x')).toBe(false);
    expect(node.hasAttribute('y')).toBe(false);
  });

  it('inherits the font unless one is given', () => {
    const svg = d3.select(newSvg());
    const plain = appendLabel(svg, 'a', { x: 0, y: 0 }).node()!;
    expect(plain.hasAttribute('font-size')).toBe(false);
    expect(plain.hasAttribute('font-weight')).toBe(false);
    const styled = appendLabel(svg, 'b', {
      x: 0,
      y: 0,
      fontSize: 11,
      fontWeight: 600,
    }).node()!;
    expect(styled.getAttribute('font-size')).toBe('11');
    expect(styled.getAttribute('font-weight')).toBe('600');
  });
});

describe('appendXLabel', () => {
  it('places the x label under the axis', () => {
    const area = plotArea(300, 200, MARGIN);
    const node = appendXLabel(d3.select(newSvg()), area, 'pT').node()!;
    expect(node.textContent).toBe('pT');
    // Centred between the left and right edges of the plot area.
    expect(node.getAttribute('x')).toBe('160');
    // 4 units above the bottom of the chart, below the tick labels.
    expect(node.getAttribute('y')).toBe('196');
    expect(node.getAttribute('text-anchor')).toBe('middle');
    expect(node.getAttribute('font-size')).toBe('11');
  });
});

describe('appendLegend', () => {
  const entries = [
    { label: 'signal', colour: '#2b6cb0' },
    { label: 'background', colour: '#c05621' },
  ];

  it('stacks lines downwards in their colours', () => {
    const legend = appendLegend(d3.select(newSvg()), entries, { x: 5, y: 9 });
    expect(legend.attr('transform')).toBe('translate(5,9)');
    expect(legend.attr('font-size')).toBe('10');
    const lines = legend.selectAll<SVGTextElement, unknown>('text').nodes();
    expect(lines.map((line) => line.textContent)).toEqual([
      'signal',
      'background',
    ]);
    expect(lines.map((line) => line.getAttribute('y'))).toEqual(['0', '12']);
    expect(lines.map((line) => line.getAttribute('fill'))).toEqual([
      '#2b6cb0',
      '#c05621',
    ]);
    expect(lines[0]!.hasAttribute('text-anchor')).toBe(false);
  });

  it('stacks lines upwards with a negative step', () => {
    const legend = appendLegend(d3.select(newSvg()), entries, {
      x: 0,
      y: 0,
      lineStep: -12,
      anchor: 'end',
    });
    const lines = legend.selectAll<SVGTextElement, unknown>('text').nodes();
    expect(lines.map((line) => line.getAttribute('y'))).toEqual(['0', '-12']);
    expect(lines[1]!.getAttribute('text-anchor')).toBe('end');
  });
});
