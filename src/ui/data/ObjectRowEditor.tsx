import type { ObjectRow, RowBranches } from './mappingForm';

/** A branch picker: every branch of the tree, or none. */
export function BranchSelect({
  value,
  branches,
  testId,
  onChange,
}: {
  value: string;
  branches: readonly string[];
  testId: string;
  onChange(value: string): void;
}) {
  return (
    <select
      value={value}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">(none)</option>
      {branches.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}

const POLAR_FIELDS: (keyof RowBranches)[] = ['pt', 'eta', 'phi', 'energy'];
const CARTESIAN_FIELDS: (keyof RowBranches)[] = ['px', 'py', 'pz', 'energy'];
const FIELD_LABELS: Partial<Record<keyof RowBranches, string>> = {
  pt: 'pT',
  eta: 'η',
  phi: 'φ',
  energy: 'E',
};

/** One object type's row of the mapping dialog. */
export function ObjectRowEditor({
  row,
  branches,
  onChange,
}: {
  row: ObjectRow;
  branches: readonly string[];
  onChange(row: ObjectRow): void;
}) {
  const prefix = `data.mapping.${row.type}`;
  const fields = row.frame === 'polar' ? POLAR_FIELDS : CARTESIAN_FIELDS;
  const set = (change: Partial<ObjectRow>) => onChange({ ...row, ...change });
  return (
    <tr data-testid={`${prefix}.row`}>
      <td>
        <label>
          <input
            type="checkbox"
            checked={row.enabled}
            data-testid={`${prefix}.enabled`}
            onChange={(e) => set({ enabled: e.target.checked })}
          />{' '}
          {row.type}
        </label>
      </td>
      <td>
        <select
          value={row.frame}
          disabled={!row.enabled}
          data-testid={`${prefix}.frame`}
          onChange={(e) => set({ frame: e.target.value as ObjectRow['frame'] })}
        >
          <option value="polar">pT, η, φ</option>
          <option value="cartesian">px, py, pz</option>
        </select>
      </td>
      {fields.map((field) => (
        <td key={field}>
          <span className="field-label">{FIELD_LABELS[field] ?? field}</span>
          <BranchSelect
            value={row[field]}
            branches={branches}
            testId={`${prefix}.${field}`}
            onChange={(value) => set({ [field]: value })}
          />
        </td>
      ))}
      <td>
        <span className="field-label">b-tag &gt;</span>
        <BranchSelect
          value={row.btag}
          branches={branches}
          testId={`${prefix}.btag`}
          onChange={(btag) => set({ btag })}
        />
        <input
          className="cut"
          value={row.btagAbove}
          aria-label={`${row.type} b-tag cut`}
          data-testid={`${prefix}.btag-above`}
          onChange={(e) => set({ btagAbove: e.target.value })}
        />
      </td>
      <td>
        <span className="field-label">charge</span>
        <BranchSelect
          value={row.charge}
          branches={branches}
          testId={`${prefix}.charge`}
          onChange={(charge) => set({ charge })}
        />
      </td>
    </tr>
  );
}
