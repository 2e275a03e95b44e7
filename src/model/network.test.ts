import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { EventSetBuilder } from '../events/builder';
import { eventCount, type EventSet } from '../events/eventSet';
import { buildGraphBatch, type GraphBatch } from '../graph/batches';
import { EDGE_FEATURES, NODE_FEATURES } from '../graph/features';
import { defaultModelConfig } from './config';
import { toBatchTensors } from './inputs';
import { forward } from './network';
import { parameterCount } from './params';
import { makeSyntheticSet } from './testing/synthetic';
import { tinyModel } from './testing/tiny';
import { batchLoss } from '../train/losses';
import { lossTargets } from '../train/targets';

const set = makeSyntheticSet({ events: 6, classes: 3, seed: 7 });
const all = (s: EventSet) => Array.from({ length: eventCount(s) }, (_, i) => i);

/** Returns a copy of `set` where `edit` rewrites each event's objects. */
function rewriteSet(
  source: EventSet,
  edit: (objects: number[]) => number[],
  phiShift = 0,
): EventSet {
  const builder = new EventSetBuilder(source.classNames);
  const o = source.objects;
  for (let e = 0; e < eventCount(source); e++) {
    const start = source.offsets[e] ?? 0;
    const end = source.offsets[e + 1] ?? 0;
    const indices = edit(
      Array.from({ length: end - start }, (_, k) => start + k),
    );
    for (const i of indices) {
      let phi = (o.phi[i] ?? 0) + phiShift;
      if (phi > Math.PI) phi -= 2 * Math.PI;
      builder.addObject({
        type: o.type[i] ?? 0,
        pt: o.pt[i] ?? 0,
        eta: o.eta[i] ?? 0,
        phi,
        energy: o.energy[i] ?? 0,
        btag: o.btag[i] ?? 0,
        charge: o.charge[i] ?? 0,
      });
    }
    builder.endEvent(source.events.label[e] ?? 0);
  }
  return builder.build('edited', 'test');
}

/** Returns `batch` with node slot `k` of every event moved to `order[k]`. */
function permuteNodes(batch: GraphBatch, order: number[]): GraphBatch {
  const n = batch.nodes;
  const nodeFeatures = new Float32Array(batch.nodeFeatures.length);
  const nodeMask = new Float32Array(batch.nodeMask.length);
  const edgeFeatures = new Float32Array(batch.edgeFeatures.length);
  const edgeMask = new Float32Array(batch.edgeMask.length);
  for (let b = 0; b < batch.size; b++) {
    for (let k = 0; k < n; k++) {
      const from = b * n + k;
      const to = b * n + order[k]!;
      nodeMask[to] = batch.nodeMask[from]!;
      nodeFeatures.set(
        batch.nodeFeatures.subarray(
          from * NODE_FEATURES,
          (from + 1) * NODE_FEATURES,
        ),
        to * NODE_FEATURES,
      );
      for (let s = 0; s < n; s++) {
        const edgeFrom = from * n + s;
        const edgeTo = to * n + order[s]!;
        edgeMask[edgeTo] = batch.edgeMask[edgeFrom]!;
        edgeFeatures.set(
          batch.edgeFeatures.subarray(
            edgeFrom * EDGE_FEATURES,
            (edgeFrom + 1) * EDGE_FEATURES,
          ),
          edgeTo * EDGE_FEATURES,
        );
      }
    }
  }
  return { ...batch, nodeFeatures, nodeMask, edgeFeatures, edgeMask };
}

describe('event graph network', () => {
  beforeAll(() => useBackend('wasm'));
  const model = () => tinyModel(set);
  let shared: ReturnType<typeof tinyModel>;
  beforeAll(() => {
    shared = model();
  });
  afterAll(() => shared.dispose());

  const logitsOf = (s: EventSet, events = all(s)) => {
    const batch = buildGraphBatch(s, shared.scaling, events);
    const out = shared.predict(batch);
    const values = out.arraySync();
    out.dispose();
    return values;
  };

  it('has about 0.37 M parameters at the paper sizes', () => {
    const config = defaultModelConfig({
      kind: 'multiclass',
      classNames: Array(12).fill('c'),
    });
    expect(parameterCount(config)).toBe(372428);
  });

  it('ignores the order of objects', () => {
    const reversed = rewriteSet(set, (objects) => [...objects].reverse());
    const a = logitsOf(set);
    const b = logitsOf(reversed);
    for (let e = 0; e < a.length; e++) {
      for (let c = 0; c < 3; c++) expect(b[e]![c]).toBeCloseTo(a[e]![c]!, 4);
    }
  });

  it('ignores padding from larger events in the batch', () => {
    const big = makeSyntheticSet({
      events: 3,
      classes: 3,
      seed: 9,
      minObjects: 10,
      maxObjects: 10,
    });
    const alone = logitsOf(set, [0]);
    const builder = new EventSetBuilder(set.classNames);
    // Event 0 of `set` plus three 10-object events, so it is padded to 10.
    for (const source of [set, big]) {
      const count = source === set ? 1 : 3;
      for (let e = 0; e < count; e++) {
        for (let i = source.offsets[e]!; i < source.offsets[e + 1]!; i++) {
          const o = source.objects;
          builder.addObject({
            type: o.type[i]!,
            pt: o.pt[i]!,
            eta: o.eta[i]!,
            phi: o.phi[i]!,
            energy: o.energy[i]!,
            btag: o.btag[i]!,
            charge: o.charge[i]!,
          });
        }
        builder.endEvent(0);
      }
    }
    const mixed = builder.build('mixed', 'test');
    const padded = logitsOf(mixed, [0, 1, 2, 3]);
    for (let c = 0; c < 3; c++)
      expect(padded[0]![c]).toBeCloseTo(alone[0]![c]!, 4);
  });

  it('is unchanged by a global rotation in phi', () => {
    const rotated = rewriteSet(set, (objects) => objects, 1.234);
    const a = logitsOf(set);
    const b = logitsOf(rotated);
    for (let e = 0; e < a.length; e++) {
      for (let c = 0; c < 3; c++) expect(b[e]![c]).toBeCloseTo(a[e]![c]!, 4);
    }
  });

  it('efficient form matches the concatenated one', () => {
    const batch = buildGraphBatch(set, shared.scaling, all(set));
    const inputs = toBatchTensors(batch);
    const targets = lossTargets(batch);
    const vars = [...shared.variables.values()];
    const gradsOf = (formulation: 'efficient' | 'concatenated') =>
      tf.tidy(
        () =>
          tf.variableGrads(
            () =>
              batchLoss(
                shared.config.head,
                forward(shared.variables, shared.config, inputs, {
                  formulation,
                }).logits,
                targets,
              ),
            vars,
          ).grads,
      );
    const efficient = gradsOf('efficient');
    const reference = gradsOf('concatenated');
    for (const name of Object.keys(reference)) {
      const diff = tf.tidy(
        () =>
          tf
            .max(tf.abs(tf.sub(efficient[name]!, reference[name]!)))
            .arraySync() as number,
      );
      const scale = tf.tidy(
        () => tf.max(tf.abs(reference[name]!)).arraySync() as number,
      );
      expect(diff, name).toBeLessThan(1e-4 + 1e-3 * scale);
    }
    const a = tf.tidy(() =>
      forward(shared.variables, shared.config, inputs, {
        formulation: 'efficient',
      }).logits.arraySync(),
    );
    const b = tf.tidy(() =>
      forward(shared.variables, shared.config, inputs, {
        formulation: 'concatenated',
      }).logits.arraySync(),
    );
    for (let e = 0; e < a.length; e++) {
      for (let c = 0; c < 3; c++) expect(a[e]![c]).toBeCloseTo(b[e]![c]!, 4);
    }
    tf.dispose([
      ...Object.values(efficient),
      ...Object.values(reference),
      targets.labels,
      targets.weights,
    ]);
    tf.dispose(
      Object.values(inputs).filter(
        (t): t is tf.Tensor => t instanceof tf.Tensor,
      ),
    );
  });

  it('sends a gradient to every weight', () => {
    const batch = buildGraphBatch(set, shared.scaling, all(set));
    const inputs = toBatchTensors(batch);
    const targets = lossTargets(batch);
    const grads = tf.tidy(
      () =>
        tf.variableGrads(
          () =>
            batchLoss(
              shared.config.head,
              forward(shared.variables, shared.config, inputs).logits,
              targets,
            ),
          [...shared.variables.values()],
        ).grads,
    );
    for (const [name, variable] of shared.variables) {
      const norm = tf.tidy(
        () => tf.norm(grads[variable.name]!).arraySync() as number,
      );
      expect(norm, name).toBeGreaterThan(0);
    }
    tf.dispose([...Object.values(grads), targets.labels, targets.weights]);
    tf.dispose(
      Object.values(inputs).filter(
        (t): t is tf.Tensor => t instanceof tf.Tensor,
      ),
    );
  });

  it('returns one vector per event from every tap', () => {
    const batch = buildGraphBatch(set, shared.scaling, all(set));
    const before = tf.memory().numTensors;
    const taps = shared.taps(batch);
    expect([...taps.keys()]).toEqual(shared.tapNames);
    for (const tensor of taps.values()) expect(tensor.shape).toEqual([6, 8]);
    tf.dispose([...taps.values()]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns masked edge-update norms per step', () => {
    const batch = buildGraphBatch(set, shared.scaling, all(set));
    const n = batch.nodes;
    const before = tf.memory().numTensors;
    const norms = shared.edgeUpdateNorms(batch);
    expect(tf.memory().numTensors - before).toBe(norms.length);
    expect(norms.length).toBe(shared.config.steps);
    for (const tensor of norms) {
      expect(tensor.shape).toEqual([6, n, n]);
      const values = tensor.dataSync();
      let real = 0;
      let positive = 0;
      for (let k = 0; k < values.length; k++) {
        if (batch.edgeMask[k] === 0) {
          expect(values[k], `edge ${k}`).toBe(0);
          continue;
        }
        real++;
        if (values[k]! > 0) positive++;
      }
      // An update can be exactly 0 at initial weights: an all-zero ReLU
      // layer meets zero biases and a zero LayerNorm offset.
      expect(positive).toBeGreaterThan(real / 2);
    }
    tf.dispose(norms);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('permutes edge-update norms with the nodes', () => {
    const batch = buildGraphBatch(set, shared.scaling, all(set));
    const n = batch.nodes;
    const order = Array.from({ length: n }, (_, k) => n - 1 - k);
    const readNorms = (b: GraphBatch) => {
      const tensors = shared.edgeUpdateNorms(b);
      const values = tensors.map((t) => t.dataSync().slice());
      tf.dispose(tensors);
      return values;
    };
    const plain = readNorms(batch);
    const permuted = readNorms(permuteNodes(batch, order));
    for (let step = 0; step < plain.length; step++) {
      for (let e = 0; e < batch.size; e++) {
        for (let r = 0; r < n; r++) {
          for (let s = 0; s < n; s++) {
            const at = (e * n + r) * n + s;
            const moved = (e * n + order[r]!) * n + order[s]!;
            expect(permuted[step]![moved]).toBeCloseTo(plain[step]![at]!, 4);
          }
        }
      }
    }
  });

  it('gives the same outputs on the CPU and WASM backends', async () => {
    const batch = buildGraphBatch(set, shared.scaling, all(set));
    const onWasm = logitsOf(set);
    const weights = new Map(
      [...shared.variables].map(([n, v]) => [n, v.arraySync()]),
    );
    await useBackend('cpu');
    const cpuModel = tinyModel(set);
    for (const [name, value] of weights)
      cpuModel.variables.get(name)!.assign(tf.tensor(value as number[]));
    const out = cpuModel.predict(batch);
    const onCpu = out.arraySync();
    out.dispose();
    cpuModel.dispose();
    await useBackend('wasm');
    for (let e = 0; e < onWasm.length; e++) {
      for (let c = 0; c < 3; c++)
        expect(onCpu[e]![c]).toBeCloseTo(onWasm[e]![c]!, 4);
    }
  });
});
