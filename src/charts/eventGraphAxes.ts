/** The η–φ frame of the event graph: axes, ticks and the φ seam bands. */

import type { ScaleLinear } from 'd3';

/** The plotting area in CSS pixels with its data-to-pixel scales. */
export interface Plot {
  kind: 'eta-phi' | 'circular';
  left: number;
  top: number;
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

const PHI_TICKS: [number, string][] = [
  [-Math.PI, '−π'],
  [-Math.PI / 2, '−π/2'],
  [0, '0'],
  [Math.PI / 2, 'π/2'],
  [Math.PI, 'π'],
];

/**
 * Draws the η and φ axes, and shades the bands beyond ±π where objects
 * near the seam are repeated, so a reader sees they are copies.
 */
export function drawEtaPhiFrame(
  context: CanvasRenderingContext2D,
  plot: Plot,
): void {
  const { x, y, left, top, width, height } = plot;
  const bottom = top + height;
  context.fillStyle = '#f1f5f9';
  context.fillRect(left, y(Math.PI), width, y(-Math.PI) - y(Math.PI));
  context.fillStyle = '#e2e8f0';
  context.fillRect(left, top, width, y(Math.PI) - top);
  context.fillRect(left, y(-Math.PI), width, bottom - y(-Math.PI));

  context.strokeStyle = '#94a3b8';
  context.setLineDash([3, 3]);
  for (const phi of [-Math.PI, Math.PI]) {
    context.beginPath();
    context.moveTo(left, y(phi));
    context.lineTo(left + width, y(phi));
    context.stroke();
  }
  context.setLineDash([]);

  context.fillStyle = '#4a5568';
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const eta of x.ticks(8)) {
    context.fillText(String(eta), x(eta), bottom + 4);
  }
  context.fillText('η', left + width / 2, bottom + 20);

  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const [phi, label] of PHI_TICKS) {
    context.fillText(label, left - 6, y(phi));
  }
  context.save();
  context.translate(12, top + height / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.fillText('φ (shaded bands repeat across ±π)', 0, 0);
  context.restore();
}
