import * as Comlink from 'comlink';
import { useState } from 'react';
import { getSet } from '../../state/registry';
import type { LoadedSet } from '../../state/store';
import { engineWorker } from '../../state/workers';
import type { ModelInfo } from '../../../workers/protocol';
import { ensureEngineSet } from '../explore/engineSets';
import { useStoreApi } from '../storeContext';

/** Props of `QuickFineTune`. */
export interface QuickFineTuneProps {
  models: ModelInfo[];
  sets: LoadedSet[];
  onDone(): void;
}

const EVENTS_PER_SET = 800;
const EPOCHS = 3;

/**
 * A one-click fine-tune of a loaded model on every loaded set (one class
 * per set), so a model and its fine-tuned child can be compared here.
 */
export function QuickFineTune({ models, sets, onDone }: QuickFineTuneProps) {
  const store = useStoreApi();
  const [progress, setProgress] = useState<number | null>(null);
  const base = models.find((m) => m.source !== 'trained') ?? models[0];
  if (!base) return null;

  const start = async () => {
    for (const loaded of sets) {
      const copied = await ensureEngineSet(loaded.id, getSet(loaded.id)!);
      if (!copied.ok) return void store.getState().showError(copied.error);
    }
    setProgress(0);
    const onProgress = Comlink.proxy((done: number, total: number) =>
      setProgress(done / total),
    );
    const result = await engineWorker().quickFineTune(
      {
        id: `finetuned-${Date.now()}`,
        baseModelId: base.id,
        setIds: sets.map((s) => s.id),
        eventsPerSet: EVENTS_PER_SET,
        epochs: EPOCHS,
        seed: 1,
      },
      onProgress,
    );
    setProgress(null);
    if (!result.ok) store.getState().showError(result.error);
    onDone();
  };

  return (
    <p className="muted quick-finetune">
      Need a fine-tuned model?{' '}
      <button
        data-testid="cka.quick-finetune"
        disabled={progress !== null || sets.length < 2}
        onClick={() => void start()}
      >
        {progress === null
          ? `Fine-tune ${base.name} on the ${sets.length} loaded sets`
          : `Fine-tuning… ${Math.round(progress * 100)} %`}
      </button>{' '}
      ({EPOCHS} epochs, up to {EVENTS_PER_SET} events per set, one class per
      set, all layers trained; the Fine-tune page has every option.)
      {sets.length < 2 && ' Load at least two sets on the Data page first.'}
    </p>
  );
}
