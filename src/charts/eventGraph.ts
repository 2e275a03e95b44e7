/**
 * The event graph renderer: one event's objects as nodes and every pair
 * as an edge, on a canvas (a 30-object event has 435 pairs and 870
 * directed edges, which SVG redraws too slowly on hover). Data and
 * options in, pixels out; the caller owns the container element.
 */

import * as d3 from 'd3';
import { ObjectType } from '../events/eventSet';
import {
  circularEdges,
  circularNodes,
  countValuedEdges,
  deltaRMatrix,
  edgeStrengths,
  etaPhiEdges,
  etaPhiNodes,
  type GraphObject,
  type PlacedEdge,
  type PlacedNode,
} from './eventGraphLayout';
import { drawEtaPhiFrame, type Plot } from './eventGraphAxes';
import { TYPE_COLOURS, TYPE_SHAPES, traceMarker } from './eventGraphStyle';
import { formatObjectTooltip } from './eventGraphTooltip';
import { createFrameScheduler } from './frame';

/** What the graph shows. */
export interface EventGraphData {
  objects: GraphObject[];
  /**
   * Pair values `[n, n]` row-major; ΔR when absent. NaN marks a pair
   * without a value, which is drawn at the lowest strength.
   */
  edgeValues?: Float32Array;
  /** "near": small values draw strong (ΔR); "large": large values do. */
  edgeEmphasis: 'near' | 'large';
  /** Name of the edge value, shown in the tooltip and legend. */
  edgeLabel: string;
  /** Per-object importance in [0, 1], drawn as a halo; optional. */
  importance?: number[];
}

/** How the graph is laid out. */
export interface EventGraphOptions {
  layout: 'eta-phi' | 'circular';
}

/** A live graph in a container. */
export interface EventGraphView {
  update(data: EventGraphData, options: EventGraphOptions): void;
  destroy(): void;
}

const HEIGHT = 440;
const MARGIN = { left: 46, right: 16, top: 14, bottom: 38 };

interface Scene {
  width: number;
  plot: Plot;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  radii: number[];
}

/** Creates an event graph inside `container` and returns its handle. */
export function createEventGraph(container: HTMLElement): EventGraphView {
  const root = d3.select(container).classed('event-graph', true);
  const canvas = root.append('canvas').node()!;
  const tooltip = root.append('div').attr('class', 'chart-tooltip');
  let data: EventGraphData | undefined;
  let options: EventGraphOptions = { layout: 'eta-phi' };
  let scene: Scene | undefined;
  let hovered = -1;

  const frame = createFrameScheduler(() => {
    if (!data) return;
    scene = layoutScene(data, options, container.clientWidth || 600);
    paint(canvas, scene, data, options, hovered);
  });
  const resize = new ResizeObserver(() => frame.request());
  resize.observe(container);

  canvas.addEventListener('mousemove', (event) => {
    if (!scene || !data) return;
    const node = nearestNode(scene, event.offsetX, event.offsetY);
    const index = node ? node.index : -1;
    if (index !== hovered) {
      hovered = index;
      frame.request();
    }
    if (!node) {
      tooltip.style('display', 'none');
      return;
    }
    tooltip
      .style('display', 'block')
      .style('left', `${event.offsetX + 14}px`)
      .style('top', `${event.offsetY + 10}px`)
      .html(formatObjectTooltip(data, node.index));
  });
  canvas.addEventListener('mouseleave', () => {
    hovered = -1;
    tooltip.style('display', 'none');
    frame.request();
  });

  return {
    update(nextData, nextOptions) {
      data = nextData;
      options = nextOptions;
      const n = nextData.objects.length;
      const weighted = nextData.edgeValues
        ? countValuedEdges(nextData.edgeValues, n)
        : n * (n - 1);
      root
        .attr('data-nodes', n)
        .attr('data-edges', n * (n - 1))
        .attr('data-edge-weight', nextData.edgeLabel)
        .attr('data-weighted-edges', weighted)
        .attr('data-layout', nextOptions.layout);
      frame.request();
    },
    destroy() {
      frame.cancel();
      resize.disconnect();
      root.selectAll('*').remove();
    },
  };
}

function layoutScene(
  data: EventGraphData,
  options: EventGraphOptions,
  width: number,
): Scene {
  const { objects } = data;
  const n = objects.length;
  const values = data.edgeValues ?? deltaRMatrix(objects);
  const strengths = edgeStrengths(values, n, data.edgeEmphasis);
  const maxPt = d3.max(objects, (o) => o.pt) ?? 1;
  const radii = objects.map((o) => 3 + 10 * Math.sqrt(o.pt / (maxPt || 1)));
  const plotRect = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: width - MARGIN.left - MARGIN.right,
    height: HEIGHT - MARGIN.top - MARGIN.bottom,
  };

  if (options.layout === 'circular') {
    const nodes = circularNodes(objects);
    const side = Math.min(plotRect.width, plotRect.height) / 2;
    const cx = plotRect.left + plotRect.width / 2;
    const cy = plotRect.top + plotRect.height / 2;
    const x = d3.scaleLinear([-1, 1], [cx - side * 0.85, cx + side * 0.85]);
    const y = d3.scaleLinear([-1, 1], [cy - side * 0.85, cy + side * 0.85]);
    const plot = { ...plotRect, x, y, kind: 'circular' as const };
    return {
      width,
      plot,
      nodes,
      edges: circularEdges(nodes, strengths),
      radii,
    };
  }

  const maxEta = d3.max(objects, (o) => Math.abs(o.eta)) ?? 0;
  const etaLimit = Math.max(2.5, Math.ceil((maxEta + 0.3) * 2) / 2);
  const phiLimit = Math.PI + 0.6;
  const x = d3.scaleLinear(
    [-etaLimit, etaLimit],
    [plotRect.left, plotRect.left + plotRect.width],
  );
  const y = d3.scaleLinear(
    [-phiLimit, phiLimit],
    [plotRect.top + plotRect.height, plotRect.top],
  );
  const plot = { ...plotRect, x, y, kind: 'eta-phi' as const };
  const nodes = etaPhiNodes(objects);
  return { width, plot, nodes, edges: etaPhiEdges(objects, strengths), radii };
}

function paint(
  canvas: HTMLCanvasElement,
  scene: Scene,
  data: EventGraphData,
  options: EventGraphOptions,
  hovered: number,
): void {
  const context = prepareCanvas(canvas, scene.width);
  const { plot } = scene;
  if (options.layout === 'eta-phi') drawEtaPhiFrame(context, plot);

  context.save();
  context.beginPath();
  context.rect(plot.left, plot.top, plot.width, plot.height);
  context.clip();
  drawEdges(context, scene, hovered);
  if (options.layout === 'eta-phi') drawMetLines(context, scene, data);
  drawNodes(context, scene, data, hovered);
  context.restore();
}

function prepareCanvas(canvas: HTMLCanvasElement, width: number) {
  const ratio = window.devicePixelRatio || 1;
  const cssWidth = Math.max(200, width);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${HEIGHT}px`;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(HEIGHT * ratio);
  const context = canvas.getContext('2d')!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, cssWidth, HEIGHT);
  return context;
}

function drawEdges(
  context: CanvasRenderingContext2D,
  scene: Scene,
  hovered: number,
): void {
  const { x, y } = scene.plot;
  // Weak edges first, so strong ones stay visible on top.
  const edges = [...scene.edges].sort((a, b) => a.strength - b.strength);
  for (const edge of edges) {
    const touches = edge.i === hovered || edge.j === hovered;
    const dimmed = hovered >= 0 && !touches;
    const alpha = dimmed ? 0.03 : 0.06 + 0.6 * edge.strength;
    context.strokeStyle = touches
      ? `rgba(192, 86, 33, ${0.25 + 0.75 * edge.strength})`
      : `rgba(45, 55, 72, ${alpha})`;
    context.lineWidth = 0.4 + 2.6 * edge.strength;
    context.beginPath();
    context.moveTo(x(edge.x1), y(edge.y1));
    context.lineTo(x(edge.x2), y(edge.y2));
    context.stroke();
  }
}

// MET has no η: a dashed line along η at its φ shows that, besides the node
// that the network places at η = 0 by convention.
function drawMetLines(
  context: CanvasRenderingContext2D,
  scene: Scene,
  data: EventGraphData,
): void {
  const { x, y } = scene.plot;
  const [left, right] = x.range() as [number, number];
  context.save();
  context.setLineDash([5, 4]);
  context.strokeStyle = TYPE_COLOURS[ObjectType.MissingEt];
  context.lineWidth = 1.2;
  for (const node of scene.nodes) {
    const object = data.objects[node.index]!;
    if (object.type !== ObjectType.MissingEt) continue;
    context.globalAlpha = node.ghost ? 0.3 : 0.8;
    context.beginPath();
    context.moveTo(left, y(node.y));
    context.lineTo(right, y(node.y));
    context.stroke();
  }
  context.restore();
}

function drawNodes(
  context: CanvasRenderingContext2D,
  scene: Scene,
  data: EventGraphData,
  hovered: number,
): void {
  const { x, y } = scene.plot;
  for (const node of scene.nodes) {
    const object = data.objects[node.index]!;
    const r = scene.radii[node.index]!;
    const px = x(node.x);
    const py = y(node.y);
    context.globalAlpha = node.ghost ? 0.35 : 1;
    const importance = data.importance?.[node.index] ?? 0;
    if (importance > 0) {
      context.beginPath();
      context.arc(px, py, r + 6, 0, 2 * Math.PI);
      context.fillStyle = `rgba(255, 176, 0, ${0.15 + 0.7 * importance})`;
      context.fill();
    }
    context.beginPath();
    traceMarker(context, TYPE_SHAPES[object.type], px, py, r);
    context.fillStyle = TYPE_COLOURS[object.type];
    context.fill();
    const tagged = object.type === ObjectType.Jet && object.btag >= 0.5;
    let lineWidth = 1;
    if (node.index === hovered) lineWidth = 2.5;
    if (tagged) lineWidth = 3;
    context.lineWidth = lineWidth;
    context.strokeStyle = tagged ? '#1a202c' : '#ffffff';
    context.stroke();
  }
  context.globalAlpha = 1;
}

function nearestNode(
  scene: Scene,
  px: number,
  py: number,
): PlacedNode | undefined {
  let best: PlacedNode | undefined;
  let bestDistance = Infinity;
  for (const node of scene.nodes) {
    const dx = scene.plot.x(node.x) - px;
    const dy = scene.plot.y(node.y) - py;
    const distance = Math.hypot(dx, dy);
    const reach = scene.radii[node.index]! + 4;
    if (distance <= reach && distance < bestDistance) {
      best = node;
      bestDistance = distance;
    }
  }
  return best;
}
