import { ObjectType } from './eventSet';
import { parseObjectType, type RawObject } from './objectFields';

/**
 * The two CSV layouts and how a header maps onto them.
 *
 * objects: one row per object, `event,type,pt,eta,phi,e` (or `mass`),
 *   optional `btag`, `charge`, `label`, `weight`. Rows of one event are
 *   consecutive.
 * events: one row per event, `jet1_pt,jet1_eta,jet1_phi,jet1_e,…`,
 *   `met,met_phi`, optional `label`, `weight`; an empty pT cell means the
 *   event has no such object.
 */
export type CsvLayout = ObjectRowLayout | EventRowLayout;

/** Column positions of the one-row-per-object layout. */
export interface ObjectRowLayout {
  kind: 'objects';
  event: number;
  type: number;
  pt: number;
  eta: number;
  phi: number;
  energy?: number;
  mass?: number;
  btag?: number;
  charge?: number;
  label?: number;
  weight?: number;
}

/** Column positions of one object slot in the one-row-per-event layout. */
export interface ObjectSlot {
  type: ObjectType;
  /** Name used in messages, for example "jet2". */
  name: string;
  pt: number;
  eta?: number;
  phi?: number;
  energy?: number;
  mass?: number;
  btag?: number;
  charge?: number;
}

/** Column positions of the one-row-per-event layout. */
export interface EventRowLayout {
  kind: 'events';
  slots: ObjectSlot[];
  label?: number;
  weight?: number;
}

const FIELD_ALIASES: Record<string, keyof RawObject | 'event'> = {
  event: 'event',
  event_id: 'event',
  eventnumber: 'event',
  type: 'type',
  object: 'type',
  pt: 'pt',
  eta: 'eta',
  phi: 'phi',
  e: 'energy',
  energy: 'energy',
  m: 'mass',
  mass: 'mass',
  btag: 'btag',
  b_tag: 'btag',
  charge: 'charge',
  q: 'charge',
};

const SLOT_PATTERN =
  /^(jet|electron|ele|muon|mu|photon|pho|gamma)_?(\d+)_(pt|eta|phi|e|energy|m|mass|btag|charge)$/;

/** Describes both layouts for error messages. */
export const LAYOUT_HELP =
  'Use one row per object with columns event,type,pt,eta,phi,e ' +
  '(optional btag,charge,label,weight), or one row per event with columns ' +
  'like jet1_pt,jet1_eta,jet1_phi,jet1_e,met,met_phi (optional label,weight).';

/**
 * Maps a header to a layout. Returns a list of problems instead when the
 * header fits neither layout.
 */
export function detectCsvLayout(header: string[]): CsvLayout | string {
  const names = header.map((h) => h.toLowerCase());
  const find = (...keys: string[]) => {
    const index = names.findIndex((n) => keys.includes(n));
    return index >= 0 ? index : undefined;
  };
  if (find('type', 'object') !== undefined) return objectLayout(names, find);
  const slots = eventSlots(names);
  if (slots.length > 0) {
    const incomplete = slots.filter(
      (slot) =>
        slot.type !== ObjectType.MissingEt &&
        (slot.eta === undefined ||
          slot.phi === undefined ||
          (slot.energy === undefined && slot.mass === undefined)),
    );
    if (incomplete.length > 0) {
      const names = incomplete.map((slot) => slot.name).join(', ');
      return `The columns for ${names} need _pt, _eta, _phi and _e (or _m). ${LAYOUT_HELP}`;
    }
    return {
      kind: 'events',
      slots,
      label: find('label', 'class'),
      weight: find('weight'),
    };
  }
  return `The header has neither a "type" column nor object columns like jet1_pt. ${LAYOUT_HELP}`;
}

function objectLayout(
  names: string[],
  find: (...keys: string[]) => number | undefined,
): ObjectRowLayout | string {
  const column = (field: string) =>
    find(
      ...Object.keys(FIELD_ALIASES).filter((k) => FIELD_ALIASES[k] === field),
    );
  const required = ['event', 'type', 'pt', 'eta', 'phi'] as const;
  const missing = required.filter((field) => column(field) === undefined);
  const energy = column('energy');
  const mass = column('mass');
  if (energy === undefined && mass === undefined) missing.push('e' as never);
  if (missing.length > 0) {
    return `The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ${LAYOUT_HELP}`;
  }
  return {
    kind: 'objects',
    event: column('event')!,
    type: column('type')!,
    pt: column('pt')!,
    eta: column('eta')!,
    phi: column('phi')!,
    energy,
    mass,
    btag: column('btag'),
    charge: column('charge'),
    label: find('label', 'class'),
    weight: find('weight'),
  };
}

function eventSlots(names: string[]): ObjectSlot[] {
  const slots = new Map<string, ObjectSlot>();
  names.forEach((name, index) => {
    const match = SLOT_PATTERN.exec(name);
    if (!match) return;
    const type = parseObjectType(match[1]!)!;
    const key = `${match[1]}${match[2]}`;
    const slot = slots.get(key) ?? { type, name: key, pt: -1 };
    const field = FIELD_ALIASES[match[3]!] as keyof ObjectSlot;
    (slot as unknown as Record<string, number>)[field] = index;
    slots.set(key, slot);
  });
  const metPt = names.findIndex((n) => ['met', 'met_pt', 'met_et'].includes(n));
  if (metPt >= 0) {
    const metPhi = names.indexOf('met_phi');
    slots.set('met', {
      type: ObjectType.MissingEt,
      name: 'met',
      pt: metPt,
      phi: metPhi >= 0 ? metPhi : undefined,
    });
  }
  return [...slots.values()].filter((slot) => slot.pt >= 0);
}

/**
 * Returns the columns of a CSV header that could name each event's class:
 * every column that the detected layout does not read as an event number,
 * object field or weight. All columns when no layout is detected.
 */
export function labelColumnCandidates(header: string[]): string[] {
  const layout = detectCsvLayout(header);
  if (typeof layout === 'string') return header;
  const used = new Set<number | undefined>([layout.weight]);
  if (layout.kind === 'objects') {
    const { event, type, pt, eta, phi, energy, mass, btag, charge } = layout;
    for (const index of [event, type, pt, eta, phi, energy, mass, btag]) {
      used.add(index);
    }
    used.add(charge);
  } else {
    for (const slot of layout.slots) {
      const { pt, eta, phi, energy, mass, btag, charge } = slot;
      for (const index of [pt, eta, phi, energy, mass, btag, charge]) {
        used.add(index);
      }
    }
  }
  return header.filter((_, index) => !used.has(index));
}
