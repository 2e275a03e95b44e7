import { describe, expect, it } from 'vitest';
import { importCsv } from './csv';
import { histogramSet } from './histograms';

const text = [
  'event,type,pt,eta,phi,e,label',
  '0,jet,15,0.1,0,20,a',
  '0,jet,350,-4.9,1,400,a',
  '0,met,45,0,0,45,a',
  '1,mu,20,6,0,30,b',
  '2,jet,5,0,0,5,b',
].join('\n');

describe('histogramSet', () => {
  it('bins pT per class with overflow', () => {
    const h = histogramSet(importCsv(text, 'h.csv').set);
    expect(h.classNames).toEqual(['a', 'b']);
    expect(h.objectPt.counts[0]![1]).toBe(1);
    expect(h.objectPt.overflow).toEqual([1, 0]);
    expect(h.objectPt.counts[1]![0]).toBe(1);
    expect(h.objectPt.counts[1]![2]).toBe(1);
  });

  it('leaves missing ET out of the object histograms', () => {
    const h = histogramSet(importCsv(text, 'h.csv').set);
    const total = h.objectPt.counts.flat().reduce((a, b) => a + b, 0);
    expect(total + h.objectPt.overflow[0]! + h.objectPt.overflow[1]!).toBe(4);
    expect(h.met.counts[0]![5]).toBe(1);
    expect(h.met.counts[1]![0]).toBe(2);
  });

  it('counts an η beyond the range as overflow', () => {
    const h = histogramSet(importCsv(text, 'h.csv').set);
    expect(h.objectEta.overflow[1]).toBe(1);
    expect(h.objectEta.counts[0]![0]).toBe(1);
  });

  it('counts jets per event', () => {
    const h = histogramSet(importCsv(text, 'h.csv').set);
    expect(h.jetMultiplicity.counts[0]![2]).toBe(1);
    expect(h.jetMultiplicity.counts[1]![0]).toBe(1);
    expect(h.jetMultiplicity.counts[1]![1]).toBe(1);
  });

  it('adds an unlabelled class when needed', () => {
    const { set } = importCsv(text, 'h.csv');
    set.events.label[0] = -1;
    expect(histogramSet(set).classNames).toEqual(['a', 'b', 'unlabelled']);
  });
});
