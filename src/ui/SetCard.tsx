import type { LoadedSet } from '../state/store';

/** One loaded set: events per class and objects per type. */
export function SetCard({
  set,
  onRemove,
}: {
  set: LoadedSet;
  onRemove(): void;
}) {
  const { summary } = set;
  return (
    <article
      className="set-card"
      data-testid="data.set"
      data-name={summary.name}
      data-events={summary.events}
    >
      <header>
        <h3>{summary.name}</h3>
        <span className="muted">
          {summary.source} · {summary.layout}
        </span>
        <button
          className="link"
          data-testid="data.set.remove"
          onClick={onRemove}
        >
          remove
        </button>
      </header>
      <p>
        <strong data-testid="data.set.events">
          {summary.events.toLocaleString('en')}
        </strong>{' '}
        events, {summary.objects.toLocaleString('en')} objects
      </p>
      <div className="tables">
        <table data-testid="data.set.classes">
          <thead>
            <tr>
              <th>class</th>
              <th>events</th>
            </tr>
          </thead>
          <tbody>
            {summary.eventsByClass.map((row) => (
              <tr key={row.name}>
                <td>{row.name}</td>
                <td className="number">{row.events.toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table data-testid="data.set.objects">
          <thead>
            <tr>
              <th>object</th>
              <th>count</th>
              <th>per event</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(summary.objectsByType).map(([type, count]) => (
              <tr key={type} data-type={type} data-count={count}>
                <td>{type}</td>
                <td className="number">{count.toLocaleString('en')}</td>
                <td className="number">
                  {(count / Math.max(1, summary.events)).toFixed(2)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.skipped && (
        <p className="warning" data-testid="data.set.skipped">
          {summary.skipped.count} rows skipped, because {summary.skipped.reason}
          .
        </p>
      )}
      {[...summary.warnings, ...summary.notes].map((text) => (
        <p key={text} className="warning">
          {text}
        </p>
      ))}
    </article>
  );
}
