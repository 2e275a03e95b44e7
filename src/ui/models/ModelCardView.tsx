import { useState } from 'react';
import type { LayerInfo } from '../../../workers/protocol';
import type { ModelEntry } from '../../state/trainingStore';
import { engineWorker } from '../../state/workers';

interface ClassCount {
  name: string;
  train: number;
  validation: number;
  test: number;
  available: number;
}

function isClassCounts(value: unknown): value is ClassCount[] {
  return (
    Array.isArray(value) &&
    value.every((v) => v && typeof v === 'object' && 'train' in v)
  );
}

/** Renders a card value: numbers rounded, intervals as value [low, high]. */
function formatValue(value: unknown): string {
  if (isClassCounts(value))
    return value
      .map(
        (c) =>
          `${c.name}: ${c.train} train, ${c.validation} validation, ` +
          `${c.test} test of ${c.available}`,
      )
      .join('; ');
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (value && typeof value === 'object' && 'value' in value) {
    const v = value as { value: number; low?: number; high?: number };
    if (v.low !== undefined && v.high !== undefined)
      return `${v.value.toFixed(3)} [${v.low.toFixed(3)}, ${v.high.toFixed(3)}]`;
  }
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function Pairs({ record }: { record: Record<string, unknown> }) {
  const entries = Object.entries(record).filter(
    ([, v]) => v !== null && v !== undefined,
  );
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <dl className="pairs">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{formatValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A layer (e.g. `encoder/node/dense0`) and its weights. */
interface LayerRow {
  layer: string;
  weights: string;
  parameters: number;
}

/** Groups weights by layer: the name without its last part. */
function groupLayers(weights: LayerInfo[]): LayerRow[] {
  const rows = new Map<string, LayerRow>();
  for (const w of weights) {
    const cut = w.name.lastIndexOf('/');
    const layer = w.name.slice(0, cut);
    const row = rows.get(layer) ?? { layer, weights: '', parameters: 0 };
    const shape = `${w.name.slice(cut + 1)} [${w.shape.join(', ')}]`;
    row.weights = row.weights ? `${row.weights}, ${shape}` : shape;
    row.parameters += w.parameters;
    rows.set(layer, row);
  }
  return [...rows.values()];
}

function Layers({ id }: { id: string }) {
  const [layers, setLayers] = useState<LayerInfo[] | string | null>(null);
  const load = async () => {
    const result = await engineWorker().modelLayers(id);
    setLayers(result.ok ? result.value : result.error.message);
  };
  if (layers === null)
    return (
      <button data-testid="models.layers" onClick={() => void load()}>
        Show layers
      </button>
    );
  if (typeof layers === 'string') return <p className="warning">{layers}</p>;
  return (
    <div className="layers">
      <table data-testid="models.layer-table">
        <thead>
          <tr>
            <th>layer</th>
            <th>weights and shapes</th>
            <th>parameters</th>
          </tr>
        </thead>
        <tbody>
          {groupLayers(layers).map((l) => (
            <tr key={l.layer}>
              <td>{l.layer}</td>
              <td>{l.weights}</td>
              <td className="number">{l.parameters.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Renders a model's card: name, classes, parent, data, metrics, layers. */
export function ModelCardView({
  entry,
  onDownload,
  onDelete,
}: {
  entry: ModelEntry;
  onDownload: () => void;
  onDelete?: () => void;
}) {
  const { info } = entry;
  const source =
    entry.origin === info.source ? info.source : `${entry.origin}, saved`;
  return (
    <article
      className="model-card"
      data-testid="models.item"
      data-model-id={info.id}
    >
      <header>
        <h3>{info.name}</h3>
        <span className="muted">
          {source}
          {entry.saved ? ' · kept in this browser' : ''}
        </span>
      </header>
      <p>
        <strong>Classes:</strong> {info.classNames.join(', ') || 'multilabel'}
        {' · '}
        <strong>Parameters:</strong> {info.parameters.toLocaleString('en')}
        {' · '}
        <strong>Parent:</strong> {info.parentModel ?? 'none'}
        {' · '}
        <strong>Created:</strong> {info.created.slice(0, 19).replace('T', ' ')}
      </p>
      <details>
        <summary>Training data, seed and metrics</summary>
        <h4>Training data (seed {info.card.seed})</h4>
        <Pairs record={info.card.trainingData} />
        <h4>Metrics</h4>
        <Pairs record={info.card.metrics} />
      </details>
      <Layers id={info.id} />
      <div className="model-actions">
        <button data-testid="models.download" onClick={onDownload}>
          Download
        </button>
        {onDelete && (
          <button data-testid="models.delete" onClick={onDelete}>
            Delete
          </button>
        )}
      </div>
    </article>
  );
}
