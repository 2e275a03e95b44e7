import { describe, expect, it } from 'vitest';
import { labelColumnCandidates } from './csvLayouts';

describe('labelColumnCandidates', () => {
  it('leaves out the columns of an object-row layout', () => {
    const header = ['event', 'type', 'pt', 'eta', 'phi', 'e', 'process'];
    expect(labelColumnCandidates(header)).toEqual(['process']);
  });

  it('keeps a label column and drops the weight', () => {
    const header = [
      'event',
      'type',
      'pt',
      'eta',
      'phi',
      'm',
      'label',
      'weight',
    ];
    expect(labelColumnCandidates(header)).toEqual(['label']);
  });

  it('leaves out the object slots of an event-row layout', () => {
    const header = [
      'jet1_pt',
      'jet1_eta',
      'jet1_phi',
      'jet1_e',
      'met',
      'met_phi',
      'channel',
    ];
    expect(labelColumnCandidates(header)).toEqual(['channel']);
  });

  it('offers every column when no layout is detected', () => {
    expect(labelColumnCandidates(['a', 'b'])).toEqual(['a', 'b']);
  });
});
