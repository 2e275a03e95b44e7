import { describe, expect, it } from 'vitest';
import {
  fileSlug,
  matchWeightFiles,
  renameWeightPaths,
  shardFileNames,
  type WeightFileMatch,
} from './weightFiles';

describe('matchWeightFiles', () => {
  const cases: {
    name: string;
    listed: string[];
    chosen: string[];
    expected: WeightFileMatch;
  }[] = [
    {
      name: 'exact name',
      listed: ['weights.bin'],
      chosen: ['weights.bin'],
      expected: { ok: true, files: ['weights.bin'], renamed: false },
    },
    {
      name: 'exact names in manifest order',
      listed: ['w.bin.1of2', 'w.bin.2of2'],
      chosen: ['w.bin.2of2', 'w.bin.1of2'],
      expected: {
        ok: true,
        files: ['w.bin.1of2', 'w.bin.2of2'],
        renamed: false,
      },
    },
    {
      name: 'listed path in a folder',
      listed: ['shards/weights.bin'],
      chosen: ['weights.bin'],
      expected: { ok: true, files: ['weights.bin'], renamed: false },
    },
    {
      name: 'renamed single shard',
      listed: ['weights.bin'],
      chosen: ['weights (1).bin'],
      expected: { ok: true, files: ['weights (1).bin'], renamed: true },
    },
    {
      name: 'renamed single shard beside another file',
      listed: ['weights.bin'],
      chosen: ['notes.txt', 'weights (1).BIN'],
      expected: { ok: true, files: ['weights (1).BIN'], renamed: true },
    },
    {
      name: 'missing shard among two .bin files',
      listed: ['weights.bin'],
      chosen: ['a.bin', 'b.bin'],
      expected: { ok: false, missing: ['weights.bin'] },
    },
    {
      name: 'missing shard, only another file',
      listed: ['weights.bin'],
      chosen: ['weights.txt'],
      expected: { ok: false, missing: ['weights.bin'] },
    },
    {
      name: 'two shards with one missing',
      listed: ['w.bin.1of2', 'w.bin.2of2'],
      chosen: ['w.bin.1of2'],
      expected: { ok: false, missing: ['w.bin.2of2'] },
    },
    {
      name: 'two shards, one renamed .bin',
      listed: ['w.bin.1of2', 'w.bin.2of2'],
      chosen: ['w (1).bin'],
      expected: { ok: false, missing: ['w.bin.1of2', 'w.bin.2of2'] },
    },
    {
      name: 'no .bin at all',
      listed: ['weights.bin'],
      chosen: [],
      expected: { ok: false, missing: ['weights.bin'] },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(matchWeightFiles(c.listed, c.chosen)).toEqual(c.expected);
    });
  }
});

describe('fileSlug', () => {
  it('keeps letters and digits, joined by hyphens', () => {
    expect(fileSlug('WW vs WZ (fine-tuned)')).toBe('ww-vs-wz-fine-tuned');
  });

  it('drops accents and symbols', () => {
    expect(fileSlug('  Modèle #2 / test  ')).toBe('modele-2-test');
  });

  it('returns empty for a name without letters', () => {
    expect(fileSlug('***')).toBe('');
  });

  it('cuts long names without a trailing hyphen', () => {
    const slug = fileSlug(`${'a'.repeat(79)} b`);
    expect(slug).toBe('a'.repeat(79));
  });
});

describe('renameWeightPaths', () => {
  it('renames a single shard and keeps the rest', () => {
    const original = {
      format: 'eventlens-gnn',
      weightsManifest: [
        { paths: ['weights.bin'], weights: [{ name: 'w', shape: [2] }] },
      ],
      userDefinedMetadata: { modelCard: { name: 'm' } },
    };
    const { modelJson, shardNames } = renameWeightPaths(
      JSON.stringify(original),
      'm.weights',
    );
    expect(shardNames).toEqual(['m.weights.bin']);
    expect(JSON.parse(modelJson)).toEqual({
      ...original,
      weightsManifest: [
        { paths: ['m.weights.bin'], weights: [{ name: 'w', shape: [2] }] },
      ],
    });
  });

  it('numbers several shards in manifest order', () => {
    const { modelJson, shardNames } = renameWeightPaths(
      JSON.stringify({ weightsManifest: [{ paths: ['x', 'y', 'z'] }] }),
      'm.weights',
    );
    expect(shardNames).toEqual(shardFileNames('m.weights', 3));
    expect(shardNames[0]).toBe('m.weights.bin.1of3');
    expect(JSON.parse(modelJson).weightsManifest[0].paths).toEqual(shardNames);
  });
});
