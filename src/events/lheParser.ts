/**
 * Line-level parsing of Les Houches Event files: splitting the text into
 * `<event>` blocks and turning a block's final-state particles into
 * EventSet objects. `lhe.ts` drives it chunk by chunk.
 */

import { EventLensError } from '../core/errors';
import { wrapPhi } from '../physics/kinematics';
import { ObjectType, type PhysicsObject } from './eventSet';

// Lightest neutralino and gravitino, the usual invisible BSM particles.
const INVISIBLE = new Set([12, 14, 16, 1000022, 1000039]);

/** Returns true when the bytes start with the gzip magic number. */
export function isGzip(bytes: ArrayBuffer): boolean {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** Returns the EventSet object for one final-state particle, or null. */
export function objectForParticle(
  pdgId: number,
  px: number,
  py: number,
  pz: number,
  energy: number,
): PhysicsObject | null {
  const id = Math.abs(pdgId);
  let type: ObjectType;
  let charge = 0;
  if (id === 11 || id === 13) {
    type = id === 11 ? ObjectType.Electron : ObjectType.Muon;
    // Particles (positive id) are the negatively charged leptons.
    charge = pdgId > 0 ? -1 : 1;
  } else if (id === 22) {
    type = ObjectType.Photon;
  } else if ((id >= 1 && id <= 6) || id === 21 || id === 15) {
    // NOTE: EventSet has no tau type, so a tau becomes a jet, as a
    // hadronic tau mostly does; an undecayed top also becomes one jet.
    type = ObjectType.Jet;
  } else {
    return null;
  }
  const pt = Math.hypot(px, py);
  if (pt === 0) return null;
  const eta = Math.asinh(pz / pt);
  const phi = wrapPhi(Math.atan2(py, px));
  const btag = id === 5 ? 1 : 0;
  return { type, pt, eta, phi, energy, btag, charge };
}

/** Yields the text of the file in chunks, with the fraction read. */
export async function* textChunks(
  bytes: ArrayBuffer,
  chunkBytes: number,
): AsyncGenerator<[string, number]> {
  if (isGzip(bytes)) {
    // NOTE: the fraction of a gzip file is unknown until its end.
    const stream = new Blob([bytes])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'))
      .pipeThrough(new TextDecoderStream());
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield [value, 0];
    }
  }
  const decoder = new TextDecoder();
  for (let start = 0; start < bytes.byteLength; start += chunkBytes) {
    const end = Math.min(start + chunkBytes, bytes.byteLength);
    const text = decoder.decode(new Uint8Array(bytes, start, end - start), {
      stream: end < bytes.byteLength,
    });
    yield [text, end / bytes.byteLength];
  }
}

/** State of the line-by-line parser between chunks. */
export interface ParserState {
  fileName: string;
  line: number;
  sawHeader: boolean;
  /** Lines of the `<event>` block being read, or null between blocks. */
  block: string[] | null;
  /** Line number of the `<event>` tag of the current block. */
  blockLine: number;
  events: number;
}

/** Creates an import error whose message names the file. */
export function lheError(
  code: 'io/invalid-lhe' | 'io/invalid-value' | 'io/empty-file',
  state: ParserState,
  message: string,
  details: Record<string, unknown> = {},
): EventLensError {
  return new EventLensError(
    code,
    `Couldn't import ${state.fileName}: ${message}`,
    {
      file: state.fileName,
      ...details,
    },
  );
}

/** Feeds one line to the parser; completed `<event>` blocks go to `done`. */
export function feedLine(
  state: ParserState,
  raw: string,
  done: string[][],
): void {
  state.line++;
  const line = raw.trim();
  if (state.block) {
    if (line.startsWith('</event')) {
      done.push(state.block);
      state.block = null;
    } else if (line.startsWith('<event')) {
      throw lheError(
        'io/invalid-lhe',
        state,
        `the <event> block at line ${state.blockLine} has no </event> ` +
          `before line ${state.line}. The file may be damaged; ` +
          'write it again.',
        { line: state.blockLine },
      );
    } else {
      state.block.push(line);
    }
  } else if (line.startsWith('<event')) {
    state.block = [];
    state.blockLine = state.line;
  } else if (line.startsWith('<LesHouchesEvents')) {
    state.sawHeader = true;
  } else if (!state.sawHeader && line !== '') {
    // Anything before the root element other than an XML prolog or
    // comments means this is not an LHE file at all.
    if (!line.startsWith('<?xml') && !line.startsWith('<!--')) {
      throw lheError(
        'io/invalid-lhe',
        state,
        'it is not a Les Houches Event file (no <LesHouchesEvents> ' +
          `element before line ${state.line}). Choose an .lhe file.`,
        { line: state.line },
      );
    }
  }
}

function parseNumbers(text: string): number[] {
  return text.split(/\s+/).map(Number);
}

/** Converts one `<event>` block into an event's objects and weight. */
export function parseBlock(
  block: string[],
  state: ParserState,
  ignored: Map<number, number>,
): { objects: PhysicsObject[]; weight: number } {
  const where = `event ${state.events + 1} (line ${state.blockLine})`;
  const header = parseNumbers(block[0] ?? '');
  const count = header[0] ?? NaN;
  const weight = header[2] ?? NaN;
  if (!Number.isInteger(count) || count < 0 || block.length < count + 1) {
    throw lheError(
      'io/invalid-lhe',
      state,
      `${where} does not start with a particle count that matches its ` +
        'particle lines. The file may be damaged; write it again.',
      { event: state.events, line: state.blockLine },
    );
  }

  const objects: PhysicsObject[] = [];
  let metX = 0;
  let metY = 0;
  for (let i = 1; i <= count; i++) {
    const fields = parseNumbers(block[i] ?? '');
    const [id = NaN, status = NaN] = fields;
    if (status !== 1) continue;
    const [px = NaN, py = NaN, pz = NaN, energy = NaN] = fields.slice(6, 10);
    if (![id, px, py, pz, energy, weight].every(Number.isFinite)) {
      throw lheError(
        'io/invalid-value',
        state,
        `${where} has a non-numeric, NaN or infinite value in particle ` +
          `line ${i}. Fix the file, or import it with invalid entries ` +
          'skipped.',
        { event: state.events, line: state.blockLine + i },
      );
    }

    if (INVISIBLE.has(Math.abs(id))) {
      metX += px;
      metY += py;
      continue;
    }
    const object = objectForParticle(id, px, py, pz, energy);
    if (object) objects.push(object);
    else ignored.set(id, (ignored.get(id) ?? 0) + 1);
  }

  // Every event gets one MET object, of pT 0 when nothing was invisible.
  objects.push(missingEt(metX, metY));
  return { objects, weight };
}

/** Returns the MET object for a summed invisible (px, py), GeV. */
function missingEt(px: number, py: number): PhysicsObject {
  const pt = Math.hypot(px, py);
  const phi = pt === 0 ? 0 : wrapPhi(Math.atan2(py, px));
  const type = ObjectType.MissingEt;
  return { type, pt, eta: 0, phi, energy: pt, btag: 0, charge: 0 };
}
