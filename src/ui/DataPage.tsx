import { useEffect, useState, type DragEvent } from 'react';
import type { SampleOption } from '../events/sample';
import {
  clearAllSets,
  listSamples,
  loadFile,
  loadSample,
  removeSet,
  renameClass,
  renameSet,
  type SampleEntry,
} from '../state/actions';
import { ImportFixes } from './data/ImportFixes';
import { LoadSettings } from './data/LoadSettings';
import { useMappingDialog } from './data/useMappingDialog';
import { Distributions } from './Distributions';
import { SetCard } from './SetCard';
import { useAppState, useStoreApi } from './storeContext';

/** Load bundled samples or dropped files and see what they contain. */
export function DataPage() {
  const store = useStoreApi();
  const sets = useAppState((s) => s.sets);
  const loads = useAppState((s) => s.loads);
  const [samples, setSamples] = useState<SampleEntry[]>([]);
  const [dragging, setDragging] = useState(false);
  const [sample, setSample] = useState<SampleOption | undefined>();
  const mapping = useMappingDialog();
  const request = sample ? { sample } : {};

  useEffect(() => {
    listSamples().then(setSamples, () => setSamples([]));
  }, []);

  const loadFiles = (files: FileList | null) => {
    for (const file of Array.from(files ?? []))
      void loadFile(store, file, file.name, { request });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    loadFiles(event.dataTransfer.files);
  };

  return (
    <section className="page" data-testid="data.page">
      <h2>Data</h2>
      <div className="data-sources">
        <div className="samples">
          <h3>Bundled real samples</h3>
          {samples.length === 0 && (
            <p className="muted">No bundled samples found.</p>
          )}
          <ul>
            {samples.map((entry) => (
              <li key={entry.id}>
                <button
                  data-testid={`data.sample.${entry.id}`}
                  onClick={() => void loadSample(store, entry, request)}
                >
                  {entry.title}
                </button>
                {entry.events !== undefined && (
                  <span className="muted"> {entry.events} events</span>
                )}
              </li>
            ))}
          </ul>
        </div>
        <label
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          data-testid="data.drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <strong>Drop event files here</strong> or click to choose (ROOT, LHE,
          CSV, JSON)
          <input
            type="file"
            multiple
            data-testid="data.file-input"
            accept=".root,.lhe,.gz,.csv,.tsv,.txt,.json"
            onChange={(e) => {
              loadFiles(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <LoadSettings sample={sample} onChange={setSample} />
      <ImportFixes onChooseBranches={(id) => void mapping.open('error', id)} />
      {mapping.element}
      {loads.map((load) => (
        <div key={load.id} className="load" data-testid="data.loading">
          reading {load.fileName}
          <progress max={1} value={load.fraction} />
        </div>
      ))}
      {sets.length > 0 && (
        <p className="saved-note">
          Loaded sets are kept in this browser for your next visit.{' '}
          <button
            className="link"
            data-testid="data.clear"
            onClick={() => {
              const question =
                `Remove all ${sets.length} loaded sets from this page and ` +
                'from browser storage? The files themselves are not affected.';
              if (window.confirm(question)) void clearAllSets(store);
            }}
          >
            Clear all loaded sets
          </button>
        </p>
      )}
      {sets.length > 0 && <Distributions sets={sets} />}
      <div className="set-list" data-testid="data.sets">
        {sets.map((set) => (
          <SetCard
            key={set.id}
            set={set}
            onRemove={() => removeSet(store, set.id)}
            onRename={(name) => renameSet(store, set.id, name)}
            onRenameClass={(index, name) =>
              renameClass(store, set.id, index, name)
            }
            onChooseBranches={(id) => void mapping.open('set', id)}
          />
        ))}
      </div>
    </section>
  );
}
