/**
 * Checks of a ROOT file's bytes before jsroot opens it. jsroot 7.11 fails
 * on a truncated file with an unrelated TypeError and reports an unknown
 * compression only on the console. These checks walk the file's record
 * list, as ROOT's `TFile::Map` does, and name the problem first.
 */

import { R__unzip } from 'jsroot/io';
import { EventLensError } from '../../core/errors';

/** Compression algorithms jsroot 7.11 decompresses, by block magic. */
export const KNOWN_COMPRESSIONS: Readonly<Record<string, string>> = {
  ZL: 'ZLIB',
  CS: 'old ZLIB',
  XZ: 'LZMA',
  ZS: 'ZSTD',
  L4: 'LZ4',
};

/** One record (key) of a ROOT file, as found by `scanRecords`. */
export interface RootRecord {
  /** Byte offset of the key header. */
  offset: number;
  /** Class of the stored object, for example "TBasket" or "TTree". */
  className: string;
  /** Object name; for a basket, the name of its branch. */
  name: string;
  /** Compression algorithm name, or null when the record is stored raw. */
  compression: string | null;
  /** Bytes of the whole record, key header included. */
  nbytes: number;
  /** Bytes of the key header. */
  keyLength: number;
  /** Bytes of the object once decompressed. */
  objectLength: number;
}

/** Version and extent of a ROOT file, as its header states them. */
export interface RootHeader {
  version: number;
  begin: number;
  end: number;
}

function readString(view: DataView, at: number): [string, number] {
  let length = view.getUint8(at);
  let start = at + 1;
  if (length === 255) {
    length = view.getUint32(start);
    start += 4;
  }
  let text = '';
  const stop = Math.min(start + length, view.byteLength);
  for (let i = start; i < stop; i++) {
    text += String.fromCharCode(view.getUint8(i));
  }
  return [text, start + length];
}

function rootError(
  code: 'io/invalid-root' | 'io/read-failed' | 'io/empty-file',
  fileName: string,
  message: string,
  details: Record<string, unknown> = {},
): EventLensError {
  return new EventLensError(code, `Couldn't read ${fileName}: ${message}`, {
    file: fileName,
    ...details,
  });
}

/**
 * Reads and checks the file header: the "root" magic and an end offset
 * that fits the bytes received. Throws `io/invalid-root` otherwise.
 */
export function readRootHeader(
  bytes: ArrayBuffer,
  fileName: string,
): RootHeader {
  if (bytes.byteLength === 0) {
    throw rootError(
      'io/empty-file',
      fileName,
      'the file is empty. ' +
        'Choose the file again; the upload may have failed.',
    );
  }
  const view = new DataView(bytes);
  const magic = String.fromCharCode(
    ...new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength)),
  );
  if (magic !== 'root' || bytes.byteLength < 20) {
    throw rootError(
      'io/invalid-root',
      fileName,
      'it is not a ROOT file (it does not start with "root"). ' +
        'Choose a .root file written by ROOT, uproot or Delphes.',
      { magic },
    );
  }
  const version = view.getInt32(4);
  const begin = view.getInt32(8);
  // Files over 2 GB (version > 1000000) store 64-bit offsets.
  const end =
    version > 1000000 ? Number(view.getBigInt64(12)) : view.getInt32(12);
  if (end > bytes.byteLength) {
    throw rootError(
      'io/invalid-root',
      fileName,
      `the file ends at byte ${bytes.byteLength} but its header says ` +
        `${end}; the upload may be truncated. Download it again.`,
      { size: bytes.byteLength, expectedSize: end },
    );
  }
  return { version, begin, end };
}

function compressionOf(view: DataView, dataStart: number): string {
  const code = String.fromCharCode(
    view.getUint8(dataStart),
    view.getUint8(dataStart + 1),
  );
  return KNOWN_COMPRESSIONS[code] ?? `unknown (${JSON.stringify(code)})`;
}

/**
 * Walks the records from the header's begin offset to its end and
 * returns them. Throws `io/invalid-root` where a record header is
 * damaged and `io/read-failed` for a compression jsroot cannot read.
 */
export function scanRecords(
  bytes: ArrayBuffer,
  fileName: string,
): RootRecord[] {
  const header = readRootHeader(bytes, fileName);
  const view = new DataView(bytes);
  const records: RootRecord[] = [];
  let offset = header.begin;
  while (offset + 4 <= header.end) {
    const nbytes = view.getInt32(offset);
    // A negative size marks a free gap left by a deleted object.
    if (nbytes < 0) {
      offset -= nbytes;
      continue;
    }
    if (nbytes < 26 || offset + nbytes > header.end) {
      throw rootError(
        'io/invalid-root',
        fileName,
        `the record at byte ${offset} is damaged (it claims ${nbytes} ` +
          'bytes). The file may be corrupted; download it again.',
        { offset, nbytes },
      );
    }
    records.push(readRecord(view, offset, nbytes, fileName));
    offset += nbytes;
  }
  return records;
}

function readRecord(
  view: DataView,
  offset: number,
  nbytes: number,
  fileName: string,
): RootRecord {
  const keyVersion = view.getInt16(offset + 4);
  const objectLength = view.getInt32(offset + 6);
  const keyLength = view.getInt16(offset + 14);
  const pointers = keyVersion > 1000 ? 16 : 8;
  const [className, afterClass] = readString(view, offset + 18 + pointers);
  const [name] = readString(view, afterClass);
  const compressed = objectLength > nbytes - keyLength;
  const compression = compressed
    ? compressionOf(view, offset + keyLength)
    : null;
  if (compression?.startsWith('unknown')) {
    const what =
      className === 'TBasket' ? `a basket of branch "${name}"` : `"${name}"`;
    throw rootError(
      'io/read-failed',
      fileName,
      `${what} uses a compression EventLens cannot read, ${compression}. ` +
        'Only ZLIB, LZ4, LZMA and ZSTD are supported; write the file ' +
        'again with one of them, or the file may be corrupted.',
      { offset, branch: name, compression },
    );
  }
  return {
    offset,
    className,
    name,
    compression,
    nbytes,
    keyLength,
    objectLength,
  };
}

/** Returns the Adler-32 checksum of `data`, as zlib streams end with. */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the longest run whose sums cannot overflow 2^32.
  for (let start = 0; start < data.length; start += 5552) {
    const end = Math.min(start + 5552, data.length);
    for (let i = start; i < end; i++) {
      a += data[i] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Checks the Adler-32 trailer of every ZLIB block of a record against
 * the decompressed bytes. jsroot's inflate ignores the trailer, so
 * damaged deflate data can decompress to the right length of garbage.
 */
function zlibChecksumsMatch(compressed: DataView, unpacked: DataView): boolean {
  let source = 0;
  let target = 0;
  while (source + 9 <= compressed.byteLength) {
    const byte = (at: number) => compressed.getUint8(source + at);
    const blockSize = byte(3) | (byte(4) << 8) | (byte(5) << 16);
    const rawSize = byte(6) | (byte(7) << 8) | (byte(8) << 16);
    const end = source + 9 + blockSize;
    if (end > compressed.byteLength) return false;
    if (byte(0) === 0x5a && byte(1) === 0x4c) {
      const stored = compressed.getUint32(end - 4);
      const start = unpacked.byteOffset + target;
      const output = new Uint8Array(unpacked.buffer, start, rawSize);
      if (adler32(output) !== stored) return false;
    }
    source = end;
    target += rawSize;
  }
  return true;
}

async function basketIntact(
  data: DataView,
  objectLength: number,
): Promise<boolean> {
  try {
    const unpacked = await R__unzip(data, objectLength, true);
    return unpacked !== null && zlibChecksumsMatch(data, unpacked);
  } catch {
    // Garbage can make jsroot's decoders throw instead of returning null.
    return false;
  }
}

/**
 * Decompresses every basket of the given branches once and throws
 * `io/read-failed` naming the first damaged one. jsroot 7.11 raises a
 * damaged basket as an exception inside its reading chain, which never
 * reaches the caller, so the damage must be found before reading.
 * NOTE: only ZLIB blocks carry a checksum checked here; damaged LZ4,
 * LZMA or ZSTD data is caught only when it fails to decompress.
 */
export async function checkBaskets(
  bytes: ArrayBuffer,
  records: readonly RootRecord[],
  branches: readonly string[],
  fileName: string,
): Promise<void> {
  const wanted = new Set(branches);
  for (const record of records) {
    if (record.className !== 'TBasket' || !wanted.has(record.name)) continue;
    if (record.compression === null) continue;
    const start = record.offset + record.keyLength;
    const data = new DataView(bytes, start, record.nbytes - record.keyLength);
    if (await basketIntact(data, record.objectLength)) continue;
    throw rootError(
      'io/read-failed',
      fileName,
      `a ${record.compression} basket of branch "${record.name}" at byte ` +
        `${record.offset} is damaged and cannot be decompressed. ` +
        'Download the file again.',
      { offset: record.offset, branch: record.name },
    );
  }
}
