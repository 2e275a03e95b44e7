/**
 * Reconstructed objects of one event in reusable typed arrays, written to
 * an `EventSetBuilder` sorted by type (jets, electrons, muons, photons,
 * MET) and by falling pT within each type.
 */

import type { EventSetBuilder } from '../events/builder';
import { ObjectType, type PhysicsObject } from '../events/eventSet';

const CAPACITY = 128;

/** The objects a detector reconstructs in one event. */
export class RecoObjects {
  count = 0;
  readonly type = new Uint8Array(CAPACITY);
  readonly pt = new Float64Array(CAPACITY);
  readonly eta = new Float64Array(CAPACITY);
  readonly phi = new Float64Array(CAPACITY);
  readonly energy = new Float64Array(CAPACITY);
  readonly btag = new Uint8Array(CAPACITY);
  readonly charge = new Int8Array(CAPACITY);
  private readonly order: number[] = [];
  private readonly scratch: PhysicsObject = {
    type: ObjectType.Jet,
    pt: 0,
    eta: 0,
    phi: 0,
    energy: 0,
    btag: 0,
    charge: 0,
  };

  /** Empties the list for the next event. */
  clear(): void {
    this.count = 0;
  }

  /** Appends an object; beyond the capacity of 128 objects it is dropped. */
  add(
    type: ObjectType,
    pt: number,
    eta: number,
    phi: number,
    energy: number,
    btag: number,
    charge: number,
  ): void {
    const i = this.count;
    if (i >= CAPACITY) return;
    this.type[i] = type;
    this.pt[i] = pt;
    this.eta[i] = eta;
    this.phi[i] = phi;
    this.energy[i] = energy;
    this.btag[i] = btag;
    this.charge[i] = charge;
    this.count++;
  }

  /** Removes object i by moving the last one into its place. */
  remove(i: number): void {
    const last = --this.count;
    this.type[i] = this.type[last] as number;
    this.pt[i] = this.pt[last] as number;
    this.eta[i] = this.eta[last] as number;
    this.phi[i] = this.phi[last] as number;
    this.energy[i] = this.energy[last] as number;
    this.btag[i] = this.btag[last] as number;
    this.charge[i] = this.charge[last] as number;
  }

  /** Counts objects of one type. */
  countType(type: ObjectType): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.type[i] === type) n++;
    return n;
  }

  /** Adds the objects, sorted, to the event open in `builder`. */
  writeTo(builder: EventSetBuilder): void {
    const order = this.order;
    order.length = this.count;
    for (let i = 0; i < this.count; i++) order[i] = i;
    order.sort(
      (a, b) =>
        (this.type[a] as number) - (this.type[b] as number) ||
        (this.pt[b] as number) - (this.pt[a] as number),
    );
    const o = this.scratch;
    for (const i of order) {
      o.type = this.type[i] as ObjectType;
      o.pt = this.pt[i] as number;
      o.eta = this.eta[i] as number;
      o.phi = this.phi[i] as number;
      o.energy = this.energy[i] as number;
      o.btag = this.btag[i] as number;
      o.charge = this.charge[i] as number;
      builder.addObject(o);
    }
  }
}
