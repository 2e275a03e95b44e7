import { useEffect, useMemo, useState } from 'react';
import type { EventGraphData } from '../../charts/eventGraph';
import type { EventSet } from '../../events/eventSet';
import { engineWorker } from '../../state/workers';
import type { ModelInfo } from '../../../workers/protocol';
import { useStoreApi } from '../storeContext';
import { ensureEngineSet } from './engineSets';

/** Key of the default edge weighting, the ΔR between the two objects. */
export const DELTA_R_WEIGHT = 'delta-r';

/** One choice of the Explore page's edge weighting. */
export interface EdgeWeightChoice {
  /** `DELTA_R_WEIGHT`, or `<step>:<modelId>` with a step from 1. */
  key: string;
  /** Selector text, also the graph's edge label. */
  label: string;
  modelId?: string;
  /** Processing step, from 1. */
  step?: number;
}

/** Edge part of the graph data. */
type GraphEdges = Pick<
  EventGraphData,
  'edgeValues' | 'edgeEmphasis' | 'edgeLabel'
>;

const DELTA_R_EDGES: GraphEdges = { edgeEmphasis: 'near', edgeLabel: 'ΔR' };

/** Lists ΔR and every processing step of every model. */
function edgeWeightChoices(models: ModelInfo[]): EdgeWeightChoice[] {
  const choices: EdgeWeightChoice[] = [{ key: DELTA_R_WEIGHT, label: 'ΔR' }];
  for (const model of models) {
    for (let step = 1; step <= model.card.config.steps; step++) {
      choices.push({
        key: `${step}:${model.id}`,
        label: `${model.name}, step ${step} edge update`,
        modelId: model.id,
        step,
      });
    }
  }
  return choices;
}

/** Edge-update norms with the model, set and event they belong to. */
interface LoadedNorms {
  modelId: string;
  setId: string;
  event: number;
  steps: number[][];
}

/**
 * Tracks the Explore page's edge weighting: ΔR, or a model's edge-update
 * norm in a chosen processing step, fetched from the engine for the shown
 * event.
 */
export function useEdgeWeight(
  setId: string | undefined,
  set: EventSet | undefined,
  event: number,
  models: ModelInfo[],
) {
  const store = useStoreApi();
  const choices = useMemo(() => edgeWeightChoices(models), [models]);
  const [chosenKey, setChosenKey] = useState(DELTA_R_WEIGHT);
  // A removed model's steps fall back to ΔR.
  const chosen = choices.find((c) => c.key === chosenKey) ?? choices[0]!;
  const modelId = chosen.modelId;
  const [norms, setNorms] = useState<LoadedNorms>();

  useEffect(() => {
    if (!setId || !set || !modelId) return;
    let live = true;
    void (async () => {
      const copied = await ensureEngineSet(setId, set);
      if (!copied.ok) return;
      const result = await engineWorker().edgeUpdateNorms({
        modelId,
        setId,
        event,
      });
      if (!live) return;
      if (!result.ok) return store.getState().showError(result.error);
      setNorms({ modelId, setId, event, steps: result.value.steps });
    })();
    return () => {
      live = false;
    };
  }, [setId, set, event, modelId, store]);

  const current =
    norms &&
    norms.modelId === modelId &&
    norms.setId === setId &&
    norms.event === event
      ? norms
      : undefined;
  const values = chosen.step ? current?.steps[chosen.step - 1] : undefined;
  const edges = useMemo<GraphEdges>(
    () =>
      values
        ? {
            edgeValues: Float32Array.from(values),
            edgeEmphasis: 'large',
            edgeLabel: chosen.label,
          }
        : DELTA_R_EDGES,
    [values, chosen.label],
  );

  return { choices, chosen, choose: setChosenKey, edges };
}
