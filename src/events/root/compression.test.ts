import { ZstdInit } from '@oneidentity/zstd-js';
import { R__unzip } from 'jsroot/io';
import { describe, expect, it } from 'vitest';
import { adler32 } from './preflight';

// The bytes every block below decompresses to.
const RAW = Uint8Array.from({ length: 600 }, (_, i) => (i * 7) % 251);

// RAW compressed by Python's lzma module (xz container, CRC32 check), the
// container ROOT writes for LZMA.
const RAW_AS_XZ =
  '/Td6WFoAAAFpIt42AgAhARYAAAB0L+Wj4AJXAPRdAAACD1cCaMZ4ztgPkObrtt0fcGKwIScU' +
  '+bGVilhgIXosrOd3mN9FhrGI3/j3BS3VNfF6+oCtu+XRsrrDiqrkETF74WvOTv+hOCu5myrG' +
  'cHClYyyf8BAOvo0D1gy+ZLuvyEUEU5cxubWs7ewWO3kwvCLGVM/pXjBJBZ3LXb8LJHJJm3qB' +
  'iJNNn2lDPw/l1TX6ljGzYtYtSHrjKCC5FqxGh9B+peZAXEvI6uTm6S4ToxUqbEccNlhX9gOX' +
  'yARlPO2Hu6Ne5cspAGMfpXGB97PjricsKY3izcwrQut7x/86GtCok+XXwvTnLtBMyYqRBGJo' +
  'TQ0ZAAAA+QhfuQABjALYBAAAtGoOND4wDYsCAAAAAAFZWg==';

/** Wraps a payload in ROOT's 9-byte compression block header. */
function rootBlock(magic: string, method: number, payload: Uint8Array) {
  const block = new Uint8Array(9 + payload.length);
  block.set([magic.charCodeAt(0), magic.charCodeAt(1), method]);
  const sizes = [payload.length, RAW.length];
  sizes.forEach((size, k) => {
    block.set([size & 255, (size >> 8) & 255, (size >> 16) & 255], 3 + 3 * k);
  });
  block.set(payload, 9);
  return new DataView(block.buffer);
}

/** Returns an LZ4 block that stores `data` as one run of literals. */
function lz4Literals(data: Uint8Array): Uint8Array {
  const extra: number[] = [];
  for (let rest = data.length - 15; rest >= 0; rest -= 255) {
    extra.push(Math.min(rest, 255));
    if (rest < 255) break;
  }
  return Uint8Array.from([0xf0, ...extra, ...data]);
}

async function unzipped(block: DataView): Promise<Uint8Array | null> {
  const result = await R__unzip(block, RAW.length, true);
  return result ? new Uint8Array(result.buffer) : null;
}

describe('jsroot decompression in Node', () => {
  it('reads ZSTD blocks through @oneidentity/zstd-js', async () => {
    const { ZstdStream } = await ZstdInit();
    const block = rootBlock('ZS', 1, ZstdStream.compress(RAW, 3));
    expect(await unzipped(block)).toEqual(RAW);
  });

  it('reads LZMA blocks', async () => {
    const xz = Uint8Array.from(atob(RAW_AS_XZ), (c) => c.charCodeAt(0));
    expect(await unzipped(rootBlock('XZ', 0, xz))).toEqual(RAW);
  });

  it('reads LZ4 blocks after their 8-byte checksum', async () => {
    const payload = new Uint8Array([...new Uint8Array(8), ...lz4Literals(RAW)]);
    expect(await unzipped(rootBlock('L4', 4, payload))).toEqual(RAW);
  });

  it('returns null for an unknown algorithm', async () => {
    const block = rootBlock('QQ', 1, RAW);
    expect(await unzipped(block)).toBeNull();
  });
});

describe('adler32', () => {
  it('matches the zlib reference values', () => {
    expect(adler32(new Uint8Array())).toBe(1);
    const text = new TextEncoder().encode('Wikipedia');
    expect(adler32(text)).toBe(0x11e60398);
    const big = new Uint8Array(100_000).fill(255);
    // Reference value from Python: zlib.adler32(bytes([255] * 100000)).
    expect(adler32(big)).toBe(0x149a302c);
  });
});
