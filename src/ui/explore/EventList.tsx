import { useRef, useState, type KeyboardEvent } from 'react';
import type {
  EventTable,
  ListQuery,
  PredictionColumns,
  SortKey,
} from './eventRows';

const ROW_HEIGHT = 26;
const VIEW_HEIGHT = 416;
const OVERSCAN = 6;

interface Column {
  key: SortKey;
  title: string;
  tip: string;
  render(event: number): string;
}

/** Props of `EventList`. */
export interface EventListProps {
  table: EventTable;
  classNames: string[];
  predictions: PredictionColumns[];
  /** Event indices in display order. */
  order: Int32Array;
  query: ListQuery;
  onQueryChange(query: ListQuery): void;
  selected: number;
  onSelect(event: number): void;
}

function baseColumns(table: EventTable, classNames: string[]): Column[] {
  const count = (values: Int32Array) => (e: number) => String(values[e]);
  return [
    { key: 'index', title: '#', tip: 'Event index', render: String },
    {
      key: 'label',
      title: 'class',
      tip: 'Class label of the event',
      render: (e) => classNames[table.label[e]!] ?? '–',
    },
    { key: 'jets', title: 'jets', tip: 'Jets', render: count(table.jets) },
    {
      key: 'btags',
      title: 'b',
      tip: 'b-tagged jets',
      render: count(table.btags),
    },
    {
      key: 'leptons',
      title: 'ℓ',
      tip: 'Electrons and muons',
      render: count(table.leptons),
    },
    {
      key: 'photons',
      title: 'γ',
      tip: 'Photons',
      render: count(table.photons),
    },
    {
      key: 'met',
      title: 'MET',
      tip: 'Missing transverse momentum, GeV',
      render: (e) => table.met[e]!.toFixed(0),
    },
    {
      key: 'ht',
      title: 'HT',
      tip: 'Scalar sum of jet pT, GeV',
      render: (e) => table.ht[e]!.toFixed(0),
    },
  ];
}

function predictionColumns(predictions: PredictionColumns[]): Column[] {
  return predictions.map((p) => ({
    key: `score:${p.modelId}`,
    title: p.modelName,
    tip: `${p.modelName}: predicted class and its probability`,
    render: (e) =>
      `${p.classNames[p.predicted[e]!] ?? '?'} ${p.score[e]!.toFixed(2)}`,
  }));
}

function nextPosition(key: string, position: number, length: number) {
  const page = Math.floor(VIEW_HEIGHT / ROW_HEIGHT) - 1;
  const moves: Record<string, number> = {
    ArrowDown: position + 1,
    ArrowUp: position - 1,
    PageDown: position + page,
    PageUp: position - page,
    Home: 0,
    End: length - 1,
  };
  const target = moves[key];
  if (target === undefined) return undefined;
  return Math.max(0, Math.min(length - 1, target));
}

/**
 * The sortable, virtualised event list: only the rows in view are in the
 * DOM, so a set of any size scrolls smoothly. Arrow keys, Page Up/Down,
 * Home and End move the selection.
 */
export function EventList(props: EventListProps) {
  const { table, order, query, selected } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const columns = [
    ...baseColumns(table, props.classNames),
    ...predictionColumns(props.predictions),
  ];
  const template = columns
    .map((c) => (c.key.startsWith('score:') ? '2fr' : '1fr'))
    .join(' ');

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(
    order.length,
    Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN,
  );
  const position = order.indexOf(selected);

  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextPosition(event.key, position, order.length);
    if (next === undefined || order.length === 0) return;
    event.preventDefault();
    props.onSelect(order[next]!);
    const element = viewport.current!;
    const top = next * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    if (top + ROW_HEIGHT > element.scrollTop + VIEW_HEIGHT) {
      element.scrollTop = top + ROW_HEIGHT - VIEW_HEIGHT;
    }
  };
  const sortBy = (key: SortKey) =>
    props.onQueryChange({
      ...query,
      sortKey: key,
      descending: query.sortKey === key ? !query.descending : key !== 'index',
    });

  const rows = [];
  for (let p = first; p < last; p++) {
    const event = order[p]!;
    rows.push(
      <div
        key={event}
        role="option"
        id={`explore-row-${event}`}
        aria-selected={event === selected}
        className={`event-row${event === selected ? ' selected' : ''}`}
        style={{ top: p * ROW_HEIGHT, gridTemplateColumns: template }}
        data-testid="explore.row"
        data-event={event}
        onClick={() => props.onSelect(event)}
      >
        {columns.map((c) => {
          const content = c.render(event);
          // Narrow columns cut long class names, so the cell keeps its text.
          const title = typeof content === 'string' ? content : undefined;
          return (
            <span key={c.key} title={title}>
              {content}
            </span>
          );
        })}
      </div>,
    );
  }

  return (
    <div className="event-list">
      <div
        className="event-list-head"
        style={{ gridTemplateColumns: template }}
      >
        {columns.map((c) => (
          <button
            key={c.key}
            title={`${c.tip}. Click to sort.`}
            data-testid={`explore.sort.${c.key}`}
            className={
              [
                query.sortKey === c.key ? 'sorted' : '',
                c.key.startsWith('score:') ? 'prediction' : '',
              ]
                .filter(Boolean)
                .join(' ') || undefined
            }
            onClick={() => sortBy(c.key)}
          >
            {c.title}
            {sortMark(query.sortKey === c.key, query.descending)}
          </button>
        ))}
      </div>
      <div
        ref={viewport}
        className="event-list-body"
        role="listbox"
        tabIndex={0}
        aria-label="Events"
        aria-activedescendant={
          position >= 0 ? `explore-row-${selected}` : undefined
        }
        data-testid="explore.list"
        data-rows={order.length}
        data-selected={selected}
        style={{ height: VIEW_HEIGHT }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: order.length * ROW_HEIGHT }}>{rows}</div>
      </div>
    </div>
  );
}

/** Returns the arrow after a sorted column's title, or nothing. */
function sortMark(sorted: boolean, descending: boolean): string {
  if (!sorted) return '';
  return descending ? ' ▼' : ' ▲';
}
