import { describe, expect, it } from 'vitest';
import { EventLensError } from '../../core/errors';
import { eventCount } from '../eventSet';
import { importRoot } from './importRoot';
import { scanRecords, type RootRecord } from './preflight';
import { readSample } from './samples.testutil';

async function expectError(work: Promise<unknown>): Promise<EventLensError> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EventLensError);
  return error as EventLensError;
}

function firstBasket(bytes: ArrayBuffer, branch: string): RootRecord {
  const record = scanRecords(bytes, 'test.root').find(
    (r) => r.className === 'TBasket' && r.name === branch,
  );
  if (!record) throw new Error(`no basket of ${branch}`);
  return record;
}

/** Overwrites the middle of a basket's compressed payload with 0xff. */
function damageBasket(bytes: ArrayBuffer, branch: string): void {
  const record = firstBasket(bytes, branch);
  expect(record.compression).toBe('ZLIB');
  // 9 bytes of ROOT's compression header precede the deflate stream.
  const payload = record.nbytes - record.keyLength - 9;
  const start = record.offset + record.keyLength + 9 + Math.floor(payload / 3);
  new Uint8Array(bytes, start, Math.min(40, payload / 3)).fill(0xff);
}

describe('importRoot on damaged files', () => {
  it('rejects a truncated file with both sizes', async () => {
    const bytes = readSample('wz.root').slice(0, 120_000);
    const error = await expectError(importRoot(bytes, 'wz.root'));
    expect(error.code).toBe('io/invalid-root');
    expect(error.message).toBe(
      "Couldn't read wz.root: the file ends at byte 120000 but its header " +
        'says 264045; the upload may be truncated. Download it again.',
    );
  });

  it('rejects bytes that are not ROOT', async () => {
    const bytes = new TextEncoder().encode('event,pt\n1,2\n').buffer;
    const error = await expectError(importRoot(bytes, 'table.root'));
    expect(error.code).toBe('io/invalid-root');
    expect(error.message).toContain('table.root');
  });

  it('rejects an empty file', async () => {
    const error = await expectError(importRoot(new ArrayBuffer(0), 'e.root'));
    expect(error.code).toBe('io/empty-file');
  });

  it('names the branch of a damaged basket', async () => {
    const bytes = readSample('qcd.root');
    damageBasket(bytes, 'Jet_Px');
    const error = await expectError(importRoot(bytes, 'qcd.root'));
    expect(error.code).toBe('io/read-failed');
    expect(error.message).toContain('branch "Jet_Px"');
    expect(error.message).toContain('qcd.root');
  });

  it('ignores damage in branches it does not read', async () => {
    const bytes = readSample('qcd.root');
    damageBasket(bytes, 'Muon_Iso');
    const result = await importRoot(bytes, 'qcd.root');
    expect(eventCount(result.set)).toBe(142);
  });

  it('rejects an unknown compression algorithm', async () => {
    const bytes = readSample('qcd.root');
    const record = firstBasket(bytes, 'Muon_Pz');
    const magic = new Uint8Array(bytes, record.offset + record.keyLength, 2);
    magic.set([0x51, 0x51]);
    const error = await expectError(importRoot(bytes, 'qcd.root'));
    expect(error.code).toBe('io/read-failed');
    expect(error.message).toContain('unknown ("QQ")');
    expect(error.message).toContain('branch "Muon_Pz"');
  });

  it('rejects a damaged record header', async () => {
    const bytes = readSample('qcd.root');
    const record = firstBasket(bytes, 'Jet_E');
    new DataView(bytes).setInt32(record.offset, 0x7fff_0000);
    const error = await expectError(importRoot(bytes, 'qcd.root'));
    expect(error.code).toBe('io/invalid-root');
    expect(error.message).toContain(`record at byte ${record.offset}`);
  });

  it('rejects a file without a TTree as invalid', async () => {
    // Renaming the tree's class hides the only tree from the reader.
    const bytes = readSample('qcd.root');
    const view = new Uint8Array(bytes);
    const text = new TextDecoder('latin1').decode(view);
    let renamed = 0;
    for (let at = text.indexOf('TTree'); at >= 0;) {
      view.set(new TextEncoder().encode('THist'), at);
      renamed++;
      at = text.indexOf('TTree', at + 5);
    }
    expect(renamed).toBeGreaterThan(0);
    const error = await expectError(importRoot(bytes, 'qcd.root'));
    // Not io/unsupported-layout, which would offer a branch mapping.
    expect(error.code).toBe('io/invalid-root');
    expect(error.message).toContain('it contains no TTree');
  });

  it('reads a good file after a failure', async () => {
    const bad = readSample('qcd.root');
    damageBasket(bad, 'Jet_Px');
    await expectError(importRoot(bad, 'qcd.root'));
    const result = await importRoot(readSample('qcd.root'), 'qcd.root');
    expect(eventCount(result.set)).toBe(142);
  });
});
