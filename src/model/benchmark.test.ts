import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../scripts/tfjs-node-setup';
import { createBenchmarkModel, measureThroughput } from './benchmark';
import type { EventGnn } from './model';

describe('measureThroughput', () => {
  let model: EventGnn;

  beforeAll(async () => {
    await useBackend('cpu');
    model = createBenchmarkModel();
  });

  afterAll(() => model.dispose());

  it.each(['efficient', 'concatenated'] as const)(
    'returns a positive %s row',
    async (formulation) => {
      const row = await measureThroughput(model, {
        formulation,
        objects: 4,
        batchSize: 2,
        repetitions: 1,
      });
      expect(row.backend).toBe('cpu');
      expect(row.formulation).toBe(formulation);
      expect(row.objects).toBe(4);
      expect(row.batchSize).toBe(2);
      expect(row.inferEventsPerSecond).toBeGreaterThan(0);
      expect(row.trainEventsPerSecond).toBeGreaterThan(0);
      expect(row.gflops).toBeGreaterThan(0);
      expect(row.inferGflops).toBeGreaterThan(0);
    },
  );

  it('rejects zero repetitions', async () => {
    await expect(
      measureThroughput(model, {
        formulation: 'efficient',
        objects: 4,
        batchSize: 2,
        repetitions: 0,
      }),
    ).rejects.toThrow(/repetitions must be at least 1/);
  });
});
