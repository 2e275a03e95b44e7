/** Redraw throttling and live-chart handles shared by the charts. */

/** A redraw request that runs at most once per animation frame. */
export interface FrameScheduler {
  request(): void;
  cancel(): void;
}

/** Wraps `draw` so that any number of requests in a frame draw once. */
export function createFrameScheduler(draw: () => void): FrameScheduler {
  let pending = 0;
  return {
    request() {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        draw();
      });
    },
    cancel() {
      if (pending) cancelAnimationFrame(pending);
      pending = 0;
    },
  };
}

/** A live chart in the page. */
export interface ChartView<T> {
  /** Stores `data` and requests a redraw with it. */
  update(data: T): void;
  /** The SVG element, for export. */
  svg(): SVGSVGElement;
  /** Cancels a pending redraw and removes the chart from the page. */
  destroy(): void;
}

/**
 * Returns the handle of a chart on `svg` that calls `draw` at most once
 * per animation frame, with the data of the latest `update`. `destroy`
 * calls `remove`, which takes the chart's elements out of the page.
 */
export function createChartView<T>(
  svg: SVGSVGElement,
  draw: (data: T) => void,
  remove: () => void,
): ChartView<T> {
  let latest: { data: T } | undefined;
  const frame = createFrameScheduler(() => {
    if (latest) draw(latest.data);
  });
  return {
    update(data) {
      latest = { data };
      frame.request();
    },
    svg: () => svg,
    destroy() {
      frame.cancel();
      remove();
    },
  };
}
