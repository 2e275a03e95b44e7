import { describe, expect, it } from 'vitest';
import { EventLensError } from '../core/errors';
import { CsvEventReader, eventSetToCsv, formatFloat32, importCsv } from './csv';
import { eventCount, ObjectType } from './eventSet';
import { validateEventSet } from './validate';

const HEADER = 'event,type,pt,eta,phi,e,btag,charge,label';

function objectsCsv(rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

function expectError(run: () => unknown): EventLensError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EventLensError);
    return error as EventLensError;
  }
  throw new Error('expected an error');
}

describe('importCsv, one row per object', () => {
  const text = objectsCsv([
    '0,jet,50,0.5,1.0,60,1,0,signal',
    '0,mu,30,-1.2,-2.0,54.3,0,-1,signal',
    '0,met,40,,3.0,,0,0,signal',
    '1,jet,80,2.0,0.1,300,0,0,background',
  ]);

  it('groups rows into events', () => {
    const { set, layout } = importCsv(text, 'mix.csv');
    expect(layout).toBe('csv-objects');
    expect(eventCount(set)).toBe(2);
    expect(Array.from(set.offsets)).toEqual([0, 3, 4]);
  });

  it('reads labels as classes in order of appearance', () => {
    const { set } = importCsv(text, 'mix.csv');
    expect(set.classNames).toEqual(['signal', 'background']);
    expect(Array.from(set.events.label)).toEqual([0, 1]);
  });

  it('puts missing transverse momentum at eta 0 with E = pT', () => {
    const { set } = importCsv(text, 'mix.csv');
    expect(set.objects.type[2]).toBe(ObjectType.MissingEt);
    expect(set.objects.eta[2]).toBe(0);
    expect(set.objects.energy[2]).toBe(40);
  });

  it('names the set after the file when there is no label column', () => {
    const { set } = importCsv(
      'event,type,pt,eta,phi,mass\n0,jet,10,0,0,0\n',
      'ww.csv',
    );
    expect(set.classNames).toEqual(['ww']);
    expect(set.objects.energy[0]).toBeCloseTo(10, 5);
  });

  it('records the first line of each event as its source entry', () => {
    const { set } = importCsv(text, 'mix.csv');
    expect(Array.from(set.events.sourceEntry)).toEqual([2, 5]);
  });

  it('wraps phi into (−π, π]', () => {
    const { set } = importCsv(
      objectsCsv(['0,jet,50,0.5,4.0,60,0,0,a']),
      'wrap.csv',
    );
    expect(set.objects.phi[0]).toBeCloseTo(4 - 2 * Math.PI, 5);
  });

  it('accepts semicolons and a byte-order mark', () => {
    const { set } = importCsv(
      '\uFEFFevent;type;pt;eta;phi;e\n0;jet;10;0;0;10\n',
      'semi.csv',
    );
    expect(eventCount(set)).toBe(1);
  });
});

describe('importCsv, one row per event', () => {
  const text = [
    'jet1_pt,jet1_eta,jet1_phi,jet1_e,jet2_pt,jet2_eta,jet2_phi,jet2_e,met,met_phi,label',
    '50,0.1,0.2,55,30,1,2,50,20,1.5,WW',
    '70,0.3,0.4,75,,,,,10,-1,WZ',
  ].join('\n');

  it('reads object slots and leaves empty ones out', () => {
    const { set, layout } = importCsv(text, 'wide.csv');
    expect(layout).toBe('csv-events');
    expect(Array.from(set.offsets)).toEqual([0, 3, 5]);
    expect(set.classNames).toEqual(['WW', 'WZ']);
  });

  it('rejects a slot without eta', () => {
    const error = expectError(() =>
      importCsv('jet1_pt,jet1_phi,jet1_e\n1,2,3\n', 'bad.csv'),
    );
    expect(error.code).toBe('io/invalid-csv');
    expect(error.message).toContain('jet1');
  });
});

describe('importCsv, bad input', () => {
  it('rejects an empty file', () => {
    const error = expectError(() => importCsv('', 'empty.csv'));
    expect(error.code).toBe('io/empty-file');
    expect(error.message).toContain('empty.csv');
  });

  it('rejects a header without rows', () => {
    const error = expectError(() => importCsv(HEADER + '\n', 'head.csv'));
    expect(error.code).toBe('io/empty-file');
  });

  it('names missing columns', () => {
    const error = expectError(() =>
      importCsv('event,type,pt\n0,jet,1\n', 'cols.csv'),
    );
    expect(error.code).toBe('io/invalid-csv');
    expect(error.message).toContain('eta, phi, e');
  });

  it('names the line of text in a number column', () => {
    const error = expectError(() =>
      importCsv(
        objectsCsv(['0,jet,50,0,0,60,0,0,a', '1,jet,abc,0,0,60,0,0,a']),
        'text.csv',
      ),
    );
    expect(error.code).toBe('io/invalid-value');
    expect(error.message).toContain('line 3');
    expect(error.message).toContain('"abc" is not a number');
    expect(error.details.line).toBe(3);
  });

  it('hints at a decimal comma', () => {
    const csv = 'event;type;pt;eta;phi;e\n0;jet;50,5;0;0;60\n';
    const error = expectError(() => importCsv(csv, 'comma.csv'));
    expect(error.message).toContain('"50,5" is not a number');
    expect(error.message).toContain('with a point, as in 50.5');
  });

  it('rejects NaN and Infinity with their lines', () => {
    for (const value of ['NaN', 'Infinity', '-inf']) {
      const error = expectError(() =>
        importCsv(objectsCsv([`0,jet,${value},0,0,60,0,0,a`]), 'nan.csv'),
      );
      expect(error.message).toContain('line 2');
    }
  });

  it('rejects a row with the wrong number of fields', () => {
    const error = expectError(() =>
      importCsv(objectsCsv(['0,jet,50,0,0']), 'short.csv'),
    );
    expect(error.message).toContain('has 5 fields, but the header has 9');
  });

  it('rejects an unknown object type', () => {
    const error = expectError(() =>
      importCsv(objectsCsv(['0,tau,50,0,0,60,0,0,a']), 'tau.csv'),
    );
    expect(error.message).toContain('type "tau" is unknown');
  });

  it('rejects an event split across the file', () => {
    const error = expectError(() =>
      importCsv(
        objectsCsv([
          '0,jet,50,0,0,60,0,0,a',
          '1,jet,50,0,0,60,0,0,a',
          '0,jet,50,0,0,60,0,0,a',
        ]),
        'split.csv',
      ),
    );
    expect(error.message).toContain('event "0" appears again');
  });

  it('counts every invalid row in the message', () => {
    const error = expectError(() =>
      importCsv(
        objectsCsv([
          '0,jet,-1,0,0,60,0,0,a',
          '1,jet,x,0,0,60,0,0,a',
          '2,jet,1,0,0,1,0,0,a',
        ]),
        'many.csv',
      ),
    );
    expect(error.message).toContain('and 1 more invalid row');
    expect(error.details.problemCount).toBe(2);
  });

  it('skips whole events with invalid rows when asked', () => {
    const result = importCsv(
      objectsCsv([
        '0,jet,50,0,0,60,0,0,a',
        '0,jet,NaN,0,0,60,0,0,a',
        '1,jet,50,0,0,60,0,0,a',
      ]),
      'skip.csv',
      { invalidRows: 'skip' },
    );
    expect(eventCount(result.set)).toBe(1);
    expect(result.skipped?.count).toBe(2);
    expect(result.skipped?.reason).toContain('line 3');
  });
});

describe('CsvEventReader', () => {
  it('gives the same set for any chunking', () => {
    const text = objectsCsv([
      '0,jet,50,0.5,1.0,60,1,0,s',
      '1,e,30,-1.2,-2.0,54.3,0,1,s',
      '2,gamma,20,0,0,20,0,0,b',
    ]);
    const whole = importCsv(text, 'a.csv').set;
    const reader = new CsvEventReader('a.csv');
    for (let i = 0; i < text.length; i += 7) reader.push(text.slice(i, i + 7));
    const chunked = reader.finish().set;
    expect(chunked).toEqual(whole);
  });

  it('reads a million rows', () => {
    const reader = new CsvEventReader('big.csv');
    reader.push('event,type,pt,eta,phi,e\n');
    const rows: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      rows.push(`${i >> 2},jet,${20 + (i % 50)},0.5,1,${40 + (i % 50)}`);
      if (rows.length === 100_000) {
        reader.push(rows.join('\n') + '\n');
        rows.length = 0;
      }
    }
    const { set } = reader.finish();
    expect(eventCount(set)).toBe(250_000);
    expect(set.offsets[250_000]).toBe(1_000_000);
  });
});

describe('eventSetToCsv', () => {
  it('round-trips a set exactly', () => {
    const text = objectsCsv([
      '0,jet,50.123456,0.512345,1.0,60.5,1,0,signal',
      '0,mu,30,-1.2,-2.0,54.3,0,-1,signal',
      '1,met,40.7,0,3.0,40.7,0,0,background',
    ]);
    const original = importCsv(text, 'orig.csv').set;
    const again = importCsv(eventSetToCsv(original), 'orig.csv').set;
    expect(again.objects).toEqual(original.objects);
    expect(again.classNames).toEqual(original.classNames);
    expect(validateEventSet(again)).toEqual([]);
  });

  it('formats float32 values with few digits', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(Math.fround(Number(formatFloat32(Math.fround(Math.PI))))).toBe(
      Math.fround(Math.PI),
    );
  });
});
