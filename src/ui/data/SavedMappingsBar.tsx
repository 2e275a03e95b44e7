import { useState } from 'react';
import type { RootTreeListing } from '../../events/root/importRoot';
import {
  formFromMapping,
  formProblems,
  mappingFromForm,
  type MappingForm,
} from './mappingForm';
import {
  deleteMapping,
  mappingFromJson,
  mappingToJson,
  saveMapping,
  savedMappings,
} from './savedMappings';

/** Starts a download of `text` as a file named `name`. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(
    new Blob([text], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Save the dialog's mapping by name, reuse a saved one, or move one in
 * and out as a JSON file.
 */
export function SavedMappingsBar({
  form,
  trees,
  onLoad,
}: {
  form: MappingForm;
  trees: RootTreeListing[];
  onLoad(form: MappingForm): void;
}) {
  const [saved, setSaved] = useState(() => savedMappings());
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const valid = formProblems(form, trees).length === 0;

  const load = (next: MappingForm) => {
    // A saved mapping may name another tree; keep it when the file has it.
    const tree = trees.some((t) => t.name === next.tree)
      ? next.tree
      : (trees[0]?.name ?? next.tree);
    onLoad({ ...next, tree });
  };
  const save = () => {
    saveMapping(name.trim(), mappingFromForm(form));
    setSaved(savedMappings());
    setMessage(`Saved as "${name.trim()}".`);
  };
  const importJson = async (file: File | undefined) => {
    if (!file) return;
    try {
      load(formFromMapping(mappingFromJson(await file.text(), file.name)));
      setMessage(`Loaded ${file.name}.`);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };

  return (
    <div className="saved-mappings">
      <select
        value=""
        data-testid="data.mapping.saved"
        onChange={(e) => {
          const mapping = saved[e.target.value];
          if (mapping) load(formFromMapping(mapping));
        }}
      >
        <option value="">Use a saved mapping…</option>
        {Object.keys(saved).map((key) => (
          <option key={key} value={key}>
            {key}
          </option>
        ))}
      </select>
      <input
        placeholder="name"
        value={name}
        data-testid="data.mapping.save-name"
        onChange={(e) => setName(e.target.value)}
      />
      <button
        data-testid="data.mapping.save"
        disabled={!valid || name.trim() === ''}
        onClick={save}
      >
        Save
      </button>
      {name.trim() in saved && (
        <button
          className="link"
          data-testid="data.mapping.delete"
          onClick={() => {
            deleteMapping(name.trim());
            setSaved(savedMappings());
          }}
        >
          delete
        </button>
      )}
      <button
        data-testid="data.mapping.export"
        disabled={!valid}
        onClick={() =>
          download(
            `${name.trim() || form.tree || 'mapping'}.json`,
            mappingToJson(mappingFromForm(form)),
          )
        }
      >
        Export JSON
      </button>
      <label className="button">
        Import JSON
        <input
          type="file"
          accept=".json,application/json"
          data-testid="data.mapping.import"
          onChange={(e) => {
            void importJson(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {message && (
        <span className="muted" data-testid="data.mapping.message">
          {message}
        </span>
      )}
    </div>
  );
}
