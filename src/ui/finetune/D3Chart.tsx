import { useEffect, useRef } from 'react';

/**
 * React owner of a d3 renderer: calls `draw` on its SVG at most once per
 * animation frame, whenever `draw` changes (memoise it on its data).
 */
export function D3Chart({
  draw,
  testId,
  label,
}: {
  draw: (svg: SVGSVGElement) => void;
  testId: string;
  label: string;
}) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (ref.current) draw(ref.current);
    });
    return () => cancelAnimationFrame(frame);
  }, [draw]);
  return (
    <svg
      ref={ref}
      data-testid={testId}
      className="chart"
      role="img"
      aria-label={label}
    />
  );
}
