// Test helper: reads the committed sample files of public/samples/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SAMPLES = new URL('../../../public/samples/', import.meta.url);

/** Returns the bytes of one sample file as a fresh ArrayBuffer. */
export function readSample(name: string): ArrayBuffer {
  const bytes = readFileSync(fileURLToPath(new URL(name, SAMPLES)));
  return bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
}
