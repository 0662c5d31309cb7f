// Sprig's encodings and checksums: base64/base32 (errors come back as the result text, as
// Sprig does), sha1/sha256/sha512 hex digests and adler32 in decimal.
import { createHash } from 'node:crypto';
import { fromUtf8, goFunc as f, utf8 } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Strict padded decoding as encoding/base64 and base32 StdEncoding do; throws Go's error text. */
function decodeStrict(s: string, alphabet: string, bitsPerChar: number, quantum: number): Buffer {
  const clean = s.replace(/[\r\n]/g, '');
  const offsetOf = (i: number): number => {
    // Go reports offsets in the input including skipped newlines.
    let seen = -1;
    for (let j = 0; j < s.length; j++) {
      if (s[j] === '\r' || s[j] === '\n') continue;
      seen++;
      if (seen === i) return j;
    }
    return s.length;
  };
  const bits: number[] = [];
  let padStart = -1;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '=') {
      if (padStart < 0) padStart = i;
      continue;
    }
    if (padStart >= 0) throw new Error(`illegal base${bitsPerChar === 6 ? 64 : 32} data at input byte ${offsetOf(padStart)}`);
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`illegal base${bitsPerChar === 6 ? 64 : 32} data at input byte ${offsetOf(i)}`);
    bits.push(v);
  }
  const name = bitsPerChar === 6 ? 64 : 32;
  if (clean.length % quantum !== 0) {
    const at = clean.length - (clean.length % quantum);
    throw new Error(`illegal base${name} data at input byte ${offsetOf(Math.max(at, padStart >= 0 ? padStart : at))}`);
  }
  let acc = 0n;
  let n = 0;
  const out: number[] = [];
  for (const v of bits) {
    acc = (acc << BigInt(bitsPerChar)) | BigInt(v);
    n += bitsPerChar;
    if (n >= 8) {
      n -= 8;
      out.push(Number((acc >> BigInt(n)) & 0xffn));
    }
  }
  return Buffer.from(out);
}

function base32Encode(buf: Buffer): string {
  let out = '';
  let acc = 0;
  let n = 0;
  for (const b of buf) {
    acc = (acc << 8) | b;
    n += 8;
    while (n >= 5) {
      n -= 5;
      out += B32[(acc >> n) & 31];
    }
    acc &= (1 << n) - 1;
  }
  if (n > 0) out += B32[(acc << (5 - n)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of buf) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const errorText = (fn: () => string): string => {
  try {
    return fn();
  } catch (e) {
    return (e as Error).message;
  }
};

export function encodingFuncs(): FuncMap {
  const S = 'string' as const;
  const hash = (alg: string) => f([S], (s: string) => createHash(alg).update(utf8(s)).digest('hex'));
  return {
    b64enc: f([S], (s: string) => Buffer.from(utf8(s)).toString('base64')),
    b64dec: f([S], (s: string) => errorText(() => fromUtf8(decodeStrict(s, B64, 6, 4)))),
    b32enc: f([S], (s: string) => base32Encode(Buffer.from(utf8(s)))),
    b32dec: f([S], (s: string) => errorText(() => fromUtf8(decodeStrict(s, B32, 5, 8)))),
    sha1sum: hash('sha1'),
    sha256sum: hash('sha256'),
    sha512sum: hash('sha512'),
    adler32sum: f([S], (s: string) => String(adler32(Buffer.from(utf8(s))))),
  };
}
