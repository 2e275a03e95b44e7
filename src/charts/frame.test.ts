import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChartView } from './frame';

/** Animation-frame callbacks waiting to run, keyed by request id. */
let pendingFrames: Map<number, FrameRequestCallback>;

function runFrame(): void {
  const callbacks = [...pendingFrames.values()];
  pendingFrames.clear();
  for (const callback of callbacks) callback(0);
}

beforeEach(() => {
  pendingFrames = new Map();
  let nextId = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    const id = nextId++;
    pendingFrames.set(id, callback);
    return id;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    pendingFrames.delete(id);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createChartView', () => {
  const svg = {} as SVGSVGElement;

  it('draws the latest data once per frame', () => {
    const draw = vi.fn();
    const view = createChartView(svg, draw, () => {});
    view.update('first');
    view.update('second');
    expect(draw).not.toHaveBeenCalled();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
    expect(draw).toHaveBeenCalledWith('second');
  });

  it('draws again after a later update', () => {
    const draw = vi.fn();
    const view = createChartView(svg, draw, () => {});
    view.update(1);
    runFrame();
    view.update(2);
    runFrame();
    expect(draw.mock.calls).toEqual([[1], [2]]);
  });

  it('cancels a pending draw on destroy', () => {
    const draw = vi.fn();
    const remove = vi.fn();
    const view = createChartView(svg, draw, remove);
    view.update('data');
    view.destroy();
    runFrame();
    expect(draw).not.toHaveBeenCalled();
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('returns its svg element', () => {
    const view = createChartView(
      svg,
      () => {},
      () => {},
    );
    expect(view.svg()).toBe(svg);
  });
});
