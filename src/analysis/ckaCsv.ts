/** CSV form of a CKA matrix, shared by the page's export and the CLI. */

import { layerLabel, type CkaMatrix } from './cka';

function quote(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Models and sample of a CKA matrix, written as comment lines. */
export interface CkaCsvContext {
  modelA: string;
  modelB: string;
  /** Name of the event sample. */
  sample: string;
}

/**
 * Formats a matrix as CSV: a header row of model B's layers, then one row
 * per layer of model A, with the layer names the page shows ("step 1
 * edge"). Undefined cells are empty, never "NaN". With `context`, `#`
 * comment lines first name the estimator, the events and both models.
 */
export function ckaToCsv(matrix: CkaMatrix, context?: CkaCsvContext): string {
  const comments = context
    ? [
        `# linear CKA, ${matrix.estimator} HSIC, ${matrix.events} events of ${context.sample}`,
        `# rows: model A, ${context.modelA}`,
        `# columns: model B, ${context.modelB}`,
      ].map((line) => line.replaceAll('\n', ' '))
    : [];
  const header = ['layer_a \\ layer_b', ...matrix.layersB.map(layerLabel)].map(
    quote,
  );
  const rows = matrix.cka.map((row, i) =>
    [
      quote(layerLabel(matrix.layersA[i]!)),
      ...row.map((v) => (v === null ? '' : v.toFixed(6))),
    ].join(','),
  );
  return [...comments, header.join(','), ...rows].join('\n') + '\n';
}
