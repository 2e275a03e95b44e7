/** Per-step edge-update norms of one event, in the event's object order. */

import * as tf from '@tensorflow/tfjs-core';
import type { EventSet } from '../events/eventSet';
import { buildGraphBatch } from '../graph/batches';
import { selectNodes } from '../graph/features';
import { slotMatrixToEventOrder } from '../graph/slots';
import type { EventGnn } from '../model/model';

/**
 * Returns one `objects × objects` matrix per processing step (row =
 * receiver, column = sender, both in the event's object order): the L2
 * norm of the update each step adds to the edge, 0 on the diagonal, NaN
 * for objects beyond the model's node limit.
 */
export function eventEdgeNorms(
  model: EventGnn,
  set: EventSet,
  event: number,
): number[][] {
  const start = set.offsets[event] ?? 0;
  const objects = (set.offsets[event + 1] ?? start) - start;
  const nodes = selectNodes(set, event, model.scaling.maxNodes).map(
    (index) => index - start,
  );
  const batch = buildGraphBatch(set, model.scaling, [event]);
  const tensors = model.edgeUpdateNorms(batch);
  try {
    return tensors.map((tensor) =>
      slotMatrixToEventOrder(tensor.dataSync(), batch.nodes, nodes, objects),
    );
  } finally {
    tf.dispose(tensors);
  }
}
