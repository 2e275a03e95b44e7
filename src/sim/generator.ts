/**
 * One generated event from hard process to reconstructed objects, and the
 * truth record that goes with it.
 */

import type { EventSetBuilder } from '../events/builder';
import { HIGGS_DECAY_MODES, PDG, type HiggsDecayMode } from './constants';
import { Detector } from './detector';
import { detectorConfig, type DetectorPreset } from './detectorConfig';
import { RECIPES } from './processes';
import { Rng } from './random';
import { RecoObjects } from './recoObjects';
import { SimEvent } from './simEvent';

/**
 * Truth columns of every generated event. `higgsDecay` codes: 0 no Higgs,
 * then 1 bb, 2 WW, 3 gg, 4 ττ, 5 cc, 6 ZZ, 7 γγ, 8 Zγ, 9 μμ (first Higgs).
 * Boson counts include W and Z from top and Higgs decays, off shell or not.
 * `nPhoton` counts prompt photons (hard process and Higgs decays);
 * `nLepton` counts electrons and muons from W, Z, H and τ decays.
 * Transverse momenta are in GeV, 0 when the particle is absent.
 */
export const TRUTH_KEYS = [
  'nHiggs',
  'nTop',
  'nW',
  'nZ',
  'nPhoton',
  'higgsDecay',
  'leadingHiggsPt',
  'leadingTopPt',
  'nLepton',
] as const;

/** Name of one truth column. */
export type TruthKey = (typeof TRUTH_KEYS)[number];

/** Generates events of any process through one detector from one stream. */
export class EventGenerator {
  readonly event = new SimEvent();
  readonly reco = new RecoObjects();
  private readonly detector: Detector;
  private readonly truth: Record<TruthKey, number> = {
    nHiggs: 0,
    nTop: 0,
    nW: 0,
    nZ: 0,
    nPhoton: 0,
    higgsDecay: 0,
    leadingHiggsPt: 0,
    leadingTopPt: 0,
    nLepton: 0,
  };

  /**
   * Creates a generator drawing from `rng`. With `higgsDecay` every Higgs
   * decays to that mode (for samples such as H → γγ); the truth then
   * records that mode, not an inclusive one.
   */
  constructor(
    readonly rng: Rng,
    preset: DetectorPreset,
    higgsDecay?: HiggsDecayMode,
  ) {
    this.detector = new Detector(detectorConfig(preset));
    if (higgsDecay !== undefined) {
      const mode = HIGGS_DECAY_MODES.indexOf(higgsDecay);
      if (mode < 0) {
        throw new RangeError(
          `Unknown Higgs decay "${String(higgsDecay)}"; expected one of ` +
            `${HIGGS_DECAY_MODES.join(', ')}.`,
        );
      }
      this.event.forcedHiggsMode = mode;
    }
  }

  /** Generates the stable particles of one event of process `index`. */
  generateTruth(index: number): SimEvent {
    const recipe = RECIPES[index];
    if (recipe === undefined) {
      throw new RangeError(`Process index ${index} is out of range 0…11.`);
    }
    this.event.reset();
    recipe(this.rng, this.event);
    return this.event;
  }

  /** Generates, reconstructs and appends one event to `builder`. */
  generateInto(
    index: number,
    builder: EventSetBuilder,
    label: number,
    entry: number,
  ): void {
    const event = this.generateTruth(index);
    this.detector.reconstruct(this.rng, event, this.reco);
    this.reco.writeTo(builder);
    builder.endEvent(label, 1, entry, this.fillTruth(event));
  }

  private fillTruth(event: SimEvent): Record<TruthKey, number> {
    let photons = 0;
    let leptons = 0;
    for (const p of event.finals) {
      const code = Math.abs(p.pid);
      if (code === PDG.photon) photons++;
      else if (code === PDG.electron || code === PDG.muon) leptons++;
    }
    const t = this.truth;
    t.nHiggs = event.nHiggs;
    t.nTop = event.nTop;
    t.nW = event.nW;
    t.nZ = event.nZ;
    t.nPhoton = photons;
    t.higgsDecay = event.higgsDecay;
    t.leadingHiggsPt = event.leadingHiggsPt;
    t.leadingTopPt = event.leadingTopPt;
    t.nLepton = leptons;
    return t;
  }
}
