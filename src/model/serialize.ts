/**
 * Save and load: a TensorFlow.js weights manifest (`model.json` with
 * `weightsManifest`) plus binary shard(s), with the model card in
 * `userDefinedMetadata.modelCard`. Loading checks every weight's name,
 * shape, dtype and values and lists everything that differs.
 */

import * as tf from '@tensorflow/tfjs-core';
import { EventLensError } from '../core/errors';
import type { FeatureScaling } from '../graph/features';
import type { ModelConfig } from './config';
import { EventGnn } from './model';
import { uniqueName, weightShapes } from './params';
import { shardFileNames } from './weightFiles';

/** Metadata that travels with the weights. */
export interface ModelCard {
  name: string;
  /** Architecture settings, enough to rebuild the network. */
  config: ModelConfig;
  scaling: FeatureScaling;
  /** Training data, e.g. generator, processes, detector and event count. */
  trainingData: Record<string, unknown>;
  seed: number;
  /** Held-out metrics, e.g. accuracy, AUC, confusion matrix. */
  metrics: Record<string, unknown>;
  /** Name of the model this one was fine-tuned from, or null. */
  parentModel: string | null;
  /** ISO 8601 date of creation. */
  created: string;
  toolVersion: string;
  notes?: string[];
}

/** The `model.json` document. */
export interface ModelJson {
  format: 'eventlens-gnn';
  generatedBy: string;
  weightsManifest: Array<{
    paths: string[];
    weights: tf.io.WeightsManifestEntry[];
  }>;
  userDefinedMetadata: { modelCard: ModelCard };
}

/** Shard size limit: tfjs's own default of 4 MiB. */
const SHARD_BYTES = 4 * 1024 * 1024;

/** Encodes a model's weights and card. Shards are named `<shardPrefix>.bin`. */
export async function serializeModel(
  model: EventGnn,
  card: ModelCard,
  shardPrefix = 'weights',
): Promise<{ modelJson: ModelJson; weightData: ArrayBuffer[] }> {
  const named = [...model.variables].map(([name, variable]) => ({
    name,
    tensor: variable as tf.Tensor,
  }));
  const { data, specs } = await tf.io.encodeWeights(named);
  const buffer = data as ArrayBuffer;
  const weightData: ArrayBuffer[] = [];
  for (let start = 0; start < buffer.byteLength; start += SHARD_BYTES) {
    weightData.push(
      buffer.slice(start, Math.min(buffer.byteLength, start + SHARD_BYTES)),
    );
  }
  const paths = shardFileNames(shardPrefix, weightData.length);
  const modelJson: ModelJson = {
    format: 'eventlens-gnn',
    generatedBy: `EventLens ${card.toolVersion}`,
    weightsManifest: [{ paths, weights: specs }],
    userDefinedMetadata: {
      modelCard: { ...card, config: model.config, scaling: model.scaling },
    },
  };
  return { modelJson, weightData };
}

function invalid(
  problems: string[],
  details: Record<string, unknown> = {},
): EventLensError {
  return new EventLensError(
    'engine/invalid-model',
    `Couldn't load the model: ${problems.join('; ')}. Export the weights again from EventLens, or pick the model.json that belongs to these shards.`,
    { problems, ...details },
  );
}

/** Checks the manifest against the architecture in its own card. */
function checkManifest(
  card: ModelCard,
  specs: tf.io.WeightsManifestEntry[],
): string[] {
  const problems: string[] = [];
  const expected = new Map(weightShapes(card.config));
  const found = new Map(specs.map((s) => [s.name, s]));
  for (const [name, shape] of expected) {
    const spec = found.get(name);
    if (!spec) {
      problems.push(`missing weight "${name}" [${shape.join(', ')}]`);
    } else if (spec.shape.join(',') !== shape.join(',')) {
      problems.push(
        `weight "${name}" has shape [${spec.shape.join(', ')}], expected [${shape.join(', ')}]`,
      );
    } else if (spec.dtype !== 'float32') {
      problems.push(
        `weight "${name}" has dtype ${spec.dtype}, expected float32`,
      );
    }
  }
  for (const name of found.keys()) {
    if (!expected.has(name)) problems.push(`unexpected weight "${name}"`);
  }
  return problems;
}

/** Returns the byte length the manifest's weights need. */
function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce(
    (sum, s) => sum + 4 * s.shape.reduce((a, b) => a * b, 1),
    0,
  );
}

/** Joins shards into one buffer. */
function concatShards(shards: ArrayBuffer[]): ArrayBuffer {
  const total = shards.reduce((sum, s) => sum + s.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const shard of shards) {
    joined.set(new Uint8Array(shard), offset);
    offset += shard.byteLength;
  }
  return joined.buffer;
}

/** Returns the first non-finite weights' names, as problem lines. */
function nonFiniteWeights(values: tf.NamedTensorMap): string[] {
  const problems: string[] = [];
  for (const [name, tensor] of Object.entries(values)) {
    const data = tensor.dataSync();
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      problems.push(
        `weight "${name}" has a non-finite value (${data[bad]}) at index ${bad}`,
      );
  }
  return problems;
}

/** Loads and validates a model; throws `engine/invalid-model` listing what differs. */
export function loadModel(
  modelJson: unknown,
  weightData: ArrayBuffer | ArrayBuffer[],
): EventGnn {
  const json = modelJson as Partial<ModelJson>;
  const card = json?.userDefinedMetadata?.modelCard;
  const group = json?.weightsManifest?.[0];
  if (!card?.config || !card.scaling || !group?.weights) {
    throw invalid([
      'model.json has no weightsManifest or no model card with config and scaling',
    ]);
  }
  const shards = Array.isArray(weightData) ? weightData : [weightData];
  const problems = checkManifest(card, group.weights);
  if (shards.length !== group.paths.length) {
    problems.push(
      `${group.paths.length} weight file(s) listed (${group.paths.join(', ')}), ${shards.length} given`,
    );
  }
  const buffer = concatShards(shards);
  const needed = expectedBytes(group.weights);
  if (buffer.byteLength !== needed) {
    problems.push(
      `weight data (${group.paths.join(', ')}) is ${buffer.byteLength} bytes, ` +
        `the manifest needs ${needed}; the file may be truncated or from another model`,
    );
  }
  if (problems.length > 0) throw invalid(problems);
  const values = tf.io.decodeWeights(buffer, group.weights);
  const nonFinite = nonFiniteWeights(values);
  if (nonFinite.length > 0) {
    tf.dispose(Object.values(values));
    throw invalid(nonFinite);
  }
  const variables = new Map<string, tf.Variable>();
  for (const [name] of weightShapes(card.config)) {
    const value = values[name] as tf.Tensor;
    variables.set(name, tf.variable(value, true, uniqueName(name)));
  }
  tf.dispose(Object.values(values));
  return new EventGnn(card.config, variables, card.scaling);
}

/** Returns the card stored in a model.json. */
export function readModelCard(modelJson: unknown): ModelCard | null {
  return (
    (modelJson as Partial<ModelJson>)?.userDefinedMetadata?.modelCard ?? null
  );
}
