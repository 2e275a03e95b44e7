import { useEffect, useRef } from 'react';
import {
  createEventGraph,
  type EventGraphData,
  type EventGraphOptions,
  type EventGraphView,
} from '../../charts/eventGraph';

/** Props of `EventGraphPanel`. */
export interface EventGraphPanelProps {
  data: EventGraphData;
  options: EventGraphOptions;
}

/** Owns the element of one event graph and hands it new data. */
export function EventGraphPanel({ data, options }: EventGraphPanelProps) {
  const element = useRef<HTMLDivElement>(null);
  const view = useRef<EventGraphView | null>(null);

  useEffect(() => {
    view.current = createEventGraph(element.current!);
    return () => {
      view.current?.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.update(data, options);
  }, [data, options]);

  return <div ref={element} data-testid="explore.graph" />;
}
