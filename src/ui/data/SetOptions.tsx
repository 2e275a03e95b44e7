import { labelColumnCandidates } from '../../events/csvLayouts';
import type { DetectorPreset } from '../../sim/detectorConfig';
import { keptImport, reimportSet } from '../../state/actions';
import type { LoadedSet } from '../../state/store';
import { useStoreApi } from '../storeContext';

/**
 * Ways to import a loaded set's file again: classes from a CSV column,
 * branches of a ROOT tree, LHE objects through the detector model. Only
 * while the file is in this tab, so not for sets restored after a reload.
 */
export function SetOptions({
  set,
  onChooseBranches,
}: {
  set: LoadedSet;
  onChooseBranches(setId: string): void;
}) {
  const store = useStoreApi();
  const { summary } = set;
  const request = summary.request ?? {};
  if (!keptImport(set.id)) return null;
  const reimport = (change: Parameters<typeof reimportSet>[2]) =>
    void reimportSet(store, set.id, change);

  return (
    <div className="set-options">
      {summary.format === 'csv' && summary.csvColumns && (
        <label>
          Classes from column{' '}
          <select
            value={request.labelColumn ?? ''}
            data-testid="data.set.label-column"
            onChange={(e) =>
              reimport({ labelColumn: e.target.value || undefined })
            }
          >
            <option value="">label or class (if present)</option>
            {labelColumnCandidates(summary.csvColumns).map((column) => (
              <option key={column} value={column}>
                {column}
              </option>
            ))}
          </select>
        </label>
      )}
      {summary.format === 'root' && (
        <button
          data-testid="data.set.choose-branches"
          onClick={() => onChooseBranches(set.id)}
        >
          Choose branches or a label branch…
        </button>
      )}
      {summary.format === 'lhe' && (
        <label>
          <input
            type="checkbox"
            checked={request.detector !== undefined}
            data-testid="data.set.detector"
            onChange={(e) =>
              reimport({ detector: e.target.checked ? 'fast' : undefined })
            }
          />{' '}
          Pass through the detector model{' '}
          <select
            value={request.detector ?? 'fast'}
            disabled={request.detector === undefined}
            data-testid="data.set.detector-preset"
            onChange={(e) =>
              reimport({ detector: e.target.value as DetectorPreset })
            }
          >
            <option value="fast">fast (Delphes ATLAS-like)</option>
            <option value="full">full (worse resolution, pile-up)</option>
          </select>
        </label>
      )}
    </div>
  );
}
