/**
 * Reconstructed mass peaks used to validate the simulation: H → γγ,
 * Z → ℓℓ, and the hadronic W and top in lepton + jets tt̄ events.
 */

import { eventCount, ObjectType, type EventSet } from '../events/eventSet';
import { invariantMassOf, objectsOfType } from './analysis';

/** m(γγ) of the two leading photons in events with at least two, GeV. */
export function diphotonMasses(set: EventSet): number[] {
  const masses: number[] = [];
  for (let i = 0; i < eventCount(set); i++) {
    const photons = objectsOfType(set, i, ObjectType.Photon);
    if (photons.length >= 2) {
      masses.push(invariantMassOf(set, photons.slice(0, 2)));
    }
  }
  return masses;
}

/** m(ℓℓ) of opposite-charge same-flavour lepton pairs (leading two), GeV. */
export function dileptonMasses(set: EventSet): number[] {
  const masses: number[] = [];
  for (let i = 0; i < eventCount(set); i++) {
    for (const type of [ObjectType.Electron, ObjectType.Muon]) {
      const leptons = objectsOfType(set, i, type);
      if (leptons.length !== 2) continue;
      const [a, b] = leptons as [number, number];
      if ((set.objects.charge[a] ?? 0) * (set.objects.charge[b] ?? 0) >= 0) {
        continue;
      }
      masses.push(invariantMassOf(set, leptons));
    }
  }
  return masses;
}

/** Hadronic W and top candidate masses from lepton + jets tt̄, GeV. */
export interface HadronicTopMasses {
  w: number[];
  top: number[];
}

/**
 * Selects events with one lepton, exactly two b-tagged and two untagged
 * jets: the untagged pair is the W candidate, and the b-jet closer in ΔR
 * to that pair completes the top. No mass is used in the choice, so the
 * peaks are not pulled toward the expected values.
 */
export function hadronicTopMasses(set: EventSet): HadronicTopMasses {
  const result: HadronicTopMasses = { w: [], top: [] };
  const o = set.objects;
  for (let i = 0; i < eventCount(set); i++) {
    const leptons =
      objectsOfType(set, i, ObjectType.Electron).length +
      objectsOfType(set, i, ObjectType.Muon).length;
    if (leptons !== 1) continue;
    const jets = objectsOfType(set, i, ObjectType.Jet);
    const tagged = jets.filter((k) => (o.btag[k] ?? 0) > 0.5);
    const light = jets.filter((k) => (o.btag[k] ?? 0) <= 0.5);
    if (tagged.length !== 2 || light.length !== 2) continue;
    result.w.push(invariantMassOf(set, light));
    const wEta = 0.5 * ((o.eta[light[0]!] ?? 0) + (o.eta[light[1]!] ?? 0));
    const wPhi = Math.atan2(
      Math.sin(o.phi[light[0]!] ?? 0) + Math.sin(o.phi[light[1]!] ?? 0),
      Math.cos(o.phi[light[0]!] ?? 0) + Math.cos(o.phi[light[1]!] ?? 0),
    );
    const distance = (k: number) => {
      const dEta = (o.eta[k] ?? 0) - wEta;
      let dPhi = Math.abs((o.phi[k] ?? 0) - wPhi);
      if (dPhi > Math.PI) dPhi = 2 * Math.PI - dPhi;
      return dEta * dEta + dPhi * dPhi;
    };
    const b =
      distance(tagged[0]!) < distance(tagged[1]!) ? tagged[0]! : tagged[1]!;
    result.top.push(invariantMassOf(set, [b, ...light]));
  }
  return result;
}
