import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventLensError } from '../core/errors';
import { eventCount, ObjectType, type EventSet } from './eventSet';
import { importLhe } from './lhe';
import { objectForParticle } from './lheParser';

const SAMPLE = fileURLToPath(
  new URL('../../public/samples/powheg-box-v2-W.lhe', import.meta.url),
);
const sampleText = readFileSync(SAMPLE, 'utf8');

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

function typesOf(set: EventSet, event: number): number[] {
  const start = set.offsets[event] ?? 0;
  const end = set.offsets[event + 1] ?? 0;
  return Array.from(set.objects.type.slice(start, end));
}

const FIFTY_MB = 50 * 1024 * 1024;

/** The sample's header, then its 100 events repeated past `size` bytes. */
function repeatedLhe(size: number): { text: string; copies: number } {
  const first = sampleText.indexOf('<event>');
  const last = sampleText.lastIndexOf('</event>') + '</event>'.length;
  const blocks = sampleText.slice(first, last);
  const copies = Math.ceil(size / blocks.length);
  const text =
    sampleText.slice(0, first) +
    Array.from({ length: copies }, () => blocks).join('\n') +
    '\n</LesHouchesEvents>\n';
  return { text, copies };
}

const TINY_EVENT = `<LesHouchesEvents version="3.0">
<init>
</init>
<event>
 4 1 2.5 91.0 0.0078 0.118
 2 -1 0 0 501 0 0 0 100 100 0 0 9
 -2 -1 0 0 0 501 0 0 -100 100 0 0 9
 13 1 1 2 0 0 30 40 10 51 0.1 0 9
 -14 1 1 2 0 0 -30 -40 -10 51 0 0 9
</event>
</LesHouchesEvents>
`;

describe('importLhe', () => {
  it('reads the 100 events of the POWHEG W sample', async () => {
    const result = await importLhe(bytesOf(sampleText), 'w.lhe');
    expect(result.layout).toBe('lhe');
    expect(eventCount(result.set)).toBe(100);
    expect(result.set.events.sourceEntry[99]).toBe(99);
    expect(result.warnings).toEqual([]);
  });

  it('turns W -> e nu events into electron, jets and MET', async () => {
    const { set } = await importLhe(bytesOf(sampleText), 'w.lhe');
    for (let event = 0; event < eventCount(set); event++) {
      const types = typesOf(set, event);
      expect(types.filter((t) => t === ObjectType.Electron)).toHaveLength(1);
      expect(types.filter((t) => t === ObjectType.MissingEt)).toHaveLength(1);
    }
    // W- decays to e- (charge -1).
    const electron = set.objects.type.indexOf(ObjectType.Electron);
    expect(set.objects.charge[electron]).toBe(-1);
  });

  it('uses the event weight of the block header', async () => {
    const { set } = await importLhe(bytesOf(TINY_EVENT), 'tiny.lhe');
    expect(set.events.weight[0]).toBeCloseTo(2.5, 6);
  });

  it('keeps final-state particles only and sums neutrinos', async () => {
    const { set } = await importLhe(bytesOf(TINY_EVENT), 'tiny.lhe');
    expect(typesOf(set, 0)).toEqual([ObjectType.Muon, ObjectType.MissingEt]);
    expect(set.objects.pt[0]).toBeCloseTo(50, 4);
    expect(set.objects.charge[0]).toBe(-1);
    expect(set.objects.pt[1]).toBeCloseTo(50, 4);
    expect(set.objects.eta[1]).toBe(0);
  });

  it('maps PDG ids to object types', () => {
    const cases: [number, ObjectType | null][] = [
      [11, ObjectType.Electron],
      [-13, ObjectType.Muon],
      [22, ObjectType.Photon],
      [21, ObjectType.Jet],
      [-5, ObjectType.Jet],
      [2212, null],
    ];
    for (const [id, type] of cases) {
      expect(objectForParticle(id, 10, 0, 0, 10)?.type ?? null).toBe(type);
    }
    expect(objectForParticle(5, 10, 0, 0, 10)?.btag).toBe(1);
    expect(objectForParticle(-11, 10, 0, 0, 10)?.charge).toBe(1);
  });

  it('passes the set through the smear hook', async () => {
    const result = await importLhe(bytesOf(TINY_EVENT), 'tiny.lhe', {
      smear: (set) => ({ ...set, notes: [...set.notes, 'smeared'] }),
    });
    expect(result.layout).toBe('lhe+detector');
    expect(result.set.notes).toContain('smeared');
  });

  it('reads a gzip-compressed file', async () => {
    const gzip = new Blob([sampleText])
      .stream()
      .pipeThrough(new CompressionStream('gzip'));
    const bytes = await new Response(gzip).arrayBuffer();
    const result = await importLhe(bytes, 'w.lhe.gz');
    expect(eventCount(result.set)).toBe(100);
    expect(result.set.name).toBe('w');
  });

  it('streams a 50 MB file in chunks', async () => {
    const { text, copies } = repeatedLhe(FIFTY_MB);
    const bytes = bytesOf(text);
    expect(bytes.byteLength).toBeGreaterThan(FIFTY_MB);
    const fractions: number[] = [];
    const result = await importLhe(bytes, 'big.lhe', {
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(eventCount(result.set)).toBe(copies * 100);
    expect(fractions.length).toBeGreaterThanOrEqual(50);
    expect(fractions.at(-1)).toBe(1);
  });

  it('rejects a 50 MB file over the event limit', async () => {
    const { text } = repeatedLhe(FIFTY_MB);
    const error = await expectError(
      importLhe(bytesOf(text), 'big.lhe', { maxEvents: 1000 }),
    );
    expect(error.code).toBe('io/too-large');
    expect(error.message).toContain('big.lhe');
    expect(error.message).toContain('Split the file');
  });
});

describe('importLhe on bad input', () => {
  it('rejects a file that is not LHE', async () => {
    const error = await expectError(
      importLhe(bytesOf('px,py\n1,2\n'), 'table.lhe'),
    );
    expect(error.code).toBe('io/invalid-lhe');
    expect(error.message).toContain('table.lhe');
  });

  it('rejects an empty file', async () => {
    const error = await expectError(importLhe(new ArrayBuffer(0), 'e.lhe'));
    expect(error.code).toBe('io/empty-file');
  });

  it('rejects a file without events', async () => {
    const text = '<LesHouchesEvents version="3.0">\n</LesHouchesEvents>\n';
    const error = await expectError(importLhe(bytesOf(text), 'none.lhe'));
    expect(error.code).toBe('io/empty-file');
  });

  it('rejects a truncated file naming the open block', async () => {
    const cut = sampleText.slice(0, sampleText.lastIndexOf('</event>'));
    const error = await expectError(importLhe(bytesOf(cut), 'cut.lhe'));
    expect(error.code).toBe('io/invalid-lhe');
    expect(error.message).toMatch(/line \d+ has no <\/event>/);
  });

  it('rejects a particle count that does not match', async () => {
    const text = TINY_EVENT.replace('\n 4 1 2.5', '\n 7 1 2.5');
    const error = await expectError(importLhe(bytesOf(text), 'n.lhe'));
    expect(error.code).toBe('io/invalid-lhe');
    expect(error.message).toContain('event 1 (line 4)');
  });

  it('rejects NaN momenta unless told to skip', async () => {
    const bad = TINY_EVENT.replace('30 40 10 51', 'nan 40 10 51');
    const text =
      bad.replace('</LesHouchesEvents>', '') +
      TINY_EVENT.slice(TINY_EVENT.indexOf('<event>'));
    const error = await expectError(importLhe(bytesOf(text), 'nan.lhe'));
    expect(error.code).toBe('io/invalid-value');
    const result = await importLhe(bytesOf(text), 'nan.lhe', {
      invalidEntries: 'skip',
    });
    expect(eventCount(result.set)).toBe(1);
    expect(result.skipped?.count).toBe(1);
    expect(result.skipped?.examples).toEqual(['event 1']);
  });
});
