import { BACKEND_ORDER, type BackendName } from '../../workers/protocol';
import { BACKEND_SETTING_KEY, startEngine } from '../state/actions';
import { useAppState, useStoreApi } from './storeContext';

const LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** Shows which backend computes, why faster ones were refused, and a switch. */
export function BackendBadge() {
  const store = useStoreApi();
  const engine = useAppState((s) => s.engine);
  const trainingStatus = useAppState((s) => s.training.status);
  const report = engine.report;
  // Switching restarts the engine's backend under a running training, which
  // then mixes two backends in one run, so the switch waits for it to end.
  const training =
    trainingStatus === 'running' || trainingStatus === 'cancelling';

  const choose = (value: string) => {
    const override = BACKEND_ORDER.find((b) => b === value);
    if (override) localStorage.setItem(BACKEND_SETTING_KEY, override);
    else localStorage.removeItem(BACKEND_SETTING_KEY);
    void startEngine(store, override);
  };

  let text = 'starting engine…';
  if (engine.status === 'failed') text = 'no backend';
  if (engine.status === 'ready' && report) {
    const threads =
      report.backend === 'wasm' && report.wasmThreads
        ? `, ${report.wasmThreads} thread${report.wasmThreads > 1 ? 's' : ''}`
        : '';
    text = `${LABELS[report.backend]}${threads}${report.forced ? ' (forced)' : ''}`;
  }
  const details = report
    ? [
        report.device ? `device: ${report.device}` : undefined,
        `cross-origin isolated: ${report.crossOriginIsolated ? 'yes' : 'no'}`,
        `started in ${report.initMs} ms`,
        ...report.refused.map(
          (r) => `${LABELS[r.backend]} not used: ${r.reason}`,
        ),
      ].filter(Boolean)
    : [];

  return (
    <div className="backend">
      <span
        className={`backend-badge backend-${engine.status}`}
        data-testid="engine.backend"
        data-backend={report?.backend ?? ''}
        title={details.join('\n')}
      >
        {text}
      </span>
      <label className="backend-setting">
        backend
        <select
          data-testid="engine.backend-setting"
          value={engine.requested ?? 'auto'}
          onChange={(e) => choose(e.target.value)}
          disabled={engine.status === 'starting' || training}
          title={
            training
              ? 'Finish or cancel the training on the Fine-tune page to change the backend.'
              : undefined
          }
        >
          <option value="auto">automatic</option>
          {BACKEND_ORDER.map((b) => (
            <option key={b} value={b}>
              {LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      {details.length > 0 && (
        <details className="backend-details">
          <summary>why this backend</summary>
          <ul data-testid="engine.backend-details">
            {details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
