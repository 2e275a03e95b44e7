import {
  BUNDLED_MODEL_ID,
  deleteModel,
  downloadModel,
  uploadModel,
} from '../state/modelActions';
import { ModelCardView } from './models/ModelCardView';
import { useAppState, useStoreApi } from './storeContext';

/** Lists the loaded models with their cards; uploads, downloads, deletes. */
export function ModelsPage() {
  const store = useStoreApi();
  const entries = useAppState((s) => s.models.entries);
  const bundled = useAppState((s) => s.models.bundled);
  return (
    <section className="page models" data-testid="models.page">
      <h2>Models</h2>
      {bundled === 'loading' && (
        <p className="muted">Loading the bundled pretrained model…</p>
      )}
      {bundled === 'missing' && (
        <p className="warning" data-testid="models.bundled-missing">
          The bundled pretrained model (models/pretrained/model.json) could not
          be loaded. Upload a model below, or rebuild the page with its model
          files.
        </p>
      )}
      <label className="drop-zone">
        <strong>Upload a model:</strong> choose its model.json together with its
        .bin weight file(s)
        <input
          type="file"
          multiple
          accept=".json,.bin"
          data-testid="models.upload"
          onChange={(e) => {
            void uploadModel(store, Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </label>
      <div className="model-list" data-testid="models.list">
        {entries.length === 0 && <p className="muted">No models loaded.</p>}
        {entries.map((entry) => (
          <ModelCardView
            key={entry.info.id}
            entry={entry}
            onDownload={() => void downloadModel(store, entry.info.id)}
            onDelete={
              entry.info.id === BUNDLED_MODEL_ID
                ? undefined
                : () => {
                    const question =
                      `Delete ${entry.info.name} from this browser? ` +
                      'Downloaded copies are not affected.';
                    if (window.confirm(question)) {
                      void deleteModel(store, entry.info.id);
                    }
                  }
            }
          />
        ))}
      </div>
    </section>
  );
}
