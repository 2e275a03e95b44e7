/**
 * Model actions of the page: load the bundled model and the saved ones at
 * start, save trained models in the browser, upload, download and delete.
 * Like every action they never throw; failures go to the error panel and
 * models already loaded stay.
 */
import type { StoreApi } from 'zustand/vanilla';
import { createLogger } from '../core/log';
import type {
  ModelFiles,
  ModelInfo,
  ModelSource,
} from '../../workers/protocol';
import {
  baseName,
  fileSlug,
  matchWeightFiles,
  renameWeightPaths,
} from '../model/weightFiles';
import { deleteSavedModel, loadSavedModels, saveModelFiles } from './persist';
import { saveLastTraining } from './savedTraining';
import type { AppState } from './store';
import { engineWorker } from './workers';

const log = createLogger('page');

/** Id of the bundled pretrained model. */
export const BUNDLED_MODEL_ID = 'pretrained';

async function loadModels(store: StoreApi<AppState>): Promise<void> {
  const url = `${import.meta.env.BASE_URL}models/pretrained/model.json`;
  const bundled = await engineWorker().loadModelFromUrl(BUNDLED_MODEL_ID, url);
  if (bundled.ok) {
    store.getState().upsertModel({
      info: bundled.value,
      saved: false,
      origin: 'bundled',
    });
    store.getState().setBundled('ready');
  } else {
    store.getState().setBundled('missing');
    log.warn('bundled model not loaded', bundled.error);
  }
  await restoreSavedModels(store);
}

async function restoreSavedModels(store: StoreApi<AppState>): Promise<void> {
  let records: Awaited<ReturnType<typeof loadSavedModels>>;
  try {
    records = await loadSavedModels();
  } catch (error) {
    log.warn('could not read saved models', error);
    return;
  }
  for (const record of records) {
    const result = await engineWorker().loadModelFiles(
      record.id,
      record.files,
      'saved',
    );
    if (result.ok) {
      store.getState().upsertModel({
        info: result.value,
        saved: true,
        origin: record.origin,
      });
    } else {
      store.getState().showError({
        ...result.error,
        message: `A model saved in this browser (${record.id}) could not be loaded: ${result.error.message} Delete it on the Models page.`,
      });
    }
  }
}

async function saveModelCopy(
  store: StoreApi<AppState>,
  info: ModelInfo,
  origin: ModelSource,
): Promise<boolean> {
  const files = await engineWorker().exportModel(info.id);
  if (!files.ok) {
    store.getState().showError(files.error);
    return false;
  }
  try {
    await saveModelFiles({
      id: info.id,
      savedAt: Date.now(),
      origin,
      files: files.value,
    });
  } catch (error) {
    store.getState().showError({
      code: 'internal',
      message: `${info.name} is loaded but could not be saved in this browser (${String(error)}). It stays until the tab closes; download it to keep it.`,
    });
    return false;
  }
  store.getState().upsertModel({ info, saved: true, origin });
  return true;
}

/** Starts a browser download of `data` as `name`. */
export function downloadFile(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the link; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function downloadModelFiles(
  store: StoreApi<AppState>,
  id: string,
): Promise<void> {
  const files = await engineWorker().exportModel(id);
  if (!files.ok) {
    store.getState().showError(files.error);
    return;
  }
  // The files are named after the model, so a second model's download does
  // not collide with the first. The downloaded model.json lists the new names.
  const name = store.getState().models.entries.find((e) => e.info.id === id)
    ?.info.name;
  const prefix = fileSlug(name ?? '') || fileSlug(id) || 'model';
  const { modelJson, shardNames } = renameWeightPaths(
    files.value.modelJson,
    `${prefix}.weights`,
  );
  downloadFile(`${prefix}.json`, modelJson, 'application/json');
  files.value.shards.forEach((shard, i) => {
    downloadFile(shardNames[i]!, shard.data, 'application/octet-stream');
  });
}

let uploadCounter = 0;

/** Returns the weight file names a model.json lists, or [] if unreadable. */
export function weightPaths(modelJson: string): string[] {
  try {
    const parsed = JSON.parse(modelJson) as {
      weightsManifest?: { paths?: unknown }[];
    };
    return (parsed.weightsManifest ?? [])
      .flatMap((group) => (Array.isArray(group.paths) ? group.paths : []))
      .filter((path): path is string => typeof path === 'string');
  } catch {
    return [];
  }
}

const isJson = (file: File) => file.name.toLowerCase().endsWith('.json');

async function uploadModelFiles(
  store: StoreApi<AppState>,
  files: readonly File[],
): Promise<string | undefined> {
  // Any one .json file is the model description, because a browser saves
  // a repeated download of model.json as "model (1).json".
  const json = files.filter(isJson);
  const shards = files.filter((f) => !isJson(f));
  if (json.length === 1 && shards.length === 0) {
    const listed = weightPaths(await json[0]!.text());
    const needed = listed.length > 0 ? listed.join(', ') : 'its .bin files';
    store.getState().showError({
      code: 'engine/invalid-model',
      fileName: json[0]!.name,
      message: `Couldn't load ${json[0]!.name}: its weights (${needed}) are missing. Select them together with ${json[0]!.name} in one upload.`,
    });
    return undefined;
  }
  if (json.length !== 1 || shards.length === 0) {
    store.getState().showError({
      code: 'engine/invalid-model',
      message: `Choose one model.json together with its .bin weight file(s); got ${json.length} JSON and ${shards.length} other file(s).`,
    });
    return undefined;
  }
  const jsonFile = json[0]!;
  const modelJson = await jsonFile.text();
  const chosen = namedShards(store, jsonFile.name, modelJson, shards);
  if (!chosen) return undefined;
  const modelFiles: ModelFiles = {
    modelJson,
    shards: await Promise.all(
      chosen.map(async ({ name, file }) => ({
        name,
        data: await file.arrayBuffer(),
      })),
    ),
  };
  const id = `uploaded-${Date.now().toString(36)}-${uploadCounter++}`;
  const result = await engineWorker().loadModelFiles(
    id,
    modelFiles,
    'uploaded',
  );
  if (!result.ok) {
    store.getState().showError({ ...result.error, fileName: jsonFile.name });
    return undefined;
  }
  store
    .getState()
    .upsertModel({ info: result.value, saved: false, origin: 'uploaded' });
  await saveModelCopy(store, result.value, 'uploaded');
  return id;
}

/**
 * Pairs the chosen shard files with the names model.json lists, taking a
 * single renamed shard under its listed name. Shows the error and returns
 * null when a listed file is missing. The engine checks the byte counts.
 */
function namedShards(
  store: StoreApi<AppState>,
  jsonName: string,
  modelJson: string,
  shards: File[],
): { name: string; file: File }[] | null {
  const listed = weightPaths(modelJson);
  // With unreadable JSON or an empty manifest, the engine reports the error.
  if (listed.length === 0)
    return shards.map((file) => ({ name: file.name, file }));
  const match = matchWeightFiles(
    listed,
    shards.map((f) => f.name),
  );
  if (!match.ok) {
    const plural = match.missing.length > 1;
    store.getState().showError({
      code: 'engine/invalid-model',
      fileName: jsonName,
      message: `Couldn't load the model: the weight file${plural ? 's' : ''} ${match.missing.join(', ')} listed in ${jsonName} ${plural ? 'are' : 'is'} missing. Choose ${jsonName} together with its .bin files.`,
    });
    return null;
  }
  if (match.renamed) {
    log.info(
      `using ${match.files[0]} as ${listed[0]}, the single weight file that ${jsonName} lists`,
    );
  }
  return match.files.map((chosenName, i) => ({
    name: baseName(listed[i]!),
    file: shards.find((f) => f.name === chosenName)!,
  }));
}

async function deleteModelEverywhere(
  store: StoreApi<AppState>,
  id: string,
): Promise<void> {
  if (id === BUNDLED_MODEL_ID) return;
  // The saved copy goes first, so a reload right after the click cannot
  // bring the model back; the list changes only once storage agrees.
  try {
    await deleteSavedModel(id);
  } catch (error) {
    log.warn(`could not delete saved model ${id}`, error);
  }
  store.getState().dropModel(id);
  // A kept fine-tuning result that made this model now marks it deleted.
  const { training } = store.getState();
  if (training.removedModels.includes(id)) saveLastTraining(training);
  await engineWorker().removeModel(id);
}

/**
 * Runs `work` and turns anything it throws (a worker that died, storage
 * that failed) into an entry of the error panel, so actions never throw.
 */
async function guard<T>(
  store: StoreApi<AppState>,
  action: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    log.error(`${action} failed`, error);
    store.getState().showError({
      code: 'internal',
      message: `Couldn't ${action}: ${String(error)}. Reload the page and try again.`,
    });
    return undefined;
  }
}

/** Loads the bundled model, then the models saved on earlier visits. */
export function loadStartupModels(store: StoreApi<AppState>) {
  return guard(store, 'load the models', () => loadModels(store));
}

/** Copies a loaded model into IndexedDB so it survives a reload. */
export async function saveModel(
  store: StoreApi<AppState>,
  info: ModelInfo,
  origin: ModelSource,
): Promise<boolean> {
  const saved = await guard(store, `save ${info.name}`, () =>
    saveModelCopy(store, info, origin),
  );
  return saved ?? false;
}

/** Downloads a model as model.json plus its weight shard(s). */
export function downloadModel(store: StoreApi<AppState>, id: string) {
  return guard(store, `download the model ${id}`, () =>
    downloadModelFiles(store, id),
  );
}

/** Loads a model from a chosen model.json and its .bin files. */
export async function uploadModel(
  store: StoreApi<AppState>,
  files: readonly File[],
): Promise<string | undefined> {
  return guard(store, 'upload the model', () => uploadModelFiles(store, files));
}

/** Frees a model in the engine and removes it from this browser. */
export function deleteModel(store: StoreApi<AppState>, id: string) {
  return guard(store, `delete the model ${id}`, () =>
    deleteModelEverywhere(store, id),
  );
}
