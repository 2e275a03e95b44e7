import { describe, expect, it } from 'vitest';
import { weightPaths } from './modelActions';

describe('weightPaths', () => {
  it('lists every shard of the manifest', () => {
    const modelJson = JSON.stringify({
      weightsManifest: [{ paths: ['a.bin', 'b.bin'] }, { paths: ['c.bin'] }],
    });
    expect(weightPaths(modelJson)).toEqual(['a.bin', 'b.bin', 'c.bin']);
  });

  it('returns nothing for invalid JSON', () => {
    expect(weightPaths('{not json')).toEqual([]);
  });

  it('skips a manifest without paths', () => {
    expect(weightPaths('{"weightsManifest":[{}]}')).toEqual([]);
  });
});
