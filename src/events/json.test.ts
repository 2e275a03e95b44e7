import { describe, expect, it } from 'vitest';
import { EventLensError } from '../core/errors';
import { eventCount } from './eventSet';
import { eventSetToJson, importJson } from './json';
import { validateEventSet } from './validate';

function expectError(run: () => unknown): EventLensError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EventLensError);
    return error as EventLensError;
  }
  throw new Error('expected an error');
}

const sample = {
  format: 'eventlens-events',
  version: 1,
  classNames: ['WW', 'WZ'],
  events: [
    {
      label: 'WZ',
      objects: [
        { type: 'jet', pt: 50, eta: 0.3, phi: 1, e: 60, btag: 1 },
        { type: 'met', pt: 20, phi: -2 },
      ],
    },
    {
      label: 0,
      weight: 0.5,
      objects: [
        { type: 'mu', pt: 25, eta: 1, phi: 0, mass: 0.106, charge: -1 },
      ],
    },
  ],
};

describe('importJson', () => {
  it('reads events, labels and weights', () => {
    const { set } = importJson(JSON.stringify(sample), 'di.json');
    expect(eventCount(set)).toBe(2);
    expect(set.classNames).toEqual(['WW', 'WZ']);
    expect(Array.from(set.events.label)).toEqual([1, 0]);
    expect(set.events.weight[1]).toBe(0.5);
    expect(set.objects.energy[2]).toBeCloseTo(25 * Math.cosh(1), 3);
  });

  it('accepts a bare array of events as one class', () => {
    const events = [{ objects: sample.events[1]!.objects }];
    const { set } = importJson(JSON.stringify(events), 'mu.json');
    expect(set.classNames).toEqual(['mu']);
    expect(set.events.label[0]).toBe(0);
  });

  it('round-trips through eventSetToJson', () => {
    const first = importJson(JSON.stringify(sample), 'di.json').set;
    const second = importJson(eventSetToJson(first), 'di.json').set;
    expect(second.objects).toEqual(first.objects);
    expect(second.events).toEqual(first.events);
    expect(validateEventSet(second)).toEqual([]);
  });

  it('reports a syntax error with its line', () => {
    const error = expectError(() =>
      importJson('{\n "events": [\n  {,]\n}', 'bad.json'),
    );
    expect(error.code).toBe('io/invalid-json');
    expect(error.message).toContain('line 3');
  });

  it('says a truncated file was probably cut off', () => {
    const error = expectError(() =>
      importJson('{"events": [{"objects": [', 'cut.json'),
    );
    expect(error.code).toBe('io/invalid-json');
    expect(error.message).toContain('cut.json');
    expect(error.message).toContain('probably cut off');
  });

  it('names an event that is an array, not an object', () => {
    const error = expectError(() =>
      importJson('[[1, 2, 3], [4, 5, 6]]', 'shape.json'),
    );
    expect(error.code).toBe('io/invalid-event');
    expect(error.message).toContain('events[0]');
    expect(error.message).toContain('found an array');
  });

  it('rejects an empty file', () => {
    expect(expectError(() => importJson('  ', 'e.json')).code).toBe(
      'io/empty-file',
    );
  });

  it('names the object with a missing field', () => {
    const broken = structuredClone(sample);
    delete (
      broken.events[0]!.objects[0] as Partial<
        (typeof broken.events)[0]['objects'][0]
      >
    ).eta;
    const error = expectError(() =>
      importJson(JSON.stringify(broken), 'm.json'),
    );
    expect(error.message).toContain('events[0].objects[0]');
    expect(error.message).toContain('"eta" is missing');
  });

  it('rejects text where a number belongs', () => {
    const broken = structuredClone(sample) as {
      events: { objects: Record<string, unknown>[] }[];
    };
    broken.events[1]!.objects[0]!.pt = 'fast';
    const error = expectError(() =>
      importJson(JSON.stringify(broken), 't.json'),
    );
    expect(error.message).toContain('events[1].objects[0].pt');
  });

  it('rejects a negative transverse momentum', () => {
    const broken = structuredClone(sample) as {
      events: { objects: Record<string, unknown>[] }[];
    };
    broken.events[0]!.objects[0]!.pt = -3;
    const error = expectError(() =>
      importJson(JSON.stringify(broken), 'n.json'),
    );
    expect(error.message).toContain('pt is -3');
  });

  it('rejects a label index outside classNames', () => {
    const broken = structuredClone(sample) as { events: { label: unknown }[] };
    broken.events[1]!.label = 7;
    const error = expectError(() =>
      importJson(JSON.stringify(broken), 'l.json'),
    );
    expect(error.message).toContain('events[1].label');
  });
});

describe('validateEventSet', () => {
  it('names the event and object with a NaN', () => {
    const { set } = importJson(JSON.stringify(sample), 'di.json');
    set.objects.eta[2] = NaN;
    const [problem] = validateEventSet(set);
    expect(problem?.event).toBe(1);
    expect(problem?.object).toBe(0);
    expect(problem?.message).toContain(
      'event 1 (source entry 1), object 0 (muon): eta is NaN',
    );
  });

  it('reports a column of the wrong length', () => {
    const { set } = importJson(JSON.stringify(sample), 'di.json');
    set.objects.pt = set.objects.pt.slice(1);
    expect(validateEventSet(set)[0]?.message).toContain(
      'object column pt has 2 entries',
    );
  });
});

describe('eventSetToJson', () => {
  it('keeps truth columns', () => {
    const events = [
      {
        objects: [{ type: 'jet', pt: 1, eta: 0, phi: 0, e: 1 }],
        truth: { nTop: 2, nW: 1 },
      },
      { objects: [], truth: { nTop: 0, nW: 3 } },
    ];
    const first = importJson(JSON.stringify(events), 't.json').set;
    expect(Array.from(first.truth!.nTop!)).toEqual([2, 0]);
    const second = importJson(eventSetToJson(first), 't.json').set;
    expect(second.truth).toEqual(first.truth);
  });

  it('rejects truth keys that change between events', () => {
    const events = [
      { objects: [], truth: { nTop: 2 } },
      { objects: [], truth: { nW: 1 } },
    ];
    const error = expectError(() =>
      importJson(JSON.stringify(events), 'k.json'),
    );
    expect(error.message).toContain('events[1].truth');
  });

  it('round-trips unlabelled events', () => {
    const { set } = importJson(JSON.stringify(sample), 'di.json');
    set.events.label[0] = -1;
    const again = importJson(eventSetToJson(set), 'di.json').set;
    expect(Array.from(again.events.label)).toEqual([-1, 0]);
  });
});
