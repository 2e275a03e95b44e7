/** Analytic multiply-add counts of the network, for GFLOP/s in benchmarks. */

import type { ModelConfig } from './config';
import { headOutputs } from './config';
import type { Formulation } from './network';

/** Returns 2·(multiply-adds) of one MLP on `rows` rows of width `input`. */
function mlpFlops(config: ModelConfig, rows: number, input: number): number {
  const d = config.latentSize;
  const first = input * d;
  const rest = (config.mlpLayers - 1) * d * d;
  return 2 * rows * (first + rest);
}

/**
 * Returns the floating-point operations of one forward pass over one event
 * of `nodes` objects (dense N² edges, as computed). Matrix products only;
 * elementwise work is ignored. A training step is counted as 3× this.
 */
export function forwardFlops(
  config: ModelConfig,
  nodes: number,
  formulation: Formulation,
): number {
  const d = config.latentSize;
  const edges = nodes * nodes;
  let total =
    mlpFlops(config, nodes, config.nodeFeatures) +
    mlpFlops(config, edges, config.edgeFeatures) +
    mlpFlops(config, 1, config.globalFeatures);
  for (let step = 0; step < config.steps; step++) {
    if (formulation === 'concatenated') {
      total += mlpFlops(config, edges, 4 * d);
    } else {
      // Edge term per edge; sender, receiver per node; global per event.
      total += mlpFlops(config, edges, d) + 2 * (2 * nodes + 1) * d * d;
    }
    total += mlpFlops(config, nodes, 3 * d) + mlpFlops(config, 1, 3 * d);
  }
  total += mlpFlops(config, 1, d) + 2 * d * headOutputs(config.head);
  return total;
}
