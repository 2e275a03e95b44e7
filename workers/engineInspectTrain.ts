/**
 * A short fine-tune of a loaded model on the page's sets, one class per
 * set, so that the Compare page has a fine-tuned model to set against the
 * one it came from. The Fine-tune page offers the full set of options.
 */
import '../src/model/registerGradients';
import { EventLensError } from '../src/core/errors';
import { EventSetBuilder } from '../src/events/builder';
import { eventCount, type EventSet } from '../src/events/eventSet';
import { createFineTuneModel } from '../src/model';
import { createRandom, shuffleInPlace } from '../src/graph/random';
import { trainModel } from '../src/train';
import { getModel, registerModel } from './engineModels';
import type { ModelInfo, QuickFineTuneRequest } from './protocol';

/** Merges `sets` into one set whose class k is set k, `perSet` events each. */
function labelledUnion(sets: EventSet[], perSet: number, seed: number) {
  const builder = new EventSetBuilder(sets.map((s) => s.name));
  const random = createRandom(seed);
  const train: number[] = [];
  const validation: number[] = [];
  sets.forEach((set, label) => {
    const order = shuffleInPlace(
      Array.from({ length: eventCount(set) }, (_, i) => i),
      random,
    ).slice(0, perSet);
    order.forEach((e, k) => {
      const { type, pt, eta, phi, energy, btag, charge } = set.objects;
      for (let i = set.offsets[e]!; i < set.offsets[e + 1]!; i++) {
        builder.addObject({
          type: type[i]!,
          pt: pt[i]!,
          eta: eta[i]!,
          phi: phi[i]!,
          energy: energy[i]!,
          btag: btag[i]!,
          charge: charge[i]!,
        });
      }
      // Every fifth event is held out to pick the best epoch.
      (k % 5 === 4 ? validation : train).push(builder.size);
      builder.endEvent(label, 1, set.events.sourceEntry[e]!);
    });
  });
  return {
    set: builder.build('fine-tune union', 'page sets'),
    train,
    validation,
  };
}

function subset(set: EventSet, events: number[]): EventSet {
  const builder = new EventSetBuilder(set.classNames);
  const { type, pt, eta, phi, energy, btag, charge } = set.objects;
  for (const e of events) {
    for (let i = set.offsets[e]!; i < set.offsets[e + 1]!; i++) {
      builder.addObject({
        type: type[i]!,
        pt: pt[i]!,
        eta: eta[i]!,
        phi: phi[i]!,
        energy: energy[i]!,
        btag: btag[i]!,
        charge: charge[i]!,
      });
    }
    builder.endEvent(set.events.label[e]!);
  }
  return builder.build(set.name, set.source);
}

/** Fine-tunes `request.baseModelId` on the given sets and registers it. */
export async function quickFineTune(
  request: QuickFineTuneRequest,
  getSet: (id: string) => EventSet,
  onProgress?: (done: number, total: number) => void,
): Promise<ModelInfo> {
  if (request.setIds.length < 2) {
    throw new EventLensError(
      'engine/invalid-request',
      'Fine-tuning needs at least two loaded sets, one per class; ' +
        `${request.setIds.length} given. Load another sample on the Data page.`,
    );
  }
  const base = getModel(request.baseModelId);
  const sets = request.setIds.map(getSet);
  const union = labelledUnion(sets, request.eventsPerSet, request.seed);
  const head = {
    kind: 'multiclass' as const,
    classNames: union.set.classNames,
  };
  const model = createFineTuneModel(base.model, head, request.seed);
  const result = await trainModel({
    model,
    train: subset(union.set, union.train),
    validation: subset(union.set, union.validation),
    strategy: 'full',
    epochs: request.epochs,
    batchSize: 64,
    learningRate: 1e-3,
    seed: request.seed,
    onProgress: (p) =>
      onProgress?.(p.epoch - 1 + p.batch / Math.max(1, p.batches), p.epochs),
  });
  const card = {
    ...base.card,
    name: `${base.card.name} fine-tuned on ${union.set.classNames.join(' vs ')}`,
    config: model.config,
    parentModel: base.card.name,
    created: new Date().toISOString(),
    seed: request.seed,
    trainingData: {
      sets: union.set.classNames,
      trainEvents: union.train.length,
      validationEvents: union.validation.length,
      epochs: request.epochs,
      strategy: 'full',
    },
    metrics: {
      accuracy: result.validation.accuracy,
      auc: result.validation.auc,
      bestEpoch: result.bestEpoch,
    },
  };
  return registerModel(request.id, model, card, 'trained');
}
