/**
 * Where the event graph puts its nodes and edges, in data coordinates:
 * (η, φ) for the η–φ view, or a unit circle for the circular view. No DOM
 * here, so the geometry can be read and tested on its own.
 */

import { ObjectType } from '../events/eventSet';
import { deltaPhi, deltaR } from '../physics/kinematics';

/** One reconstructed object as the graph draws it. GeV and radians. */
export interface GraphObject {
  type: ObjectType;
  pt: number;
  eta: number;
  phi: number;
  energy: number;
  btag: number;
  charge: number;
}

/** A node position; `ghost` marks a copy drawn across the φ = ±π seam. */
export interface PlacedNode {
  index: number;
  x: number;
  y: number;
  ghost: boolean;
}

/** A segment between two nodes; wrapped edges come as two segments. */
export interface PlacedEdge {
  i: number;
  j: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Drawing strength in [0, 1]: 1 is the most important pair. */
  strength: number;
}

/** Band beyond ±π, in radians, where objects near the seam repeat. */
export const PHI_MARGIN = 0.6;

/**
 * Places nodes at (η, φ) and repeats those within `PHI_MARGIN` of the
 * seam on the other side, so that neighbours across φ = ±π show as
 * neighbours.
 */
export function etaPhiNodes(objects: GraphObject[]): PlacedNode[] {
  const nodes: PlacedNode[] = objects.map((o, index) => ({
    index,
    x: o.eta,
    y: o.phi,
    ghost: false,
  }));
  objects.forEach((o, index) => {
    if (o.phi > Math.PI - PHI_MARGIN) {
      nodes.push({ index, x: o.eta, y: o.phi - 2 * Math.PI, ghost: true });
    } else if (o.phi < -Math.PI + PHI_MARGIN) {
      nodes.push({ index, x: o.eta, y: o.phi + 2 * Math.PI, ghost: true });
    }
  });
  return nodes;
}

/**
 * Returns the η–φ edges along the shorter way round in φ. An edge that
 * crosses the seam leaves the plot on one side and re-enters on the
 * other, so it comes back as two segments.
 */
export function etaPhiEdges(
  objects: GraphObject[],
  strengths: Float32Array,
): PlacedEdge[] {
  const edges: PlacedEdge[] = [];
  const n = objects.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = objects[i]!;
      const b = objects[j]!;
      const strength = strengths[i * n + j]!;
      const y2 = a.phi + deltaPhi(b.phi, a.phi);
      edges.push({ i, j, x1: a.eta, y1: a.phi, x2: b.eta, y2, strength });
      if (Math.abs(y2) > Math.PI) {
        const shift = y2 > 0 ? -2 * Math.PI : 2 * Math.PI;
        const y1 = a.phi + shift;
        edges.push({
          i,
          j,
          x1: a.eta,
          y1,
          x2: b.eta,
          y2: y2 + shift,
          strength,
        });
      }
    }
  }
  return edges;
}

/**
 * Places nodes on a unit circle, grouped by object type and ordered by
 * falling pT inside a group, for events too crowded to read in η–φ.
 */
export function circularNodes(objects: GraphObject[]): PlacedNode[] {
  const order = objects
    .map((o, index) => ({ o, index }))
    .sort((a, b) => a.o.type - b.o.type || b.o.pt - a.o.pt);
  const step = (2 * Math.PI) / Math.max(1, objects.length);
  const nodes: PlacedNode[] = new Array(objects.length);
  order.forEach(({ index }, k) => {
    const angle = -Math.PI / 2 + k * step;
    nodes[index] = {
      index,
      x: Math.cos(angle),
      y: Math.sin(angle),
      ghost: false,
    };
  });
  return nodes;
}

/** Returns straight edges between circular node positions. */
export function circularEdges(
  nodes: PlacedNode[],
  strengths: Float32Array,
): PlacedEdge[] {
  const n = nodes.length;
  const edges: PlacedEdge[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      const strength = strengths[i * n + j]!;
      edges.push({ i, j, x1: a.x, y1: a.y, x2: b.x, y2: b.y, strength });
    }
  }
  return edges;
}

/** Counts the directed edges (i ≠ j) whose value is finite. */
export function countValuedEdges(values: Float32Array, n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j && Number.isFinite(values[i * n + j])) count++;
    }
  }
  return count;
}

/** Returns the ΔR of every pair, `[n, n]` row-major, 0 on the diagonal. */
export function deltaRMatrix(objects: GraphObject[]): Float32Array {
  const n = objects.length;
  const values = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const a = objects[i]!;
      const b = objects[j]!;
      values[i * n + j] = deltaR(a.eta, a.phi, b.eta, b.phi);
    }
  }
  return values;
}

/**
 * Maps pair values `[n, n]` to drawing strengths in [0, 1]. Directed
 * values are averaged over both directions, because the drawing shows one
 * line per pair; a pair with a non-finite value in either direction has no
 * value and gets 0. "near" makes small values strong relative to the
 * largest (ΔR: close pairs stand out). "large" spreads the values between
 * the event's smallest and largest over [0.1, 1], because update
 * magnitudes pass through a LayerNorm and differ little in absolute terms.
 */
export function edgeStrengths(
  values: Float32Array,
  n: number,
  emphasis: 'near' | 'large',
): Float32Array {
  const means = pairMeans(values, n);
  const strengths = new Float32Array(n * n);
  let low = Infinity;
  let high = 0;
  for (const mean of means.values()) {
    low = Math.min(low, mean);
    high = Math.max(high, mean);
  }
  if (!(high > 0)) return strengths;
  for (const [at, mean] of means) {
    if (emphasis === 'near') strengths[at] = 1 - mean / high;
    else
      strengths[at] =
        high > low ? 0.1 + (0.9 * (mean - low)) / (high - low) : 1;
  }
  return strengths;
}

/** Averages each pair's two directed values; pairs without a value are left out. */
function pairMeans(values: Float32Array, n: number): Map<number, number> {
  const means = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const valueIJ = values[i * n + j]!;
      const valueJI = values[j * n + i]!;
      if (!Number.isFinite(valueIJ) || !Number.isFinite(valueJI)) continue;
      means.set(i * n + j, (valueIJ + valueJI) / 2);
    }
  }
  return means;
}
