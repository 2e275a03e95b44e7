import type { LoadedSet } from '../state/store';
import { ClassTable, RenamableName } from './data/ClassTable';
import { SetOptions } from './data/SetOptions';

/** One loaded set: events per class and objects per type. */
export function SetCard({
  set,
  onRemove,
  onRename,
  onRenameClass,
  onChooseBranches,
}: {
  set: LoadedSet;
  onRemove(): void;
  onRename(name: string): void;
  onRenameClass(index: number, name: string): void;
  onChooseBranches(setId: string): void;
}) {
  const { summary } = set;
  // Importers put some messages in both warnings and notes; show each once,
  // and the unit conversion in its own box.
  const messages = [...new Set([...summary.warnings, ...summary.notes])].filter(
    (text) => text !== summary.unitConversion,
  );
  const notes = new Set(summary.notes);
  return (
    <article
      className="set-card"
      data-testid="data.set"
      data-name={summary.name}
      data-events={summary.events}
      data-layout={summary.layout}
    >
      <header>
        <h3>
          <RenamableName
            name={summary.name}
            kind="set"
            testId="data.set"
            onRename={onRename}
          />
        </h3>
        <span className="muted">
          {summary.source} · {summary.layout}
          {summary.importMs !== undefined &&
            ` · read in ${(summary.importMs / 1000).toFixed(2)} s`}
        </span>
        <button
          className="link"
          data-testid="data.set.remove"
          onClick={onRemove}
        >
          remove
        </button>
      </header>
      {summary.unitConversion && (
        <p className="units-note" data-testid="data.set.units">
          <strong>Units: converted from MeV to GeV.</strong>{' '}
          {summary.unitConversion}
        </p>
      )}
      <p>
        <strong data-testid="data.set.events">
          {summary.events.toLocaleString('en')}
        </strong>{' '}
        {summary.events === 1 ? 'event' : 'events'},{' '}
        {summary.objects.toLocaleString('en')}{' '}
        {summary.objects === 1 ? 'object' : 'objects'}
      </p>
      <div className="tables">
        <ClassTable rows={summary.eventsByClass} onRename={onRenameClass} />
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
      <SetOptions set={set} onChooseBranches={onChooseBranches} />
      {summary.skipped && (
        <p className="warning" data-testid="data.set.skipped">
          {summary.skipped.count} rows skipped, because {summary.skipped.reason}
          .
        </p>
      )}
      {messages.map((text) => (
        // Notes (a sample was drawn) are information, not warnings.
        <p key={text} className={notes.has(text) ? 'muted' : 'warning'}>
          {text}
        </p>
      ))}
    </article>
  );
}
