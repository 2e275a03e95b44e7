import type {
  EventRecord,
  EventSet,
  PhysicsObject,
  TruthColumns,
} from './eventSet';

/** Growable typed array that doubles its capacity when full. */
class Column<T extends Float32Array | Int32Array | Uint8Array | Int8Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (capacity: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** Returns a right-sized copy of the filled part. */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Builds an `EventSet` one event at a time, so that importers and the
 * generator never assemble the columnar layout by hand.
 */
export class EventSetBuilder {
  private readonly offsets: number[] = [0];
  private readonly type = new Column((n) => new Uint8Array(n));
  private readonly pt = new Column((n) => new Float32Array(n));
  private readonly eta = new Column((n) => new Float32Array(n));
  private readonly phi = new Column((n) => new Float32Array(n));
  private readonly energy = new Column((n) => new Float32Array(n));
  private readonly btag = new Column((n) => new Float32Array(n));
  private readonly charge = new Column((n) => new Int8Array(n));
  private readonly label = new Column((n) => new Int32Array(n));
  private readonly weight = new Column((n) => new Float32Array(n));
  private readonly sourceEntry = new Column((n) => new Int32Array(n));
  private readonly truth = new Map<string, Column<Float32Array>>();

  constructor(readonly classNames: string[] = []) {}

  /** Number of events added so far. */
  get size(): number {
    return this.offsets.length - 1;
  }

  /** Appends one object to the event under construction. */
  addObject(object: PhysicsObject): void {
    this.type.push(object.type);
    this.pt.push(object.pt);
    this.eta.push(object.eta);
    this.phi.push(object.phi);
    this.energy.push(object.energy);
    this.btag.push(object.btag);
    this.charge.push(object.charge);
  }

  /**
   * Closes the event under construction; its objects are those added since
   * the previous call. `truth` values must name the same keys every time.
   */
  endEvent(
    label: number,
    weight = 1,
    sourceEntry = this.size,
    truth?: Record<string, number>,
  ): void {
    this.offsets.push(this.type.length);
    this.label.push(label);
    this.weight.push(weight);
    this.sourceEntry.push(sourceEntry);
    if (truth) this.pushTruth(truth);
  }

  /** Appends a whole event. */
  addEvent(event: EventRecord, truth?: Record<string, number>): void {
    for (const object of event.objects) this.addObject(object);
    this.endEvent(event.label, event.weight, event.sourceEntry, truth);
  }

  /**
   * Returns the finished set; the builder should not be used afterwards.
   * `classNames` replaces the names given to the constructor.
   */
  build(
    name: string,
    source: string,
    notes: string[] = [],
    classNames = this.classNames,
  ): EventSet {
    const set: EventSet = {
      name,
      source,
      offsets: Uint32Array.from(this.offsets),
      objects: {
        type: this.type.finish(),
        pt: this.pt.finish(),
        eta: this.eta.finish(),
        phi: this.phi.finish(),
        energy: this.energy.finish(),
        btag: this.btag.finish(),
        charge: this.charge.finish(),
      },
      events: {
        label: this.label.finish(),
        weight: this.weight.finish(),
        sourceEntry: this.sourceEntry.finish(),
      },
      classNames: [...classNames],
      notes,
    };
    if (this.truth.size > 0) {
      const truth: TruthColumns = {};
      for (const [key, column] of this.truth) truth[key] = column.finish();
      set.truth = truth;
    }
    return set;
  }

  private pushTruth(truth: Record<string, number>): void {
    const eventIndex = this.size - 1;
    if (eventIndex > 0 && Object.keys(truth).length !== this.truth.size) {
      throw new Error(
        `Event ${eventIndex} has ${Object.keys(truth).length} truth keys, ` +
          `the first event had ${this.truth.size}; every event must carry the same keys.`,
      );
    }
    for (const [key, value] of Object.entries(truth)) {
      let column = this.truth.get(key);
      if (!column) {
        if (eventIndex !== 0) {
          throw new Error(
            `Truth key "${key}" first appears at event ${eventIndex}; ` +
              'every event must carry the same truth keys.',
          );
        }
        column = new Column((n) => new Float32Array(n));
        this.truth.set(key, column);
      }
      column.push(value);
    }
  }
}
