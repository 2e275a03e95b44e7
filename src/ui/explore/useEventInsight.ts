import { useEffect, useMemo, useState } from 'react';
import type { EventSet } from '../../events/eventSet';
import { engineWorker } from '../../state/workers';
import type { EventInsight, ModelInfo } from '../../../workers/protocol';
import { useModels } from '../compare/useModels';
import { useStoreApi } from '../storeContext';
import { ensureEngineSet } from './engineSets';
import type { PredictionColumns } from './eventRows';
import { useEdgeWeight } from './useEdgeWeight';

function toColumns(
  model: ModelInfo,
  probabilities: Float32Array,
): PredictionColumns {
  const classes = model.classNames.length;
  const events = probabilities.length / classes;
  const predicted = new Int32Array(events);
  const score = new Float32Array(events);
  for (let e = 0; e < events; e++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[e * classes + c]! > probabilities[e * classes + best]!)
        best = c;
    }
    predicted[e] = best;
    score[e] = probabilities[e * classes + best]!;
  }
  return {
    modelId: model.id,
    modelName: model.name,
    classNames: model.classNames,
    predicted,
    score,
  };
}

/** Halo strengths: positive importance over the largest, else 0. */
function haloStrengths(importance: number[]): number[] {
  const max = Math.max(0, ...importance);
  return importance.map((v) => (max > 0 && v > 0 ? v / max : 0));
}

/**
 * The models' view of a set and of its selected event: predictions for
 * the list, probabilities and importances for the inspector, and
 * importances and edge weights for the graph.
 */
export function useEventInsight(
  setId: string | undefined,
  set: EventSet | undefined,
  event: number,
) {
  const store = useStoreApi();
  const { models, loadBundled, loading, ready } = useModels();
  const usable = useMemo(
    () => models.filter((m) => m.classNames.length > 0),
    [models],
  );
  const [predictions, setPredictions] = useState<PredictionColumns[]>([]);
  const [insights, setInsights] = useState<EventInsight[]>([]);
  const [haloModel, setHaloModel] = useState<string>();

  useEffect(() => {
    setPredictions([]);
    if (!setId || !set || usable.length === 0) return;
    let live = true;
    void (async () => {
      const copied = await ensureEngineSet(setId, set);
      if (!copied.ok) return store.getState().showError(copied.error);
      for (const model of usable) {
        const result = await engineWorker().predictSet({
          modelId: model.id,
          setId,
        });
        if (!live) return;
        if (!result.ok) {
          store.getState().showError(result.error);
          continue;
        }
        const columns = toColumns(model, result.value.probabilities);
        setPredictions((previous) => [...previous, columns]);
      }
    })();
    return () => {
      live = false;
    };
  }, [setId, set, usable, store]);

  useEffect(() => {
    setInsights([]);
    if (!setId || !set || usable.length === 0) return;
    let live = true;
    void (async () => {
      const copied = await ensureEngineSet(setId, set);
      if (!copied.ok) return;
      const results = await Promise.all(
        usable.map((m) =>
          engineWorker().inspectEvent({ modelId: m.id, setId, event }),
        ),
      );
      if (!live) return;
      const failed = results.find((r) => !r.ok);
      if (failed && !failed.ok) store.getState().showError(failed.error);
      setInsights(results.flatMap((r) => (r.ok ? [r.value] : [])));
    })();
    return () => {
      live = false;
    };
  }, [setId, set, event, usable, store]);

  const edgeWeight = useEdgeWeight(setId, set, event, usable);
  const shown = insights.find((i) => i.modelId === haloModel) ?? insights[0];
  const graph = useMemo(
    () => ({
      ...edgeWeight.edges,
      importance: shown ? haloStrengths(shown.importance) : undefined,
    }),
    [shown, edgeWeight.edges],
  );

  return {
    ready,
    models: usable,
    loadBundled,
    loading,
    predictions,
    insights,
    haloModel: shown?.modelId,
    setHaloModel,
    edgeWeight,
    graph,
  };
}

/** What `useEventInsight` returns. */
export type EventInsightState = ReturnType<typeof useEventInsight>;
