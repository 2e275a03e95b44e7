import { describe, expect, it } from 'vitest';
import { importCsv } from './csv';
import { countEventsByClass, countObjectsByType, setBuffers } from './summary';

const text = [
  'event,type,pt,eta,phi,e,label',
  '0,jet,50,0,0,60,a',
  '0,jet,40,0,1,50,a',
  '0,mu,30,0,2,30,a',
  '1,met,20,0,0,20,b',
  '2,e,25,0,0,25,a',
].join('\n');

describe('set summaries', () => {
  it('counts objects by type', () => {
    const { set } = importCsv(text, 's.csv');
    expect(countObjectsByType(set)).toEqual({
      jet: 2,
      electron: 1,
      muon: 1,
      photon: 0,
      met: 1,
    });
  });

  it('counts events by class and unlabelled events', () => {
    const { set } = importCsv(text, 's.csv');
    set.events.label[2] = -1;
    expect(countEventsByClass(set)).toEqual([
      { name: 'a', events: 1 },
      { name: 'b', events: 1 },
      { name: 'unlabelled', events: 1 },
    ]);
  });

  it('lists one distinct buffer per column', () => {
    const { set } = importCsv(text, 's.csv');
    const buffers = setBuffers(set);
    expect(buffers).toHaveLength(11);
    expect(new Set(buffers).size).toBe(11);
  });
});
