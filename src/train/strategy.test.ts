import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { makeSyntheticSet } from '../model/testing/synthetic';
import { tinyModel } from '../model/testing/tiny';
import { parameterGroups, type Strategy } from './strategy';

describe('parameterGroups', () => {
  let model: ReturnType<typeof tinyModel>;
  beforeAll(async () => {
    await useBackend('cpu');
    model = tinyModel(makeSyntheticSet({ events: 4 }), 1);
  });
  afterAll(() => model.dispose());

  const namesOf = (variables: tf.Variable[]) => {
    const byVariable = new Map(
      [...model.variables].map(([name, v]) => [v, name]),
    );
    return variables.map((v) => byVariable.get(v)!);
  };

  const cases: Array<
    [Strategy, (name: string) => 'backbone' | 'head' | 'frozen']
  > = [
    ['full', (n) => (n.startsWith('head/') ? 'head' : 'backbone')],
    [
      'frozen-encoders',
      (n) =>
        n.startsWith('head/')
          ? 'head'
          : n.startsWith('encoder/')
            ? 'frozen'
            : 'backbone',
    ],
    ['head-only', (n) => (n.startsWith('head/') ? 'head' : 'frozen')],
    ['scratch', () => 'head'],
  ];

  for (const [strategy, expected] of cases) {
    it(`splits weights for ${strategy}`, () => {
      const groups = parameterGroups(model.variables, strategy);
      const backbone = new Set(namesOf(groups.backbone));
      const head = new Set(namesOf(groups.head));
      for (const name of model.variables.keys()) {
        const group = backbone.has(name)
          ? 'backbone'
          : head.has(name)
            ? 'head'
            : 'frozen';
        expect(group, name).toBe(expected(name));
      }
    });
  }
});
