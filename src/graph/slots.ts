/**
 * Mapping between a graph's node slots and its event's object order. A
 * batch puts an event's highest-pT objects in slots 0, 1, … (see
 * `selectNodes`), so per-edge results come back in slot order.
 */

/**
 * Returns an `objects × objects` matrix, row = receiver and column =
 * sender in the event's object order, from a per-edge matrix in slot order.
 *
 * @param values Slot-ordered values, `values[r * slots + s]` for receiver
 *   slot r and sender slot s (one event of a `[B, slots, slots]` tensor).
 * @param slots Node slots per graph in the batch.
 * @param nodes Event-relative object index of each filled slot, in slot
 *   order (`selectNodes` minus the event's first object index).
 * @param objects Objects in the event.
 * @returns Row-major matrix with 0 on the diagonal and NaN for pairs whose
 *   objects did not enter the graph.
 */
export function slotMatrixToEventOrder(
  values: ArrayLike<number>,
  slots: number,
  nodes: readonly number[],
  objects: number,
): number[] {
  if (nodes.length > slots) {
    throw new RangeError(
      `${nodes.length} nodes do not fit in ${slots} slots per graph.`,
    );
  }
  const matrix = new Array<number>(objects * objects).fill(NaN);
  for (let i = 0; i < objects; i++) matrix[i * objects + i] = 0;
  nodes.forEach((receiver, r) => {
    nodes.forEach((sender, s) => {
      if (r !== s) matrix[receiver * objects + sender] = values[r * slots + s]!;
    });
  });
  return matrix;
}
