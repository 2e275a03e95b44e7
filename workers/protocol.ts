/**
 * The one protocol between the page and its workers. Everything that
 * crosses a worker boundary is typed here: requests, results, progress
 * and errors (`Result` with a stable `code`).
 */
import type { ErrorInfo, Result } from '../src/core/errors';
import type { EventSet } from '../src/events/eventSet';
import type { SetHistograms } from '../src/events/histograms';
import type { ModelCard } from '../src/model/serialize';
import type { ImportResult, SkippedReport } from '../src/events/importResult';
import type {
  ExperimentProgress,
  ExperimentResult,
  ExperimentSettings,
} from '../src/train/experiment';
import type { RunName } from '../src/train/experimentSummary';
import type { RootTreeListing } from '../src/events/root/importRoot';
import type { BranchMapping } from '../src/events/root/mapping';
import type { SampleOption } from '../src/events/sample';
import type { DetectorPreset } from '../src/sim/detectorConfig';
import type { ModelComparison } from '../src/analysis/ckaModels';
import type { BenchmarkRow } from '../src/model/benchmark';
import type { Formulation } from '../src/model/network';

export type { ErrorInfo, Result };

/** TensorFlow.js backends, fastest first on a machine with a real GPU. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Default preference order of backends. */
export const BACKEND_ORDER: readonly BackendName[] = [
  'webgpu',
  'webgl',
  'wasm',
  'cpu',
];

/** A faster backend that was not used, with the reason. */
export interface BackendRefusal {
  backend: BackendName;
  reason: string;
}

/** The engine's running backend, its device and the backends it passed over. */
export interface BackendReport {
  backend: BackendName;
  /** True when the user forced this backend (URL parameter or setting). */
  forced: boolean;
  /** Faster backends that were skipped or failed, with the reason. */
  refused: BackendRefusal[];
  /** GPU adapter or renderer description, when the backend uses one. */
  device?: string;
  /** WASM threads in use (1 without cross-origin isolation). */
  wasmThreads?: number;
  crossOriginIsolated: boolean;
  /** Milliseconds the backend took to start and pass its self-test. */
  initMs: number;
}

/** Options of `EngineApi.init`. */
export interface EngineInitRequest {
  /** Backend to use ahead of the default order, even a software GPU. */
  override?: BackendName;
  /**
   * XNNPACK threads of the WASM backend, 1 to 8 (default: one per logical
   * core). Applies only the first time WASM starts in the worker.
   */
  wasmThreads?: number;
}

/** Origin of a loaded model. */
export type ModelSource = 'bundled' | 'saved' | 'uploaded' | 'trained';

/** A loaded model as the page lists it. */
export interface ModelInfo {
  id: string;
  name: string;
  source: ModelSource;
  classNames: string[];
  parameters: number;
  parentModel: string | null;
  created: string;
  /** The full model card from `model.json`. */
  card: ModelCard;
}

/** A model's files: `model.json` text and its binary weight shards. */
export interface ModelFiles {
  modelJson: string;
  /** Shards with their file names; order follows the manifest when named. */
  shards: { name?: string; data: ArrayBuffer }[];
}

/** The engine worker's API: owns TensorFlow.js and all tensor work. */
export interface EngineApi extends InspectApi, TrainApi, BenchApi {
  /** Picks and starts a backend; may be called again to switch. */
  init(request: EngineInitRequest): Promise<Result<BackendReport>>;
  /** Number of live tensors, for leak checks. */
  tensorCount(): Promise<number>;
  /** Fetches a model from the page's server (the bundled one) as `id`. */
  loadModelFromUrl(id: string, url: string): Promise<Result<ModelInfo>>;
  /** Loads a model from files the user chose or the browser saved. */
  loadModelFiles(
    id: string,
    files: ModelFiles,
    source: ModelSource,
  ): Promise<Result<ModelInfo>>;
  /** Lists the loaded models. */
  listModels(): Promise<ModelInfo[]>;
  /** Serialises a loaded model to its files. */
  exportModel(id: string): Promise<Result<ModelFiles>>;
  /** Frees a loaded model. */
  removeModel(id: string): Promise<void>;
}

/** Largest file the io worker parses: beyond it a tab runs short of memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Options of `IoApi.importFile`. */
export interface ImportRequest {
  /** Skip events with invalid rows instead of rejecting the file. */
  skipInvalidRows?: boolean;
  /** Branch mapping for a ROOT tree, instead of layout detection. */
  mapping?: BranchMapping;
  /** ROOT branch holding each entry's class; one class per value. */
  labelBranch?: string;
  /** CSV column holding each event's class. */
  labelColumn?: string;
  /** Keep at most this many events per class. */
  sample?: SampleOption;
  /** Pass LHE truth objects through this detector model. */
  detector?: DetectorPreset;
}

/** Progress callback passed through comlink's `proxy`. */
export type ProgressListener = (fraction: number, message?: string) => void;

/** Counts the page shows for a loaded set. */
export interface SetSummary {
  name: string;
  source: string;
  layout: string;
  events: number;
  objects: number;
  /** Object counts by type name (jet, electron, muon, photon, met). */
  objectsByType: Record<string, number>;
  /** Event counts by class, in class order. */
  eventsByClass: { name: string; events: number }[];
  warnings: string[];
  skipped?: SkippedReport;
  notes: string[];
  /** Per-class distributions for the Data page. */
  histograms: SetHistograms;
  /** File format: root, lhe, csv or json. */
  format?: string;
  /** Header columns of a CSV file, to choose a label column from. */
  csvColumns?: string[];
  /** The MeV to GeV conversion message, when energies were converted. */
  unitConversion?: string;
  /** Milliseconds the io worker spent reading and parsing the file. */
  importMs?: number;
  /** Options the set was imported with, to import it again changed. */
  request?: ImportRequest;
}

/** A parsed file: the set (its buffers transferred) and its summary. */
export interface ImportedSet {
  set: EventSet;
  summary: SetSummary;
}

/** The io worker's API: owns file parsing. */
export interface IoApi {
  /** Parses a file into an EventSet, reporting progress as it reads. */
  importFile(
    file: Blob,
    fileName: string,
    request: ImportRequest,
    onProgress?: ProgressListener,
  ): Promise<Result<ImportedSet>>;
  /** Lists a ROOT file's trees and branches, for the mapping dialog. */
  listRootTrees(
    file: Blob,
    fileName: string,
  ): Promise<Result<RootTreeListing[]>>;
}

export type { ImportResult };

// ---- Inspection: the Explore and Compare pages (workers/engineInspect.ts)

/** Request of `InspectApi.predictSet`. */
export interface PredictRequest {
  modelId: string;
  setId: string;
}

/** Class probabilities of every event of a set. */
export interface SetPrediction {
  modelId: string;
  classNames: string[];
  /** `[events, classes]` row-major. */
  probabilities: Float32Array;
}

/** Request of `InspectApi.inspectEvent`. */
export interface EventRequest {
  modelId: string;
  setId: string;
  event: number;
}

/** One model's view of one event. */
export interface EventInsight {
  modelId: string;
  classNames: string[];
  probabilities: number[];
  /** Index of the most probable class. */
  predicted: number;
  /**
   * Per object, in the set's order: drop in the predicted class's
   * probability when the object is left out.
   */
  importance: number[];
  /** Objects beyond this many (by pT) are not seen by the model. */
  maxNodes: number;
}

/** One model's per-step edge-update norms on one event. */
export interface EdgeUpdateNorms {
  modelId: string;
  /** Objects of the event, including those the model did not see. */
  objects: number;
  /**
   * One array per processing step, `[objects, objects]` row-major in the
   * set's object order and indexed (receiver, sender): the L2 norm of the
   * update the step adds to that edge. Self edges are 0, and edges of an
   * object beyond the model's `maxNodes` leading objects by pT are NaN.
   */
  steps: number[][];
}

/** Progress callback of a counted task: `done` of `total`. */
export type CountListener = (done: number, total: number) => void;

/** Request of `InspectApi.compareLayers`. */
export interface CkaRequest {
  modelA: string;
  modelB: string;
  /** Events from a loaded set, or freshly generated pretraining events. */
  sample: { kind: 'set'; setId: string } | { kind: 'generated' };
  events: number;
  seed: number;
}

/** CKA of two models with what they were compared on. */
export interface CkaResponse extends ModelComparison {
  modelA: string;
  modelB: string;
  sampleName: string;
  seconds: number;
}

/** Request of `InspectApi.quickFineTune`. */
export interface QuickFineTuneRequest {
  /** Id the fine-tuned model is registered under. */
  id: string;
  baseModelId: string;
  /** Loaded sets, one class each. */
  setIds: string[];
  eventsPerSet: number;
  epochs: number;
  seed: number;
}

/** The inspection part of the engine API. */
export interface InspectApi {
  /** Stores a copy of a loaded set under the page's set id. */
  putSet(id: string, set: EventSet): Promise<Result<void>>;
  /** Forgets a set stored with `putSet`. */
  dropSet(id: string): Promise<void>;
  /** Runs a model on every event of a set. */
  predictSet(request: PredictRequest): Promise<Result<SetPrediction>>;
  /** Probabilities and leave-one-object-out importances of one event. */
  inspectEvent(request: EventRequest): Promise<Result<EventInsight>>;
  /** Per-step edge-update norms of one event, in the set's object order. */
  edgeUpdateNorms(request: EventRequest): Promise<Result<EdgeUpdateNorms>>;
  /** Linear CKA of every layer pair of two models. */
  compareLayers(
    request: CkaRequest,
    onProgress?: CountListener,
  ): Promise<Result<CkaResponse>>;
  /**
   * Stops the running comparison after its current batch, which then fails
   * with `engine/cancelled`. Returns false when none is running.
   */
  cancelCompareLayers(): Promise<boolean>;
  /** Fine-tunes a loaded model on loaded sets and registers the result. */
  quickFineTune(
    request: QuickFineTuneRequest,
    onProgress?: CountListener,
  ): Promise<Result<ModelInfo>>;
}

// ---- Training: the Fine-tune and Models pages (workers/engineTrain.ts)

/** Request of `TrainApi.runExperiment`: classes and settings. */
export interface TrainingRequest {
  /** Loaded model to fine-tune; its architecture is also trained from scratch. */
  parentModelId: string;
  /** One event set per class; every event of a set gets its class. */
  classes: { name: string; set: EventSet }[];
  settings: ExperimentSettings;
}

/** The experiment's result and the ids of the registered trained models. */
export interface TrainingOutcome {
  result: ExperimentResult;
  modelIds: Partial<Record<RunName, string>>;
  models: ModelInfo[];
  /** Backend the runs trained on. */
  backend: string;
}

/** Progress callback of a training, passed through comlink's `proxy`. */
export type TrainingListener = (progress: ExperimentProgress) => void;

/** One weight tensor of a model. */
export interface LayerInfo {
  name: string;
  shape: number[];
  parameters: number;
}

/** Training and model details, part of the engine API. */
export interface TrainApi {
  /** Trains pretrained and scratch runs; one training at a time. */
  runExperiment(
    request: TrainingRequest,
    onProgress?: TrainingListener,
  ): Promise<Result<TrainingOutcome>>;
  /** Stops the running training between batches; false when idle. */
  cancelExperiment(): Promise<boolean>;
  /** Lists a loaded model's weights with their shapes. */
  modelLayers(id: string): Promise<Result<LayerInfo[]>>;
}

// ---- Benchmark: `npm run bench:model -- --browser` (workers/engineBench.ts)

export type { BenchmarkRow };

/** Request of `BenchApi.benchmarkModel`: one row per objects × formulation. */
export interface ModelBenchmarkRequest {
  objects: number[];
  formulations: Formulation[];
  batchSize: number;
  /** Minimum timed calls of inference and of training, after one warm-up. */
  repetitions: number;
  /** Minimum seconds per timed loop, or 0 to time `repetitions` calls. */
  seconds?: number;
}

/** Throughput measurement on the engine's current backend. */
export interface BenchApi {
  /** Times inference and training of a fresh synthetic-scaled model. */
  benchmarkModel(
    request: ModelBenchmarkRequest,
  ): Promise<Result<BenchmarkRow[]>>;
}
