/**
 * The engine worker's models: loaded from the page's own server, from
 * files the user picked, or made by training. Every other engine module
 * looks models up here by id.
 */
import { EventLensError } from '../src/core/errors';
import { createLogger } from '../src/core/log';
import {
  loadModel,
  readModelCard,
  serializeModel,
  type EventGnn,
  type ModelCard,
  type ModelJson,
} from '../src/model';
import type { ModelFiles, ModelInfo, ModelSource } from './protocol';

const log = createLogger('engine');

interface Entry {
  info: ModelInfo;
  model: EventGnn;
  card: ModelCard;
}

const models = new Map<string, Entry>();

function describe(
  id: string,
  card: ModelCard,
  model: EventGnn,
  source: ModelSource,
): ModelInfo {
  return {
    id,
    name: card.name,
    source,
    classNames:
      card.config.head.kind === 'multiclass' ? card.config.head.classNames : [],
    parameters: model.parameterCount,
    parentModel: card.parentModel,
    created: card.created,
    card,
  };
}

/** Adds a model under `id`, replacing (and freeing) one already there. */
export function registerModel(
  id: string,
  model: EventGnn,
  card: ModelCard,
  source: ModelSource,
): ModelInfo {
  models.get(id)?.model.dispose();
  const info = describe(id, card, model, source);
  models.set(id, { info, model, card });
  log.info(`model ${id} (${card.name}) ready, ${info.parameters} parameters`);
  return info;
}

/** Returns the model stored under `id`, or throws a message that names it. */
export function getModel(id: string): Entry {
  const entry = models.get(id);
  if (!entry) {
    throw new EventLensError(
      'engine/invalid-request',
      `The model "${id}" is not loaded. Load it on the Models page, or pick another one.`,
      { id, loaded: [...models.keys()] },
    );
  }
  return entry;
}

/** Lists the loaded models. */
export function listModels(): ModelInfo[] {
  return [...models.values()].map((entry) => entry.info);
}

/** Frees a model's weights and removes it from the registry. */
export function removeModel(id: string): void {
  models.get(id)?.model.dispose();
  models.delete(id);
}

/** Loads a model from `model.json` and its shards; validation lists what differs. */
export function loadModelFiles(
  id: string,
  files: ModelFiles,
  source: ModelSource,
): ModelInfo {
  let json: unknown;
  try {
    json = JSON.parse(files.modelJson);
  } catch (error) {
    throw new EventLensError(
      'engine/invalid-model',
      `Couldn't read model.json: it is not valid JSON (${String(error)}). Choose the model.json written by EventLens.`,
    );
  }
  const card = readModelCard(json);
  const model = loadModel(json, orderShards(json, files));
  return registerModel(id, model, card!, source);
}

/** Puts the shards in the order the manifest lists them, by file name. */
function orderShards(json: unknown, files: ModelFiles): ArrayBuffer[] {
  const paths = (json as Partial<ModelJson>).weightsManifest?.[0]?.paths ?? [];
  if (files.shards.every((s) => s.name === undefined))
    return files.shards.map((s) => s.data);
  const missing = paths.filter(
    (p) => !files.shards.some((s) => s.name === baseName(p)),
  );
  if (missing.length > 0) {
    throw new EventLensError(
      'engine/invalid-model',
      `Couldn't load the model: the weight file${missing.length > 1 ? 's' : ''} ${missing.join(', ')} listed in model.json ${missing.length > 1 ? 'are' : 'is'} missing. Choose model.json together with its .bin files.`,
      { missing },
    );
  }
  return paths.map(
    (p) => files.shards.find((s) => s.name === baseName(p))!.data,
  );
}

function baseName(path: string): string {
  return path.replace(/^.*\//, '');
}

/** Fetches a model from the page's own server, for example the bundled one. */
export async function loadModelFromUrl(
  id: string,
  url: string,
  source: ModelSource,
): Promise<ModelInfo> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new EventLensError(
      'engine/invalid-model',
      `Couldn't fetch the model at ${url} (HTTP ${response.status}). Reload the page; if it persists, the build is missing its model files.`,
      { url, status: response.status },
    );
  }
  const modelJson = await response.text();
  const json = JSON.parse(modelJson) as Partial<ModelJson>;
  const base = new URL(url, self.location.href);
  const shards = await Promise.all(
    (json.weightsManifest?.[0]?.paths ?? []).map(async (path) => {
      const shard = await fetch(new URL(path, base));
      if (!shard.ok) {
        throw new EventLensError(
          'engine/invalid-model',
          `Couldn't fetch the weight file ${path} (HTTP ${shard.status}).`,
          { path },
        );
      }
      return { name: baseName(path), data: await shard.arrayBuffer() };
    }),
  );
  return loadModelFiles(id, { modelJson, shards }, source);
}

/** Serialises a loaded model for download or for saving in the browser. */
export async function exportModel(id: string): Promise<ModelFiles> {
  const { model, card } = getModel(id);
  const { modelJson, weightData } = await serializeModel(model, card);
  const paths = modelJson.weightsManifest[0]?.paths ?? [];
  return {
    modelJson: JSON.stringify(modelJson, null, 1),
    shards: weightData.map((data, i) => ({
      name: baseName(paths[i] ?? `weights.${i}.bin`),
      data,
    })),
  };
}
