import { useMemo, useState } from 'react';
import type { EventGraphOptions } from '../charts/eventGraph';
import { getSet } from '../state/registry';
import { EventGraphPanel } from './explore/EventGraphPanel';
import { EventList } from './explore/EventList';
import { ListFilters } from './explore/ListFilters';
import { EventInspector } from './explore/EventInspector';
import {
  buildEventTable,
  eventObjects,
  queryEvents,
  type ListQuery,
} from './explore/eventRows';
import { useEventInsight } from './explore/useEventInsight';
import { useAppState } from './storeContext';

const DEFAULT_QUERY: ListQuery = {
  sortKey: 'index',
  descending: false,
  label: -2,
  minJets: 0,
  minLeptons: 0,
};

/** Browse the events of a loaded set and look at one as a graph. */
export function ExplorePage() {
  const sets = useAppState((s) => s.sets);
  const [chosenSetId, setChosenSetId] = useState<string>();
  const setId = sets.some((s) => s.id === chosenSetId)
    ? chosenSetId
    : sets[0]?.id;
  const set = setId ? getSet(setId) : undefined;

  const [query, setQuery] = useState(DEFAULT_QUERY);
  const [selected, setSelected] = useState(0);
  const [layout, setLayout] = useState<EventGraphOptions['layout']>('eta-phi');

  const table = useMemo(() => (set ? buildEventTable(set) : undefined), [set]);
  const insight = useEventInsight(setId, set, selected);
  const predictions = insight.predictions;
  const order = useMemo(
    () => (table ? queryEvents(table, predictions, query) : new Int32Array()),
    [table, predictions, query],
  );
  const objects = useMemo(
    () =>
      set && selected < set.offsets.length - 1
        ? eventObjects(set, selected)
        : [],
    [set, selected],
  );
  const graphData = useMemo(
    () => ({ objects, ...insight.graph }),
    [objects, insight.graph],
  );
  const graphOptions = useMemo(() => ({ layout }), [layout]);

  if (!set || !table || !setId) {
    return (
      <section className="page" data-testid="explore.page">
        <h2>Explore</h2>
        <p className="muted" data-testid="explore.empty">
          No event set is loaded. Load a bundled sample or a file on the{' '}
          <a href="#data">Data</a> page, then come back here.
        </p>
      </section>
    );
  }

  const chooseSet = (id: string) => {
    setChosenSetId(id);
    setSelected(0);
    setQuery(DEFAULT_QUERY);
  };

  return (
    <section className="page explore" data-testid="explore.page">
      <h2>Explore</h2>
      <ListFilters
        sets={sets}
        setId={setId}
        onSetChange={chooseSet}
        classNames={set.classNames}
        query={query}
        onQueryChange={setQuery}
        shown={order.length}
        total={table.count}
      />
      <div className="explore-body">
        <EventList
          table={table}
          classNames={set.classNames}
          predictions={predictions}
          order={order}
          query={query}
          onQueryChange={setQuery}
          selected={selected}
          onSelect={setSelected}
        />
        <div className="explore-event" data-testid="explore.event">
          <div className="explore-event-head">
            <strong data-testid="explore.event.title">
              Event {selected} · {objects.length} objects ·{' '}
              {objects.length * (objects.length - 1)} directed edges
            </strong>
            <label>
              View{' '}
              <select
                value={layout}
                data-testid="explore.layout"
                onChange={(e) =>
                  setLayout(e.target.value as EventGraphOptions['layout'])
                }
              >
                <option value="eta-phi">η–φ plane</option>
                <option value="circular">circle (crowded events)</option>
              </select>
            </label>
            <label>
              Edges{' '}
              <select
                value={insight.edgeWeight.chosen.key}
                data-testid="explore.edge-weight"
                onChange={(e) => insight.edgeWeight.choose(e.target.value)}
              >
                {insight.edgeWeight.choices.map((choice) => (
                  <option key={choice.key} value={choice.key}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <EventGraphPanel data={graphData} options={graphOptions} />
          <GraphLegend />
          <EdgeLegend
            label={graphData.edgeLabel}
            emphasis={graphData.edgeEmphasis}
          />
          <EventInspector insight={insight} objects={objects} />
        </div>
      </div>
    </section>
  );
}

function GraphLegend() {
  return (
    <p className="graph-legend muted">
      <span className="swatch jet">●</span> jet (dark ring: b-tagged){' '}
      <span className="swatch electron">■</span> electron{' '}
      <span className="swatch muon">◆</span> muon{' '}
      <span className="swatch photon">▲</span> photon{' '}
      <span className="swatch met">➤</span> MET (dashed: its φ, any η) · size ∝
      √pT · hover an object for its numbers
    </p>
  );
}

/** Props of `EdgeLegend`. */
interface EdgeLegendProps {
  label: string;
  emphasis: 'near' | 'large';
}

/** Shows one line saying what the width and opacity of the edges show. */
function EdgeLegend({ label, emphasis }: EdgeLegendProps) {
  const text =
    emphasis === 'near'
      ? `Edges: wider and darker for pairs closer in ${label}.`
      : `Edges: wider and darker for a larger L2 norm of the edge update ` +
        `(${label}), from this event's smallest to its largest. Objects ` +
        "beyond the model's leading objects by pT have no value.";
  return (
    <p className="graph-legend muted" data-testid="explore.edge-legend">
      {text}
    </p>
  );
}
