import { useState } from 'react';

/**
 * Shows a name with a "rename" link that turns it into a text field.
 * Enter or leaving the field keeps the new name, and Escape drops it.
 * `testId` names the link (`<testId>.rename`) and the field
 * (`<testId>.name`).
 */
export function RenamableName({
  name,
  kind,
  testId,
  onRename,
}: {
  name: string;
  /** Kind of thing renamed, for the field's label: "class", "set". */
  kind: string;
  testId: string;
  onRename(name: string): void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  if (!editing) {
    return (
      <>
        {name}{' '}
        <button
          className="link"
          data-testid={`${testId}.rename`}
          onClick={() => {
            setDraft(name);
            setEditing(true);
          }}
        >
          rename
        </button>
      </>
    );
  }
  const finish = () => {
    setEditing(false);
    if (draft.trim() !== '' && draft.trim() !== name) onRename(draft);
  };
  return (
    <input
      autoFocus
      maxLength={80}
      value={draft}
      aria-label={`new name for ${kind} ${name}`}
      data-testid={`${testId}.name`}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={finish}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish();
        if (e.key === 'Escape') setEditing(false);
      }}
    />
  );
}

/** Events per class, each class renamable. */
export function ClassTable({
  rows,
  onRename,
}: {
  rows: { name: string; events: number }[];
  onRename(index: number, name: string): void;
}) {
  return (
    <table data-testid="data.set.classes">
      <thead>
        <tr>
          <th>class</th>
          <th>events</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${index}-${row.name}`} data-class={row.name}>
            <td>
              <RenamableName
                name={row.name}
                kind="class"
                testId="data.set.class"
                onRename={(name) => onRename(index, name)}
              />
            </td>
            <td className="number">{row.events.toLocaleString('en')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
