import type { ReactNode } from 'react';
import {
  FINE_TUNE_STRATEGIES,
  TRAINING_SIZES,
  type ExperimentSettings,
} from '../../train/experimentSettings';
import { chosenSetIds } from '../../state/trainingActions';
import { useAppState, useStoreApi } from '../storeContext';

const STRATEGY_LABELS: Record<ExperimentSettings['strategy'], string> = {
  full: 'Full, slower backbone (default)',
  'frozen-encoders': 'Frozen encoders',
  'head-only': 'Head only (frozen backbone)',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** Renders a number input bound to one setting. */
function NumberField(props: {
  label: string;
  name: keyof ExperimentSettings;
  min: number;
  max?: number;
  step?: number;
}) {
  const store = useStoreApi();
  const value = useAppState((s) => s.training.settings[props.name]);
  return (
    <Field label={props.label}>
      <input
        type="number"
        data-testid={`finetune.${props.name}`}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={Number(value)}
        onChange={(e) => {
          const next = Number(e.target.value);
          if (Number.isFinite(next) && e.target.value !== '')
            store.getState().updateSettings({ [props.name]: next });
        }}
      />
    </Field>
  );
}

/** Model and class choice for the Fine-tune page. */
function DataChoice() {
  const store = useStoreApi();
  const models = useAppState((s) => s.models.entries);
  const modelId = useAppState((s) => s.training.modelId);
  const sets = useAppState((s) => s.sets);
  const chosen = useAppState((s) => chosenSetIds(s).join(','));
  const multiclass = models.filter((m) => m.info.classNames.length > 0);
  const toggle = (id: string, on: boolean) => {
    const current = chosenSetIds(store.getState());
    const next = on ? [...current, id] : current.filter((x) => x !== id);
    store.getState().updateTraining({ setIds: next });
  };
  return (
    <div className="setup-data">
      <Field label="Model to fine-tune">
        <select
          data-testid="finetune.model"
          value={modelId}
          onChange={(e) =>
            store.getState().updateTraining({ modelId: e.target.value })
          }
        >
          {!multiclass.some((m) => m.info.id === modelId) && (
            <option value={modelId}>{modelId} (not loaded)</option>
          )}
          {multiclass.map((m) => (
            <option key={m.info.id} value={m.info.id}>
              {m.info.name} ({m.origin})
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="classes" data-testid="finetune.classes">
        <legend>Classes (one loaded set each)</legend>
        {sets.length === 0 && (
          <p className="muted">
            No sets loaded. Load two or more on the <a href="#data">Data</a>{' '}
            page, e.g. the WW and WZ samples.
          </p>
        )}
        {sets.map((s) => (
          <label key={s.id} className="class-choice">
            <input
              type="checkbox"
              data-testid={`finetune.class.${s.summary.name}`}
              checked={chosen.split(',').includes(s.id)}
              onChange={(e) => toggle(s.id, e.target.checked)}
            />
            {s.summary.name}{' '}
            <span className="muted">{s.summary.events} events</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** Renders the training-size slider: 10, 30, 100, 300, 1000 or all. */
function SizeSlider() {
  const store = useStoreApi();
  const perClass = useAppState((s) => s.training.settings.perClass);
  const index = Math.max(0, TRAINING_SIZES.indexOf(perClass));
  return (
    <Field label={`Training events per class: ${perClass ?? 'all'}`}>
      <input
        type="range"
        data-testid="finetune.size"
        min={0}
        max={TRAINING_SIZES.length - 1}
        step={1}
        value={index}
        onChange={(e) =>
          store.getState().updateSettings({
            perClass: TRAINING_SIZES[Number(e.target.value)] ?? null,
          })
        }
      />
    </Field>
  );
}

/** Renders the Fine-tune form: model, classes, size, strategy, settings. */
export function SetupPanel() {
  const store = useStoreApi();
  const strategy = useAppState((s) => s.training.settings.strategy);
  return (
    <section className="setup" data-testid="finetune.setup">
      <DataChoice />
      <div className="setup-settings">
        <SizeSlider />
        <Field label="Strategy (pretrained run)">
          <select
            data-testid="finetune.strategy"
            title="Full: every layer trains, the backbone at the backbone rate below. Frozen encoders: the encoders keep their pretrained weights. Head only: only the output layer trains."
            value={strategy}
            onChange={(e) =>
              store.getState().updateSettings({
                strategy: e.target.value as ExperimentSettings['strategy'],
              })
            }
          >
            {FINE_TUNE_STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {STRATEGY_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <NumberField label="Epochs" name="epochs" min={1} max={500} />
        <NumberField label="Batch size" name="batchSize" min={1} max={1024} />
        <NumberField
          label="Learning rate (head)"
          name="learningRate"
          min={1e-6}
          max={1}
          step={0.0001}
        />
        <NumberField
          label="Backbone rate ÷ head rate"
          name="backboneLearningRateFactor"
          min={0}
          max={1}
          step={0.01}
        />
        <NumberField label="Early-stopping patience" name="patience" min={1} />
        <NumberField label="Seed" name="seed" min={0} />
        <NumberField
          label="Validation fraction"
          name="validationFraction"
          min={0.01}
          max={0.5}
          step={0.01}
        />
        <NumberField
          label="Test fraction"
          name="testFraction"
          min={0.01}
          max={0.5}
          step={0.01}
        />
      </div>
    </section>
  );
}
