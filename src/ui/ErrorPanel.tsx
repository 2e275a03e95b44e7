import { retrySkippingInvalid } from '../state/actions';
import { useAppState, useStoreApi } from './storeContext';

/** Lists errors with their code and details until the user dismisses them. */
export function ErrorPanel() {
  const store = useStoreApi();
  const errors = useAppState((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <section className="error-panel" data-testid="errors.panel" role="alert">
      {errors.map((error) => (
        <article
          key={error.id}
          className="error"
          data-testid="errors.item"
          data-code={error.code}
        >
          <p className="error-message">{error.message}</p>
          <p className="error-code">
            <code>{error.code}</code>
          </p>
          {error.details && Object.keys(error.details).length > 0 && (
            <details>
              <summary>details</summary>
              <pre>{formatDetails(error.details)}</pre>
            </details>
          )}
          <div className="error-actions">
            {error.canSkipInvalid && (
              <button
                data-testid="errors.skip-invalid"
                onClick={() => void retrySkippingInvalid(store, error.id)}
              >
                Load anyway, without the invalid events
              </button>
            )}
            <button
              data-testid="errors.dismiss"
              onClick={() => store.getState().dismissError(error.id)}
            >
              Dismiss
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}

function formatDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([key]) => key !== 'stack')
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
    )
    .join('\n');
}
