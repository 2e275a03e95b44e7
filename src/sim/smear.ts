/**
 * Passing truth-level objects (for example from an LHE file) through the
 * generator's parametric detector, so that parton-level events look like
 * reconstructed ones: jets with resolution and b-tag rates, identified
 * leptons and photons, and MET measured from the visible sum.
 */

import { EventSetBuilder } from '../events/builder';
import { eventCount, ObjectType, type EventSet } from '../events/eventSet';
import { PDG } from './constants';
import { Detector } from './detector';
import { detectorConfig, type DetectorPreset } from './detectorConfig';
import { Rng } from './random';
import { RecoObjects } from './recoObjects';
import { SimEvent } from './simEvent';

/** Options of `smearEventSet`. */
export interface SmearOptions {
  detector: DetectorPreset;
  /** Non-negative integer below 2⁵³; the same seed gives the same set. */
  seed: number;
}

/**
 * PDG code a truth object stands for. Jets keep only "b or not" in an
 * EventSet. NOTE: other jets are taken as light quarks, so gluon jets
 * split less often than the generator's own gluons would.
 */
function pdgOf(type: ObjectType, charge: number, btag: number): number {
  if (type === ObjectType.Jet) return btag > 0 ? PDG.bottom : PDG.down;
  if (type === ObjectType.Photon) return PDG.photon;
  const code = type === ObjectType.Electron ? PDG.electron : PDG.muon;
  // A negative lepton has a positive PDG code.
  return charge > 0 ? -code : code;
}

/** Fills `event` with the visible truth objects of event `i` of `set`. */
function fillEvent(set: EventSet, i: number, event: SimEvent): void {
  event.reset();
  const { objects, offsets } = set;
  for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
    const type = objects.type[k]! as ObjectType;
    // The truth MET is the invisible sum; the detector measures MET anew
    // from what it sees, so it is not an input.
    if (type === ObjectType.MissingEt) continue;
    const pt = objects.pt[k]!;
    const eta = objects.eta[k]!;
    const phi = objects.phi[k]!;
    const energy = objects.energy[k]!;
    const p = event.make(pdgOf(type, objects.charge[k]!, objects.btag[k]!), 0);
    p.px = pt * Math.cos(phi);
    p.py = pt * Math.sin(phi);
    p.pz = pt * Math.sinh(eta);
    const p2 = p.px * p.px + p.py * p.py + p.pz * p.pz;
    p.e = Math.max(energy, Math.sqrt(p2));
    p.m = Math.sqrt(Math.max(0, p.e * p.e - p2));
    event.finals.push(p);
  }
}

/**
 * Reconstructs every event of a truth-level set with a detector preset
 * and returns the new set: labels, weights, source entries and truth
 * columns are kept, objects are replaced.
 */
export function smearEventSet(set: EventSet, options: SmearOptions): EventSet {
  const detector = new Detector(detectorConfig(options.detector));
  const rng = new Rng(options.seed, 0xde7);
  const event = new SimEvent();
  const reco = new RecoObjects();
  const builder = new EventSetBuilder(set.classNames);
  const truthKeys = Object.keys(set.truth ?? {});
  for (let i = 0; i < eventCount(set); i++) {
    fillEvent(set, i, event);
    detector.reconstruct(rng, event, reco);
    reco.writeTo(builder);
    const truth =
      truthKeys.length > 0
        ? Object.fromEntries(truthKeys.map((k) => [k, set.truth![k]![i]!]))
        : undefined;
    builder.endEvent(
      set.events.label[i]!,
      set.events.weight[i]!,
      set.events.sourceEntry[i]!,
      truth,
    );
  }
  return builder.build(set.name, set.source, [
    ...set.notes,
    `Passed through the EventLens ${options.detector} detector model ` +
      `(seed ${options.seed}).`,
  ]);
}
