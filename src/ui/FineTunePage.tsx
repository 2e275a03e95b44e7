import { cancelTraining, startTraining } from '../state/trainingActions';
import { LiveCurves } from './finetune/LiveCurves';
import { ProgressPanel } from './finetune/ProgressPanel';
import { ResultsPanel } from './finetune/ResultsPanel';
import { SetupPanel } from './finetune/SetupPanel';
import { useAppState, useStoreApi } from './storeContext';

/**
 * Fine-tune the pretrained model and train the same network from scratch
 * on identical data, then compare them on held-out test events.
 */
export function FineTunePage() {
  const store = useStoreApi();
  const status = useAppState((s) => s.training.status);
  const running = status === 'running' || status === 'cancelling';
  return (
    <section className="page finetune" data-testid="finetune.page">
      <h2>Fine-tune</h2>
      <p className="muted">
        One click trains two runs on the same events, split and seed: the
        pretrained model fine-tuned, and the same architecture from scratch.
        Both train in the engine worker; test events are never trained on.
      </p>
      <SetupPanel />
      <div className="actions">
        <button
          className="primary"
          data-testid="finetune.start"
          onClick={() => void startTraining(store)}
          aria-busy={running}
        >
          {running ? 'Training…' : 'Train pretrained and from scratch'}
        </button>
        <button
          data-testid="finetune.cancel"
          disabled={status !== 'running'}
          onClick={() => void cancelTraining(store)}
        >
          Cancel
        </button>
      </div>
      <ProgressPanel />
      <LiveCurves />
      <ResultsPanel />
    </section>
  );
}
