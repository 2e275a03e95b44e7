import { useCallback, useEffect, useState } from 'react';
import { BUNDLED_MODEL_ID } from '../../state/modelActions';
import { engineWorker } from '../../state/workers';
import type { ModelInfo } from '../../../workers/protocol';
import { useAppState, useStoreApi } from '../storeContext';

// The page loads the bundled model at start under this id; loading it
// again here replaces that entry instead of adding a second copy.
export { BUNDLED_MODEL_ID };

/** Loaded models as the engine lists them, with a refresh and a loader. */
export function useModels() {
  const store = useStoreApi();
  const ready = useAppState((s) => s.engine.status === 'ready');
  // The bundled and saved models finish loading after start, so the list
  // is read from the engine again whenever the page's model list changes.
  const entries = useAppState((s) => s.models.entries);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [loading, setLoading] = useState(false);

  const refresh = useCallback(async () => {
    if (!ready) return;
    setModels(await engineWorker().listModels());
  }, [ready]);

  useEffect(() => {
    void refresh();
  }, [refresh, entries]);

  const loadBundled = useCallback(async () => {
    setLoading(true);
    const url = `${import.meta.env.BASE_URL}models/pretrained/model.json`;
    const result = await engineWorker().loadModelFromUrl(BUNDLED_MODEL_ID, url);
    setLoading(false);
    if (!result.ok) store.getState().showError(result.error);
    await refresh();
  }, [refresh, store]);

  return { models, refresh, loadBundled, loading, ready };
}
