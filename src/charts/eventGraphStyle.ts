/**
 * Colours and marker shapes of object types, shared by the event graph
 * and its legend so the two always agree.
 */

import { ObjectType, OBJECT_TYPE_NAMES } from '../events/eventSet';

/** Colour of each object type (colour-blind-safe Okabe–Ito hues). */
export const TYPE_COLOURS: Record<ObjectType, string> = {
  [ObjectType.Jet]: '#0072b2',
  [ObjectType.Electron]: '#e69f00',
  [ObjectType.Muon]: '#009e73',
  [ObjectType.Photon]: '#cc79a7',
  [ObjectType.MissingEt]: '#d55e00',
};

/** Marker shape of each object type. */
export type MarkerShape =
  'circle' | 'square' | 'diamond' | 'triangle' | 'arrow';

/** Shape of each object type; MET gets an arrow because it is a direction. */
export const TYPE_SHAPES: Record<ObjectType, MarkerShape> = {
  [ObjectType.Jet]: 'circle',
  [ObjectType.Electron]: 'square',
  [ObjectType.Muon]: 'diamond',
  [ObjectType.Photon]: 'triangle',
  [ObjectType.MissingEt]: 'arrow',
};

/** Returns the display name of an object type. */
export function typeName(type: ObjectType): string {
  return OBJECT_TYPE_NAMES[type] ?? `type ${type}`;
}

/**
 * Traces a marker of radius `r` at (x, y) into the current canvas path.
 * The arrow points to the right.
 */
export function traceMarker(
  context: CanvasRenderingContext2D,
  shape: MarkerShape,
  x: number,
  y: number,
  r: number,
): void {
  switch (shape) {
    case 'circle':
      context.moveTo(x + r, y);
      context.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 'square':
      context.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'diamond':
      context.moveTo(x, y - r * 1.2);
      context.lineTo(x + r * 1.2, y);
      context.lineTo(x, y + r * 1.2);
      context.lineTo(x - r * 1.2, y);
      context.closePath();
      break;
    case 'triangle':
      context.moveTo(x, y - r * 1.2);
      context.lineTo(x + r * 1.1, y + r * 0.8);
      context.lineTo(x - r * 1.1, y + r * 0.8);
      context.closePath();
      break;
    case 'arrow':
      context.moveTo(x - r * 1.3, y - r * 0.7);
      context.lineTo(x + r * 1.3, y);
      context.lineTo(x - r * 1.3, y + r * 0.7);
      context.lineTo(x - r * 0.7, y);
      context.closePath();
      break;
  }
}
