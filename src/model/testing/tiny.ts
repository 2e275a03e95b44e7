/** Tiny model configurations that keep numeric tests fast. */

import type { EventSet } from '../../events/eventSet';
import { fitFeatureScaling } from '../../graph/features';
import { defaultModelConfig, type ModelConfig } from '../config';
import { createModel, type EventGnn } from '../model';

/** Returns a 2-step, 2-layer, 8-wide configuration with `classes` outputs. */
export function tinyConfig(classes: number): ModelConfig {
  const names = Array.from({ length: classes }, (_, c) => `class${c}`);
  return {
    ...defaultModelConfig({ kind: 'multiclass', classNames: names }),
    latentSize: 8,
    mlpLayers: 2,
    steps: 2,
  };
}

/** Creates a tiny seeded model whose scaling is fitted on `set`. */
export function tinyModel(set: EventSet, seed = 1, maxNodes = 12): EventGnn {
  const scaling = fitFeatureScaling(set, maxNodes);
  return createModel(tinyConfig(set.classNames.length), scaling, seed);
}
