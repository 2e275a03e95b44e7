import { useState } from 'react';

/** A class name that turns into a text field to rename it. */
function ClassName({
  name,
  onRename,
}: {
  name: string;
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
          data-testid="data.set.class.rename"
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
      value={draft}
      aria-label={`new name for class ${name}`}
      data-testid="data.set.class.name"
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
              <ClassName
                name={row.name}
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
