import type { GraphObject } from '../../charts/eventGraphLayout';
import { typeName } from '../../charts/eventGraphStyle';
import type { EventInsightState } from './useEventInsight';

/** Props of `EventInspector`. */
export interface EventInspectorProps {
  insight: EventInsightState;
  objects: GraphObject[];
}

/** Each model's class probabilities and the objects that mattered most. */
export function EventInspector({ insight, objects }: EventInspectorProps) {
  if (insight.models.length === 0) {
    return (
      <div className="event-inspector" data-testid="explore.predictions">
        <p className="muted">
          No model is loaded, so there are no predictions yet.{' '}
          <button
            data-testid="explore.load-bundled"
            disabled={!insight.ready || insight.loading}
            onClick={() => void insight.loadBundled()}
          >
            {insight.loading ? 'Loading…' : 'Load the bundled model'}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="event-inspector" data-testid="explore.predictions">
      <p className="muted">
        Importance of an object: how the probability of the predicted class
        changes when that object is left out of the event (a
        leave-one-object-out test; the orange halo in the graph). A negative
        change means the object supported the prediction.
      </p>
      {insight.insights.map((view) => {
        const ranked = view.importance
          .map((value, index) => ({ value, index }))
          .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
          .slice(0, 3);
        return (
          <div
            key={view.modelId}
            className="model-view"
            data-testid={`explore.model.${view.modelId}`}
          >
            <label className="model-view-head">
              <input
                type="radio"
                name="halo-model"
                checked={insight.haloModel === view.modelId}
                onChange={() => insight.setHaloModel(view.modelId)}
              />
              <strong>
                {insight.models.find((m) => m.id === view.modelId)?.name}
              </strong>
            </label>
            <ul className="probability-bars">
              {view.classNames.map((name, c) => (
                <li key={name} className={c === view.predicted ? 'top' : ''}>
                  <span className="bar-label">{name}</span>
                  <span
                    className="bar"
                    style={{ width: `${view.probabilities[c]! * 100}%` }}
                  />
                  <span className="bar-value">
                    {view.probabilities[c]!.toFixed(3)}
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted">
              Largest changes when left out:{' '}
              {ranked
                .map(
                  // The drop is full − without, so the change is its negative.
                  ({ value, index }) =>
                    `${typeName(objects[index]?.type ?? 0)} (object ${index}) ` +
                    `${value > 0 ? '−' : '+'}${Math.abs(value).toFixed(3)}`,
                )
                .join('; ')}
              {objects.length > view.maxNodes &&
                ` · only the ${view.maxNodes} highest-pT objects reach the model`}
            </p>
          </div>
        );
      })}
    </div>
  );
}
