import { useEffect, useRef } from 'react';

/** A chart handle as the renderers in src/charts return it. */
interface ChartView<T> {
  update(data: T): void;
  svg(): SVGSVGElement;
  destroy(): void;
}

/** Props of `ChartPanel`. */
export interface ChartPanelProps<T> {
  create(container: HTMLElement): ChartView<T>;
  data: T;
  testId: string;
  /** Receives the chart's SVG element, for export. */
  onSvg?(svg: SVGSVGElement | null): void;
}

/** Owns the element of one d3 chart and hands it new data. */
export function ChartPanel<T>({
  create,
  data,
  testId,
  onSvg,
}: ChartPanelProps<T>) {
  const element = useRef<HTMLDivElement>(null);
  const view = useRef<ChartView<T> | null>(null);

  useEffect(() => {
    view.current = create(element.current!);
    onSvg?.(view.current.svg());
    return () => {
      view.current?.destroy();
      view.current = null;
      onSvg?.(null);
    };
  }, [create, onSvg]);

  useEffect(() => {
    view.current?.update(data);
  }, [data]);

  return <div ref={element} className="chart-panel" data-testid={testId} />;
}
