/** Reads and writes model.json plus weight shards on disk (Node only). */

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventGnn } from '../src/model/model';
import {
  loadModel,
  serializeModel,
  type ModelCard,
  type ModelJson,
} from '../src/model/serialize';

/** Writes `model.json` and its shard(s) into `directory`. */
export async function saveModelFiles(
  directory: string,
  model: EventGnn,
  card: ModelCard,
): Promise<void> {
  const { modelJson, weightData } = await serializeModel(model, card);
  await mkdir(directory, { recursive: true });
  const paths = modelJson.weightsManifest[0]?.paths ?? [];
  for (let i = 0; i < paths.length; i++) {
    await writeFile(
      join(directory, paths[i] ?? ''),
      new Uint8Array(weightData[i] ?? new ArrayBuffer(0)),
    );
  }
  const text = `${JSON.stringify(modelJson, null, 1)}\n`;
  await writeFile(join(directory, 'model.json'), text);
}

/** Loads and validates the model in `directory`. */
export async function loadModelFiles(directory: string): Promise<EventGnn> {
  const modelJson = JSON.parse(
    await readFile(join(directory, 'model.json'), 'utf8'),
  ) as ModelJson;
  const paths = modelJson.weightsManifest?.[0]?.paths ?? [];
  const shards: ArrayBuffer[] = [];
  for (const path of paths) {
    const bytes = await readFile(join(directory, path));
    shards.push(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
  }
  return loadModel(modelJson, shards);
}

/** Reads the `version` field of package.json, for model cards. */
export async function toolVersion(): Promise<string> {
  const text = await readFile('package.json', 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
