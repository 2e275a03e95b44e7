/**
 * Parametric detector response in the style of Delphes: acceptance,
 * identification efficiency and isolation for leptons and photons, energy
 * and momentum smearing, jet reconstruction with b-tagging, fakes,
 * overlap removal and missing transverse momentum.
 */

import { ObjectType } from '../events/eventSet';
import { HADRONIC_TAU, PDG } from './constants';
import {
  bTagEfficiency,
  caloSigma,
  type DetectorConfig,
  type IdentificationConfig,
} from './detectorConfig';
import { buildJets } from './jets';
import type { Particle } from './particle';
import type { Rng } from './random';
import type { RecoObjects } from './recoObjects';
import type { SimEvent } from './simEvent';

/** Isolation cone radius of the Delphes ATLAS card. */
const ISOLATION_CONE = 0.5;
/** Objects of a later kind within this ΔR of an earlier kind are removed. */
const OVERLAP_RADIUS = 0.2;
/** Overlap-removal priority by `ObjectType`: photons, e, μ, then jets. */
const OVERLAP_PRIORITY = [3, 1, 2, 0, 4];
const MAX_PARTONS = 64;

function isPartonLike(code: number): boolean {
  return code <= PDG.bottom || code === PDG.gluon || code === HADRONIC_TAU;
}

function deltaR2(eta1: number, phi1: number, eta2: number, phi2: number) {
  const dEta = eta1 - eta2;
  let dPhi = Math.abs(phi1 - phi2);
  if (dPhi > Math.PI) dPhi = 2 * Math.PI - dPhi;
  return dEta * dEta + dPhi * dPhi;
}

/**
 * Reconstructs events with one detector configuration.
 * NOTE: there is no τ-tagging object type, so hadronic τ decays appear as
 * narrow light jets; there is no underlying event inside jets or cones.
 */
export class Detector {
  private readonly jetInputs: Particle[] = [];
  private readonly jets: Particle[] = [];
  private readonly invisible: Particle[] = [];
  private readonly partonPt = new Float64Array(MAX_PARTONS);
  private readonly partonEta = new Float64Array(MAX_PARTONS);
  private readonly partonPhi = new Float64Array(MAX_PARTONS);
  private partonCount = 0;
  private visibleX = 0;
  private visibleY = 0;

  constructor(readonly config: DetectorConfig) {}

  /** Fills `out` with the reconstructed objects of `event`, MET last. */
  reconstruct(rng: Rng, event: SimEvent, out: RecoObjects): void {
    out.clear();
    this.visibleX = this.visibleY = 0;
    this.collectPartons(event);
    for (const p of event.finals) {
      const code = Math.abs(p.pid);
      if (code === PDG.electron || code === PDG.photon) {
        this.electronOrPhoton(rng, p, out);
      } else if (code === PDG.muon) {
        this.muon(rng, p, out);
      }
    }
    buildJets(rng, event, this.jetInputs, this.jets, this.invisible);
    for (const jet of this.jets) this.jet(rng, jet, out);
    this.pileUp(rng, out);
    removeOverlaps(out);
    this.missingEt(rng, event, out);
  }

  private collectPartons(event: SimEvent): void {
    this.jetInputs.length = 0;
    this.invisible.length = 0;
    let n = 0;
    for (const p of event.finals) {
      if (!isPartonLike(Math.abs(p.pid))) continue;
      this.jetInputs.push(p);
      if (n === MAX_PARTONS) continue;
      this.partonPt[n] = p.pt();
      this.partonEta[n] = p.eta();
      this.partonPhi[n] = p.phi();
      n++;
    }
    this.partonCount = n;
  }

  /** Returns (ΣpT of partons within ΔR 0.5) / pT, the isolation variable. */
  private isolation(pt: number, eta: number, phi: number): number {
    let sum = 0;
    const cone2 = ISOLATION_CONE * ISOLATION_CONE;
    for (let i = 0; i < this.partonCount; i++) {
      const d2 = deltaR2(
        eta,
        phi,
        this.partonEta[i] as number,
        this.partonPhi[i] as number,
      );
      if (d2 < cone2) sum += this.partonPt[i] as number;
    }
    return sum / pt;
  }

  /** Applies acceptance, efficiency and isolation; true if identified. */
  private identified(
    rng: Rng,
    id: IdentificationConfig,
    pt: number,
    eta: number,
    phi: number,
  ): boolean {
    const absEta = Math.abs(eta);
    if (pt < id.ptMin || absEta > id.maxEta) return false;
    if (this.isolation(pt, eta, phi) > id.maxIsolation) return false;
    const efficiency =
      absEta <= 1.5 ? id.centralEfficiency : id.forwardEfficiency;
    return rng.chance(efficiency);
  }

  /**
   * Smears an electron or photon with the ECAL resolution. One that is
   * lost to acceptance, efficiency or isolation still deposits its energy
   * in the calorimeter, so it joins the jet inputs.
   */
  private electronOrPhoton(rng: Rng, p: Particle, out: RecoObjects): void {
    const eta = p.eta();
    const phi = p.phi();
    const isPhoton = Math.abs(p.pid) === PDG.photon;
    const id = isPhoton ? this.config.photon : this.config.electron;
    const smear =
      1 +
      (caloSigma(this.config.ecal, p.e, Math.abs(eta)) / p.e) * rng.normal();
    const pt = p.pt() * smear;
    if (smear <= 0 || !this.identified(rng, id, pt, eta, phi)) {
      this.jetInputs.push(p);
      return;
    }
    this.visibleX += p.px * smear;
    this.visibleY += p.py * smear;
    const type = isPhoton ? ObjectType.Photon : ObjectType.Electron;
    const charge = isPhoton ? 0 : -Math.sign(p.pid);
    out.add(type, pt, eta, phi, p.e * smear, 0, charge);
  }

  /** Muons are measured in the tracker and muon system up to |η| 2.7. */
  private muon(rng: Rng, p: Particle, out: RecoObjects): void {
    const eta = p.eta();
    const absEta = Math.abs(eta);
    const table = this.config.muonResolution;
    const bin = table.find((row) => absEta <= row.maxEta);
    if (bin === undefined) return;
    const truePt = p.pt();
    const sigma = Math.hypot(bin.a, bin.b * truePt);
    const smear = Math.max(0.05, 1 + sigma * rng.normal());
    this.visibleX += p.px * smear;
    this.visibleY += p.py * smear;
    const pt = truePt * smear;
    const phi = p.phi();
    if (!this.identified(rng, this.config.muon, pt, eta, phi)) return;
    out.add(ObjectType.Muon, pt, eta, phi, p.e * smear, 0, -Math.sign(p.pid));
  }

  /**
   * Smears a particle-level jet with the calorimeter resolution, adds it
   * to the visible sum, and above threshold reconstructs it as a jet (with
   * b-tag) or, rarely, as a fake electron or photon.
   */
  private jet(rng: Rng, jet: Particle, out: RecoObjects): void {
    const c = this.config;
    const eta = jet.eta();
    const absEta = Math.abs(eta);
    if (absEta > c.jetMaxEta) return;
    const sigma = caloSigma(c.hcal, jet.e, absEta) / jet.e;
    const response = c.jetScale * (1 + sigma * rng.normal());
    if (response <= 0) return;
    this.visibleX += jet.px * response;
    this.visibleY += jet.py * response;
    const pt = jet.pt() * response;
    if (pt < c.jetPtMin) return;
    const phi = jet.phi();
    const energy = jet.e * response;

    if (absEta < 2.5) {
      const u = rng.uniform();
      if (u < c.jetToElectronRate) {
        const charge = rng.chance(0.5) ? 1 : -1;
        out.add(ObjectType.Electron, pt, eta, phi, energy, 0, charge);
        return;
      }
      if (u < c.jetToElectronRate + c.jetToPhotonRate) {
        out.add(ObjectType.Photon, pt, eta, phi, energy, 0, 0);
        return;
      }
    }
    out.add(
      ObjectType.Jet,
      pt,
      eta,
      phi,
      energy,
      this.bTag(rng, jet, pt, absEta),
      0,
    );
  }

  private bTag(rng: Rng, jet: Particle, pt: number, absEta: number): number {
    if (absEta >= 2.5) return 0;
    const code = Math.abs(jet.pid);
    const scale = this.config.bTagScale;
    const factor =
      code === PDG.bottom
        ? scale.b
        : code === PDG.charm
          ? scale.c
          : scale.light;
    return rng.chance(factor * bTagEfficiency(code, pt)) ? 1 : 0;
  }

  /** Adds jets from additional proton–proton collisions (full preset). */
  private pileUp(rng: Rng, out: RecoObjects): void {
    const c = this.config;
    if (c.pileUpJets <= 0) return;
    const count = rng.poisson(c.pileUpJets);
    for (let i = 0; i < count; i++) {
      const pt = 20 + rng.exponential(c.pileUpPtScale);
      const eta = rng.range(-c.jetMaxEta, c.jetMaxEta);
      const phi = rng.phi();
      this.visibleX += pt * Math.cos(phi);
      this.visibleY += pt * Math.sin(phi);
      if (pt < c.jetPtMin) continue;
      const btag =
        Math.abs(eta) < 2.5 &&
        rng.chance(c.bTagScale.light * bTagEfficiency(0, pt));
      out.add(
        ObjectType.Jet,
        pt,
        eta,
        phi,
        pt * Math.cosh(eta),
        btag ? 1 : 0,
        0,
      );
    }
  }

  /**
   * MET is minus the vector sum of everything measured: identified and
   * unidentified visible objects with their smearing, plus the soft
   * recoil at a reduced response with its own resolution.
   */
  private missingEt(rng: Rng, event: SimEvent, out: RecoObjects): void {
    const c = this.config;
    const x =
      this.visibleX +
      c.softResponse * event.softPx +
      c.softSigma * rng.normal();
    const y =
      this.visibleY +
      c.softResponse * event.softPy +
      c.softSigma * rng.normal();
    const pt = Math.sqrt(x * x + y * y);
    let phi = Math.atan2(-y, -x);
    if (phi === -Math.PI) phi = Math.PI;
    out.add(ObjectType.MissingEt, pt, 0, phi, pt, 0, 0);
  }
}

/**
 * Removes an object that lies within ΔR 0.2 of an object earlier in the
 * order photons, electrons, muons, jets (the Delphes ATLAS order).
 */
function removeOverlaps(out: RecoObjects): void {
  const r2 = OVERLAP_RADIUS * OVERLAP_RADIUS;
  for (let i = out.count - 1; i >= 0; i--) {
    const rank = OVERLAP_PRIORITY[out.type[i] as number] as number;
    for (let j = 0; j < out.count; j++) {
      if (j === i) continue;
      const other = OVERLAP_PRIORITY[out.type[j] as number] as number;
      if (other >= rank) continue;
      const d2 = deltaR2(
        out.eta[i] as number,
        out.phi[i] as number,
        out.eta[j] as number,
        out.phi[j] as number,
      );
      if (d2 < r2) {
        out.remove(i);
        break;
      }
    }
  }
}
