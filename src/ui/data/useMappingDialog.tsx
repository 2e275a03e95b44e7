import { useCallback, useEffect, useRef, useState } from 'react';
import type { RootTreeListing } from '../../events/root/importRoot';
import type { BranchMapping } from '../../events/root/mapping';
import {
  keptImport,
  listKeptTrees,
  reimportSet,
  retryImport,
} from '../../state/actions';
import { useAppState, useStoreApi } from '../storeContext';
import { MappingDialog } from './MappingDialog';

/** An open dialog: for a failed import (error id) or a loaded set. */
interface OpenDialog {
  target: { kind: 'error' | 'set'; id: string };
  fileName: string;
  trees: RootTreeListing[];
  initial?: BranchMapping;
}

/**
 * Opens the mapping dialog by itself when a ROOT file's layout is not
 * recognised, and on request for a failed import or a loaded set.
 * Returns the opener and the dialog element (or null).
 */
export function useMappingDialog() {
  const store = useStoreApi();
  const errors = useAppState((s) => s.errors);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const offered = useRef(new Set<string>());

  const open = useCallback(
    async (kind: 'error' | 'set', id: string) => {
      const kept = keptImport(id);
      if (!kept) return;
      const listing = await listKeptTrees(id);
      if (!listing.ok) {
        store
          .getState()
          .showError({ ...listing.error, fileName: kept.fileName });
        return;
      }
      const initial = kept.request.mapping;
      setDialog({
        target: { kind, id },
        fileName: kept.fileName,
        trees: listing.value,
        initial,
      });
    },
    [store],
  );

  useEffect(() => {
    const next = errors.find(
      (e) =>
        e.code === 'io/unsupported-layout' &&
        !offered.current.has(e.id) &&
        keptImport(e.id),
    );
    if (!next || dialog) return;
    offered.current.add(next.id);
    void open('error', next.id);
  }, [errors, dialog, open]);

  const apply = (mapping: BranchMapping) => {
    if (!dialog) return;
    const { kind, id } = dialog.target;
    setDialog(null);
    if (kind === 'error') void retryImport(store, id, { mapping });
    else void reimportSet(store, id, { mapping });
  };

  const element = dialog && (
    <MappingDialog
      key={`${dialog.target.kind}-${dialog.target.id}`}
      fileName={dialog.fileName}
      trees={dialog.trees}
      initial={dialog.initial}
      onApply={apply}
      onCancel={() => setDialog(null)}
    />
  );
  return { open, element };
}
