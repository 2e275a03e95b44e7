/**
 * The generator's working record of one event: the stable particles that
 * reach the detector and the truth counters filled while decaying.
 */

import { ParticlePool, type Particle } from './particle';

/** Stable particles and truth of one generated event, reused per event. */
export class SimEvent {
  readonly pool = new ParticlePool();
  /**
   * Stable particles after all decays: quarks, gluons, charged leptons,
   * neutrinos, photons and hadronic-τ systems.
   */
  readonly finals: Particle[] = [];
  /**
   * Transverse momentum of unresolved soft radiation, GeV. The hard
   * system recoils against it, and the detector measures it only as the MET soft term.
   */
  softPx = 0;
  softPy = 0;
  nHiggs = 0;
  nTop = 0;
  nW = 0;
  nZ = 0;
  /** Code of the first Higgs decay: 0 none, 1 + index in HIGGS_DECAY_MODES. */
  higgsDecay = 0;
  leadingHiggsPt = 0;
  leadingTopPt = 0;
  /**
   * Index in HIGGS_DECAY_MODES that every Higgs decays to, or −1 for the
   * inclusive branching ratios. Set once per generator, not per event.
   */
  forcedHiggsMode = -1;

  /** Clears the record for the next event. */
  reset(): void {
    this.pool.reset();
    this.finals.length = 0;
    this.softPx = this.softPy = 0;
    this.nHiggs = this.nTop = this.nW = this.nZ = 0;
    this.higgsDecay = 0;
    this.leadingHiggsPt = this.leadingTopPt = 0;
  }

  /** Returns a new particle from the pool with the given code and mass. */
  make(pid: number, mass: number): Particle {
    const p = this.pool.take(pid);
    p.m = mass;
    return p;
  }
}
