import * as Comlink from 'comlink';
import { useState } from 'react';
import { getSet } from '../state/registry';
import { engineWorker } from '../state/workers';
import type { CkaRequest, CkaResponse } from '../../workers/protocol';
import { CkaFigures } from './compare/CkaFigures';
import { QuickFineTune } from './compare/QuickFineTune';
import { useModels } from './compare/useModels';
import { ensureEngineSet } from './explore/engineSets';
import { useAppState, useStoreApi } from './storeContext';

const GENERATED = 'generated';

/** Layer × layer CKA of two models on one event sample. */
export function ComparePage() {
  const store = useStoreApi();
  const sets = useAppState((s) => s.sets);
  const { models, refresh, loadBundled, loading, ready } = useModels();
  const [modelA, setModelA] = useState('');
  const [modelB, setModelB] = useState('');
  const [sample, setSample] = useState('');
  const [events, setEvents] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [progress, setProgress] = useState<number | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [result, setResult] = useState<CkaResponse>();

  const validEvents = Number.isInteger(events) && events >= 2;
  const idA = modelA || models[0]?.id || '';
  const idB = modelB || models[1]?.id || models[0]?.id || '';
  const sampleId = sample || sets[0]?.id || GENERATED;

  const run = async () => {
    let request: CkaRequest['sample'] = { kind: 'generated' };
    if (sampleId !== GENERATED) {
      const set = getSet(sampleId);
      if (!set) return;
      const copied = await ensureEngineSet(sampleId, set);
      if (!copied.ok) return void store.getState().showError(copied.error);
      request = { kind: 'set', setId: sampleId };
    }
    setProgress(0);
    setCancelled(false);
    const onProgress = Comlink.proxy((done: number, total: number) =>
      setProgress(done / total),
    );
    const response = await engineWorker().compareLayers(
      { modelA: idA, modelB: idB, sample: request, events, seed },
      onProgress,
    );
    setProgress(null);
    if (!response.ok) {
      // A cancelled run keeps the previous result on screen.
      if (response.error.code === 'engine/cancelled') return setCancelled(true);
      return void store.getState().showError(response.error);
    }
    setResult(response.value);
  };

  const cancel = () => void engineWorker().cancelCompareLayers();

  const modelOptions = models.map((m) => (
    <option key={m.id} value={m.id}>
      {m.name}
    </option>
  ));
  return (
    <section className="page compare" data-testid="compare.page">
      <h2>Compare layers (CKA)</h2>
      <p className="muted">
        Linear centred kernel alignment between every layer of model A and every
        layer of model B, from one vector per event at each layer (node and edge
        layers averaged over the event&apos;s objects). 1 means the two layers
        represent the events alike, up to rotation and scale; 0 means unrelated.
      </p>
      {models.length === 0 && (
        <p>
          No model is loaded.{' '}
          <button
            data-testid="cka.load-bundled"
            disabled={!ready || loading}
            onClick={() => void loadBundled()}
          >
            {loading ? 'Loading…' : 'Load the bundled model'}
          </button>
        </p>
      )}
      <div className="cka-form">
        <label>
          Model A{' '}
          <select
            value={idA}
            data-testid="cka.model-a"
            onChange={(e) => setModelA(e.target.value)}
          >
            {modelOptions}
          </select>
        </label>
        <label>
          Model B{' '}
          <select
            value={idB}
            data-testid="cka.model-b"
            onChange={(e) => setModelB(e.target.value)}
          >
            {modelOptions}
          </select>
        </label>
        <label>
          Events from{' '}
          <select
            value={sampleId}
            data-testid="cka.sample"
            onChange={(e) => setSample(e.target.value)}
          >
            {sets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.summary.name} ({s.summary.events})
              </option>
            ))}
            <option value={GENERATED}>generated (12 processes)</option>
          </select>
        </label>
        <label>
          n{' '}
          <input
            type="number"
            min={2}
            value={events}
            data-testid="cka.events"
            aria-invalid={!validEvents}
            onChange={(e) => setEvents(Math.floor(Number(e.target.value)))}
          />
        </label>
        {!validEvents && (
          <span className="field-error" data-testid="cka.events-error">
            n must be a whole number of at least 2 events.
          </span>
        )}
        <label>
          seed{' '}
          <input
            type="number"
            value={seed}
            data-testid="cka.seed"
            onChange={(e) => setSeed(Math.floor(Number(e.target.value)))}
          />
        </label>
        <button
          data-testid="cka.run"
          disabled={
            !ready || models.length === 0 || progress !== null || !validEvents
          }
          onClick={() => void run()}
        >
          {progress === null
            ? 'Compute CKA'
            : `Running… ${Math.round(progress * 100)} %`}
        </button>
        {progress !== null && (
          <button data-testid="cka.cancel" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
      {cancelled && (
        <p className="muted" data-testid="cka.cancelled">
          CKA was cancelled.{' '}
          {result
            ? 'The figures below are from the previous run.'
            : 'Nothing was computed.'}
        </p>
      )}
      <QuickFineTune models={models} sets={sets} onDone={refresh} />
      {result && <CkaFigures key={`${result.seconds}`} result={result} />}
    </section>
  );
}
