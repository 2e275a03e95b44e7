import { ObjectType, type EventSet } from './eventSet';

/** Fixed bins over [min, max); values outside go to under- and overflow. */
export interface BinSpec {
  min: number;
  max: number;
  bins: number;
}

/** Counts per bin for each class, with the bin layout. */
export interface ClassHistogram {
  /** Quantity and unit, for the axis label, for example "jet pT [GeV]". */
  label: string;
  spec: BinSpec;
  /** `counts[class][bin]`; the last class is "unlabelled" when present. */
  counts: number[][];
  /** Entries below `min` and at or above `max`, per class. */
  underflow: number[];
  overflow: number[];
}

/** Histograms the Data page draws for each set. */
export interface SetHistograms {
  classNames: string[];
  objectPt: ClassHistogram;
  objectEta: ClassHistogram;
  met: ClassHistogram;
  jetMultiplicity: ClassHistogram;
}

function emptyHistogram(
  label: string,
  spec: BinSpec,
  classes: number,
): ClassHistogram {
  return {
    label,
    spec,
    counts: Array.from({ length: classes }, () =>
      new Array<number>(spec.bins).fill(0),
    ),
    underflow: new Array<number>(classes).fill(0),
    overflow: new Array<number>(classes).fill(0),
  };
}

function fill(
  histogram: ClassHistogram,
  classIndex: number,
  value: number,
): void {
  const { min, max, bins } = histogram.spec;
  if (value < min) histogram.underflow[classIndex]!++;
  else if (value >= max) histogram.overflow[classIndex]!++;
  else
    histogram.counts[classIndex]![
      Math.floor(((value - min) / (max - min)) * bins)
    ]!++;
}

/**
 * Histograms the pT and η of every visible object (MET excluded), the MET
 * and the jet multiplicity of each event, separately for each class.
 * Unlabelled events form an extra class at the end.
 */
export function histogramSet(set: EventSet): SetHistograms {
  const hasUnlabelled = set.events.label.some(
    (l) => l < 0 || l >= set.classNames.length,
  );
  const classNames = hasUnlabelled
    ? [...set.classNames, 'unlabelled']
    : [...set.classNames];
  const n = classNames.length;
  const result: SetHistograms = {
    classNames,
    objectPt: emptyHistogram(
      'object pT [GeV]',
      { min: 0, max: 300, bins: 30 },
      n,
    ),
    objectEta: emptyHistogram('object η', { min: -5, max: 5, bins: 40 }, n),
    met: emptyHistogram('missing ET [GeV]', { min: 0, max: 200, bins: 25 }, n),
    jetMultiplicity: emptyHistogram(
      'jets per event',
      { min: 0, max: 12, bins: 12 },
      n,
    ),
  };
  const { offsets, objects, events } = set;
  for (let i = 0; i + 1 < offsets.length; i++) {
    const label = events.label[i]!;
    const c = label >= 0 && label < set.classNames.length ? label : n - 1;
    let jets = 0;
    let met = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const type = objects.type[k];
      if (type === ObjectType.MissingEt) {
        met = objects.pt[k]!;
        continue;
      }
      if (type === ObjectType.Jet) jets++;
      fill(result.objectPt, c, objects.pt[k]!);
      fill(result.objectEta, c, objects.eta[k]!);
    }
    fill(result.met, c, met);
    fill(result.jetMultiplicity, c, jets);
  }
  return result;
}
