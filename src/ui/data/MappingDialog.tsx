import { useMemo, useState } from 'react';
import type { RootTreeListing } from '../../events/root/importRoot';
import type { BranchMapping } from '../../events/root/mapping';
import {
  formForTree,
  formFromMapping,
  formProblems,
  mappingFromForm,
  type MappingForm,
} from './mappingForm';
import { BranchSelect, ObjectRowEditor } from './ObjectRowEditor';
import { SavedMappingsBar } from './SavedMappingsBar';

/** Props of `MappingDialog`. */
export interface MappingDialogProps {
  fileName: string;
  trees: RootTreeListing[];
  /** Mapping to start from, for example the one that just failed. */
  initial?: BranchMapping;
  onApply(mapping: BranchMapping): void;
  onCancel(): void;
}

function startingForm(
  trees: RootTreeListing[],
  initial?: BranchMapping,
): MappingForm {
  if (initial) return formFromMapping(initial);
  const first = trees.find((tree) => tree.layout) ?? trees[0];
  return first
    ? formForTree(first)
    : { tree: '', rows: [], weight: '', label: '', units: 'auto' };
}

/**
 * Lets a person say which branches of a ROOT tree are which object's
 * momentum, b-tag and charge, and which hold weights and labels.
 */
export function MappingDialog(props: MappingDialogProps) {
  const { fileName, trees, onApply, onCancel } = props;
  const [form, setForm] = useState(() => startingForm(trees, props.initial));
  const tree = trees.find((t) => t.name === form.tree);
  const branches = useMemo(
    () => tree?.branches.map((branch) => branch.name) ?? [],
    [tree],
  );
  const problems = formProblems(form, trees);
  const change = (part: Partial<MappingForm>) => setForm({ ...form, ...part });
  const chooseTree = (name: string) => {
    const next = trees.find((t) => t.name === name);
    if (next) setForm(formForTree(next));
  };

  return (
    <div className="modal-backdrop">
      <dialog open className="mapping-dialog" data-testid="data.mapping.dialog">
        <h3>Choose branches for {fileName}</h3>
        <p className="muted">
          Pick the branches that hold each object&apos;s momentum. Arrays give
          one object per element, scalars one per entry.
        </p>
        <label>
          Tree{' '}
          <select
            value={form.tree}
            data-testid="data.mapping.tree"
            onChange={(e) => chooseTree(e.target.value)}
          >
            {trees.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.entries.toLocaleString('en')} entries
                {t.layout ? `, ${t.layout}` : ''})
              </option>
            ))}
          </select>
        </label>
        <table className="mapping-table">
          <tbody>
            {form.rows.map((row, i) => (
              <ObjectRowEditor
                key={row.type + i}
                row={row}
                branches={branches}
                onChange={(next) =>
                  change({
                    rows: form.rows.map((r, k) => (k === i ? next : r)),
                  })
                }
              />
            ))}
          </tbody>
        </table>
        <div className="mapping-extras">
          <label>
            Label branch{' '}
            <BranchSelect
              value={form.label}
              branches={branches}
              testId="data.mapping.label"
              onChange={(label) => change({ label })}
            />
          </label>
          <label>
            Weight branch{' '}
            <BranchSelect
              value={form.weight}
              branches={branches}
              testId="data.mapping.weight"
              onChange={(weight) => change({ weight })}
            />
          </label>
          <label>
            Units{' '}
            <select
              value={form.units}
              data-testid="data.mapping.units"
              onChange={(e) =>
                change({ units: e.target.value as MappingForm['units'] })
              }
            >
              <option value="auto">GeV, or MeV when detected</option>
              <option value="GeV">GeV</option>
              <option value="MeV">MeV</option>
            </select>
          </label>
        </div>
        <SavedMappingsBar form={form} trees={trees} onLoad={setForm} />
        {problems.length > 0 && (
          <ul className="warning" data-testid="data.mapping.problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <footer>
          <button data-testid="data.mapping.cancel" onClick={onCancel}>
            Cancel
          </button>
          <button
            className="primary"
            data-testid="data.mapping.apply"
            disabled={problems.length > 0}
            onClick={() => onApply(mappingFromForm(form))}
          >
            Import with these branches
          </button>
        </footer>
      </dialog>
    </div>
  );
}
