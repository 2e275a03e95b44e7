/**
 * `npm run cka -- MODEL_A MODEL_B --events FILE --n 2000`: the layer ×
 * layer CKA matrix of two models on the same events, computed with the
 * same code as the Compare page. Prints the matrix and writes it as CSV.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../src/core/errors';
import {
  ckaDiagonal,
  layerLabel,
  type CkaMatrix,
  type HsicEstimator,
} from '../src/analysis/cka';
import { ckaToCsv } from '../src/analysis/ckaCsv';
import { compareModels } from '../src/analysis/ckaModels';
import { importFile } from '../src/events/import';
import { loadModelFiles } from './model-files';
import { useBackend } from './tfjs-node-setup';

const HELP = `Usage: npm run cka -- MODEL_A MODEL_B --events FILE [options]

Runs both models on the same events, collects one vector per event at
every layer (tap) and prints linear CKA for every layer pair.
MODEL_A and MODEL_B are model folders (or their model.json).

Options:
  --events FILE      events to compare on (ROOT, LHE, CSV or JSON)
  --n N              number of events, a seeded sample (default 2000)
  --seed S           seed of the sample (default 1)
  --estimator E      HSIC estimator: biased (default) or unbiased
  --csv PATH         CSV output (default cka.csv; "-" for none)
  --json             print { layersA, layersB, cka } as JSON instead
  --backend B        tfjs backend: wasm (default) or cpu
  -h, --help         show this help
`;

function modelFolder(path: string): string {
  return basename(path) === 'model.json' ? dirname(path) : path;
}

function formatTable(matrix: CkaMatrix): string {
  const width = Math.max(...matrix.layersA.map((n) => layerLabel(n).length));
  const short = (name: string) =>
    layerLabel(name).replace('encoder', 'enc').replace('step ', 's');
  const head =
    ' '.repeat(width) +
    matrix.layersB.map((n) => ` ${short(n).padStart(11)}`).join('');
  const rows = matrix.cka.map(
    (row, i) =>
      layerLabel(matrix.layersA[i]!).padEnd(width) +
      row.map((v) => (v === null ? '—' : v.toFixed(3)).padStart(12)).join(''),
  );
  return [head, ...rows].join('\n');
}

function parseEstimator(value: string): HsicEstimator {
  if (value === 'biased' || value === 'unbiased') return value;
  throw new Error(`--estimator must be biased or unbiased, got "${value}".`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      events: { type: 'string' },
      n: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      estimator: { type: 'string', default: 'biased' },
      csv: { type: 'string', default: 'cka.csv' },
      json: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'wasm' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const [pathA, pathB] = positionals;
  if (!pathA || !pathB || !values.events) {
    throw new Error(
      `Two model folders and --events FILE are required.\n\n${HELP}`,
    );
  }
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 2) {
    throw new Error(`--n must be an integer ≥ 2, got "${values.n}".`);
  }
  const estimator = parseEstimator(values.estimator);
  const backend = values.backend === 'cpu' ? 'cpu' : 'wasm';
  await useBackend(backend);

  const modelA = await loadModelFiles(modelFolder(pathA));
  const modelB = await loadModelFiles(modelFolder(pathB));
  const bytes = readFileSync(values.events);
  const imported = await importFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    basename(values.events),
  );
  const started = performance.now();
  const result = await compareModels(modelA, modelB, imported.set, {
    events: n,
    seed: Number(values.seed),
    onProgress: (done, total) => {
      if (!values.json) process.stderr.write(`\r${done}/${total} events`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const matrix = estimator === 'biased' ? result.biased : result.unbiased;
  if (!matrix) throw new Error(result.unbiasedError);

  if (values.csv !== '-') {
    const context = {
      modelA: pathA,
      modelB: pathB,
      sample: basename(values.events),
    };
    writeFileSync(values.csv, ckaToCsv(matrix, context));
  }
  if (values.json) {
    const { layersA, layersB, cka } = matrix;
    console.log(JSON.stringify({ layersA, layersB, cka }));
  } else {
    process.stderr.write('\n');
    console.log(
      `${estimator} linear CKA, ${matrix.events} events of ${basename(values.events)}, ` +
        `${seconds.toFixed(1)} s on ${backend}\nA = ${pathA}\nB = ${pathB}\n`,
    );
    console.log(formatTable(matrix));
    const diagonal = ckaDiagonal(matrix).map((v) =>
      v === null ? '—' : v.toFixed(3),
    );
    console.log(`\ndiagonal: ${diagonal.join(' ')}`);
    for (const warning of matrix.warnings) console.log(`warning: ${warning}`);
    if (values.csv !== '-') console.log(`wrote ${values.csv}`);
  }
  modelA.dispose();
  modelB.dispose();
}

main().catch((error: unknown) => {
  console.error(`cka: ${toErrorInfo(error).message}`);
  process.exit(1);
});
