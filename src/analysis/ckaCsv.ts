/** CSV form of a CKA matrix, shared by the page's export and the CLI. */

import type { CkaMatrix } from './cka';

function quote(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Formats a matrix as CSV: a header row of model B's layers, then one row
 * per layer of model A. Undefined cells are empty, never "NaN".
 */
export function ckaToCsv(matrix: CkaMatrix): string {
  const header = ['layer_a \\ layer_b', ...matrix.layersB].map(quote);
  const rows = matrix.cka.map((row, i) =>
    [
      quote(matrix.layersA[i]!),
      ...row.map((v) => (v === null ? '' : v.toFixed(6))),
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}
