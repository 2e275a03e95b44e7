/** Redraw throttling shared by the charts. */

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
