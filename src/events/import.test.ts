import { describe, expect, it } from 'vitest';
import { EventLensError } from '../core/errors';
import { eventSetToCsv } from './csv';
import { eventCount } from './eventSet';
import { detectFormat, importFile } from './import';
import { eventSetToJson } from './json';
import { readSample } from './root/samples.testutil';

function bytesOf(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

async function expectError(work: Promise<unknown>): Promise<EventLensError> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EventLensError);
  return error as EventLensError;
}

describe('detectFormat', () => {
  it('trusts the extension first', () => {
    const empty = new ArrayBuffer(4);
    expect(detectFormat(empty, 'a.ROOT')).toBe('root');
    expect(detectFormat(empty, 'a.lhe.gz')).toBe('lhe');
    expect(detectFormat(empty, 'a.csv')).toBe('csv');
    expect(detectFormat(empty, 'a.json')).toBe('json');
  });

  it('sniffs the content of unknown extensions', () => {
    expect(detectFormat(readSample('qcd.root'), 'download')).toBe('root');
    expect(detectFormat(readSample('powheg-box-v2-W.lhe'), 'w.txt')).toBe(
      'lhe',
    );
    expect(detectFormat(bytesOf('{"events": []}'), 'x')).toBe('json');
    expect(detectFormat(bytesOf('pt,eta\n1,2\n'), 'x.txt')).toBe('csv');
    expect(detectFormat(bytesOf('hello'), 'x.txt')).toBeNull();
  });

  it('reads JSON saved under a .csv name as JSON', () => {
    expect(detectFormat(bytesOf(' [{"objects": []}]'), 'events.csv')).toBe(
      'json',
    );
    expect(detectFormat(bytesOf('pt,eta\n1,2\n'), 'events.csv')).toBe('csv');
  });
});

describe('compressed files', () => {
  it('asks to decompress a gzipped CSV', async () => {
    // The gzip magic number, then arbitrary bytes.
    const gzipped = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]).buffer;
    const error = await importFile(gzipped, 'objects.csv.gz').then(
      () => undefined,
      (reason: unknown) => reason as EventLensError,
    );
    expect(error?.code).toBe('io/unknown-format');
    expect(error?.message).toContain('objects.csv.gz');
    expect(error?.message).toContain('Decompress it');
  });
});

describe('importFile', () => {
  it('imports ROOT and LHE samples', async () => {
    const root = await importFile(readSample('zz.root'), 'zz.root');
    expect(root.layout).toBe('heptutorial');
    expect(eventCount(root.set)).toBe(2421);
    const lhe = await importFile(readSample('powheg-box-v2-W.lhe'), 'w.lhe');
    expect(lhe.layout).toBe('lhe');
    expect(eventCount(lhe.set)).toBe(100);
  });

  it('reads back CSV and JSON exports', async () => {
    const { set } = await importFile(readSample('qcd.root'), 'qcd.root', {
      className: 'QCD',
    });
    const csv = await importFile(bytesOf(eventSetToCsv(set)), 'qcd.csv');
    expect(eventCount(csv.set)).toBe(142);
    const json = await importFile(bytesOf(eventSetToJson(set)), 'qcd.json');
    expect(eventCount(json.set)).toBe(142);
    expect(json.set.classNames).toEqual(['QCD']);
  });

  it('rejects a .root file that is not ROOT', async () => {
    const bytes = readSample('powheg-box-v2-W.lhe');
    const error = await expectError(importFile(bytes, 'events.root'));
    expect(error.code).toBe('io/invalid-root');
    expect(error.message).toContain('events.root');
    expect(error.message).toContain('not a ROOT file');
  });

  it('rejects an empty file', async () => {
    const error = await expectError(importFile(new ArrayBuffer(0), 'a.csv'));
    expect(error.code).toBe('io/empty-file');
  });

  it('rejects binary data named as CSV', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13,
    ]);
    const error = await expectError(importFile(png.buffer, 'plot.csv'));
    expect(error.code).toBe('io/unknown-format');
    expect(error.message).toContain('plot.csv');
    expect(error.message).toContain('binary data, not text');
  });

  it('rejects an unknown format', async () => {
    const error = await expectError(importFile(bytesOf('hello'), 'a.txt'));
    expect(error.code).toBe('io/unknown-format');
    expect(error.message).toContain('a.txt');
  });

  it('keeps working after failed imports', async () => {
    const good = await importFile(readSample('qcd.root'), 'qcd.root');
    const truncated = readSample('wz.root').slice(0, 120_000);
    await expectError(importFile(truncated, 'wz.root'));
    await expectError(importFile(bytesOf('nonsense'), 'x.lhe'));
    const again = await importFile(readSample('qcd.root'), 'qcd.root');
    expect(again.set.objects.pt).toEqual(good.set.objects.pt);
    expect(eventCount(good.set)).toBe(142);
  });
});

describe('text encodings', () => {
  /** Returns the bytes of `text` with each character as one Latin-1 byte. */
  function latin1(text: string): ArrayBuffer {
    return Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer;
  }

  it('reads a Latin-1 CSV and names its first non-UTF-8 line', async () => {
    const csv =
      'event,type,pt,eta,phi,e,label\n' +
      '0,jet,50,0.1,0.2,60,bkg\n' +
      '1,jet,40,0.3,0.4,45,signal\u00e9\n';
    const result = await importFile(latin1(csv), 'latin.csv', {
      labelColumn: 'label',
    });
    expect(result.set.classNames).toContain('signal\u00e9');
    const warning = result.warnings.find((w) => w.includes('not UTF-8'));
    expect(warning).toContain('latin.csv');
    expect(warning).toContain('line 3');
  });

  it('adds no warning to a UTF-8 file', async () => {
    const csv = 'event,type,pt,eta,phi,e\n0,jet,50,0.1,0.2,60\n';
    const bytes = new TextEncoder().encode(csv).buffer as ArrayBuffer;
    const result = await importFile(bytes, 'plain.csv');
    expect(result.warnings.some((w) => w.includes('UTF-8'))).toBe(false);
  });
});
