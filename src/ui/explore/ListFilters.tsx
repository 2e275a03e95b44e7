import type { LoadedSet } from '../../state/store';
import type { ListQuery } from './eventRows';

/** Props of `ListFilters`. */
export interface ListFiltersProps {
  sets: LoadedSet[];
  setId: string;
  onSetChange(id: string): void;
  classNames: string[];
  query: ListQuery;
  onQueryChange(query: ListQuery): void;
  shown: number;
  total: number;
}

/** The set picker and the filters above the event list. */
export function ListFilters(props: ListFiltersProps) {
  const { query, onQueryChange } = props;
  const count = (value: string) => Math.max(0, Math.floor(Number(value) || 0));
  return (
    <div className="list-filters">
      <label>
        Set{' '}
        <select
          value={props.setId}
          data-testid="explore.set"
          onChange={(e) => props.onSetChange(e.target.value)}
        >
          {props.sets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.summary.name} ({s.summary.events} events)
            </option>
          ))}
        </select>
      </label>
      <label>
        Class{' '}
        <select
          value={query.label}
          data-testid="explore.filter.class"
          onChange={(e) =>
            onQueryChange({ ...query, label: Number(e.target.value) })
          }
        >
          <option value={-2}>all</option>
          {props.classNames.map((name, c) => (
            <option key={name} value={c}>
              {name}
            </option>
          ))}
          <option value={-1}>unlabelled</option>
        </select>
      </label>
      <label>
        jets ≥{' '}
        <input
          type="number"
          min={0}
          value={query.minJets}
          data-testid="explore.filter.min-jets"
          onChange={(e) =>
            onQueryChange({ ...query, minJets: count(e.target.value) })
          }
        />
      </label>
      <label>
        leptons ≥{' '}
        <input
          type="number"
          min={0}
          value={query.minLeptons}
          data-testid="explore.filter.min-leptons"
          onChange={(e) =>
            onQueryChange({ ...query, minLeptons: count(e.target.value) })
          }
        />
      </label>
      <span className="muted" data-testid="explore.count">
        {props.shown} of {props.total} events
      </span>
    </div>
  );
}
