import { useState } from 'react';
import type { SampleOption } from '../../events/sample';
import { keptImport, retryImport } from '../../state/actions';
import { useAppState, useStoreApi } from '../storeContext';
import { DEFAULT_SAMPLE, SampleFields } from './LoadSettings';

/** One failed import that a sample can fix. */
function SampleOffer({
  errorId,
  fileName,
}: {
  errorId: string;
  fileName: string;
}) {
  const store = useStoreApi();
  const [sample, setSample] = useState<SampleOption>(DEFAULT_SAMPLE);
  return (
    <div className="fix" data-testid="data.fix.too-large">
      <strong>{fileName}</strong> is larger than a tab holds. Load{' '}
      <SampleFields
        sample={sample}
        onChange={setSample}
        testPrefix="data.fix"
      />{' '}
      <button
        data-testid="data.fix.load-sample"
        onClick={() => void retryImport(store, errorId, { sample })}
      >
        Load the sample
      </button>
    </div>
  );
}

/**
 * Offers the next step for imports that failed for a reason the page can
 * help with: a tree that needs a branch mapping, or a file too large.
 */
export function ImportFixes({
  onChooseBranches,
}: {
  onChooseBranches(errorId: string): void;
}) {
  const errors = useAppState((s) => s.errors);
  const fixable = errors.filter((error) => keptImport(error.id));
  return (
    <>
      {fixable.map((error) =>
        error.code === 'io/too-large' ? (
          <SampleOffer
            key={error.id}
            errorId={error.id}
            fileName={error.fileName ?? 'the file'}
          />
        ) : error.code === 'io/unsupported-layout' ? (
          <div key={error.id} className="fix" data-testid="data.fix.mapping">
            <strong>{error.fileName}</strong> has a tree layout that is not
            recognised.{' '}
            <button
              data-testid="data.fix.choose-branches"
              onClick={() => onChooseBranches(error.id)}
            >
              Choose branches…
            </button>
          </div>
        ) : null,
      )}
    </>
  );
}
