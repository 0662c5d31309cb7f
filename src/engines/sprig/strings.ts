// Sprig's string functions (strings.go plus the goutils/xstrings helpers it wraps).
import { randomInt } from 'node:crypto';
import { fromUtf8, goFunc as f, quote as goQuote, sprintf, typedSlice, utf8 } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { strval } from './convert.ts';
import { toKebabCase, toPascalCase, toSnakeCase } from './case-convert.ts';
import { StringMap } from './string-map.ts';
import { goLower, goUpper, isTitleRune, isUpperRune, lowerRune, runeOf, titleRune, upperRune } from './unicode-case.ts';

const bytesOf = (s: string): Uint8Array => utf8(s);
const str = (b: Uint8Array): string => fromUtf8(b);

/**
 * goutils works on Go strings byte by byte: run such an algorithm on a "binary string" (one
 * char per UTF-8 byte) and decode its result as UTF-8 again.
 */
const onBytes = (s: string, fn: (binary: string) => string): string =>
  fromUtf8(Buffer.from(fn(Buffer.from(utf8(s)).toString('latin1')), 'latin1'));

/** Bytes written back as runes (goutils' WriteRune(rune(str[i]))): UTF-8 input comes out as Latin-1 mojibake. */
const bytesAsRunes = (s: string): string => Buffer.from(utf8(s)).toString('latin1');

/** Go's s[lo:hi] on bytes, with Go's panic texts for bad bounds. */
export function byteSlice(s: string, lo: number, hi?: number): string {
  const b = bytesOf(s);
  const end = hi ?? b.length;
  if (hi !== undefined && hi > b.length) throw new Error(`runtime error: slice bounds out of range [:${hi}] with length ${b.length}`);
  if (lo > end) {
    throw new Error(hi === undefined
      ? `runtime error: slice bounds out of range [${lo}:${end}]`
      : `runtime error: slice bounds out of range [${lo}:${hi}]`);
  }
  if (lo < 0) throw new Error(`runtime error: slice bounds out of range [${lo}:]`);
  return str(b.subarray(lo, end));
}

const isSpace = (ch: string): boolean => /^[\s\u0085]$/u.test(ch) && ch !== '\u200b' && ch !== '\ufeff';

/** strings.TrimSpace: Unicode white space at both ends. */
export function trimSpace(s: string): string {
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && isSpace(chars[a]!)) a++;
  while (b > a && isSpace(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  if (left) while (a < b && set.has(chars[a]!)) a++;
  if (right) while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** strings.Title: upper-cases the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? titleRune(ch) : runeOf(ch);
    prev = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) {
    if (/[0-9a-zA-Z_]/.test(ch)) return false;
    return true;
  }
  if (/\p{L}|\p{Nd}/u.test(ch)) return false;
  return isSpace(ch);
}

function abbreviateFull(s: string, offset: number, maxWidth: number): string {
  if (s === '') return '';
  if (s.length <= maxWidth) return s;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
  if (offset <= 4) return `${s.slice(0, maxWidth - 3)}...`;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < s.length) return `...${abbreviateFull(s.slice(offset), 0, maxWidth - 3)}`;
  return `...${s.slice(s.length - (maxWidth - 3))}`;
}

/** goutils.WrapCustom. */
export function wrapCustom(s: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (s === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const len = s.length;
  let offset = 0;
  let out = '';
  while (len - offset > wrapLength) {
    if (s[offset] === ' ') { offset++; continue; }
    const end = wrapLength + offset + 1;
    const spaceToWrapAt = s.slice(offset, end).lastIndexOf(' ') + offset;
    if (spaceToWrapAt >= offset) {
      out += s.slice(offset, spaceToWrapAt) + newLine;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      out += s.slice(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      const index = s.slice(e).indexOf(' ');
      if (index === -1) {
        out += s.slice(offset);
        offset = len;
      } else {
        out += s.slice(offset, index + e) + newLine;
        offset = index + e + 1;
      }
    }
  }
  return out + s.slice(offset);
}

/** goutils.Uncapitalize: lower-cases the first letter of every whitespace-separated word. */
function uncapitalize(s: string): string {
  let out = '';
  let gap = true;
  for (const ch of s) {
    out += gap ? lowerRune(ch) : ch;
    gap = isSpace(ch);
  }
  return out;
}

function initials(s: string): string {
  let out = '';
  let gap = true;
  for (const ch of s) {
    if (isSpace(ch)) gap = true;
    else if (gap) { out += ch; gap = false; }
  }
  return out;
}

function swapCase(s: string): string {
  let out = '';
  for (const ch of s) {
    if (isUpperRune(ch) || isTitleRune(ch)) out += lowerRune(ch);
    else if (/^\p{Ll}$/u.test(ch)) out += upperRune(ch);
    else out += runeOf(ch);
  }
  return out;
}

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

function randomFrom(chars: string, count: bigint): string {
  let out = '';
  for (let i = 0n; i < count; i++) out += chars[randomInt(chars.length)];
  return out;
}

function shuffle(s: string): string {
  const chars = [...s];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function repeat(count: bigint, s: string): string {
  if (count < 0n) throw new Error('strings: negative Repeat count');
  return s.repeat(Number(count));
}

function splitToMap(parts: string[]): StringMap {
  const m = new StringMap();
  parts.forEach((p, i) => m.set(`_${i}`, p));
  return m;
}

/** strings.SplitN. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

export function stringFuncs(): FuncMap {
  const S = 'string' as const;
  const I = 'int' as const;
  const ANY = 'interface {}' as const;
  return {
    hello: f([], () => 'Hello!'),
    abbrev: f([I, S], (w: bigint, s: string) => (w < 4n ? s : onBytes(s, (b) => abbreviateFull(b, 0, Number(w))))),
    abbrevboth: f([I, I, S], (l: bigint, r: bigint, s: string) => (r < 4n || (l > 0n && r < 7n) ? s : onBytes(s, (b) => abbreviateFull(b, Number(l), Number(r))))),
    trunc: f([I, S], (c: bigint, s: string) => {
      const n = Number(c);
      const len = bytesOf(s).length;
      if (n < 0 && len + n > 0) return byteSlice(s, len + n);
      if (n >= 0 && len > n) return byteSlice(s, 0, n);
      return s;
    }),
    trim: f([S], trimSpace),
    upper: f([S], goUpper),
    lower: f([S], goLower),
    title: f([S], title),
    untitle: f([S], uncapitalize),
    substr: f([I, I, S], (start: bigint, end: bigint, s: string) => {
      const len = bytesOf(s).length;
      if (start < 0n) return byteSlice(s, 0, Number(end));
      if (end < 0n || end > BigInt(len)) return byteSlice(s, Number(start));
      return byteSlice(s, Number(start), Number(end));
    }),
    repeat: f([I, S], repeat),
    trimall: f([S, S], (a: string, b: string) => trimCutset(b, a, true, true)),
    trimAll: f([S, S], (a: string, b: string) => trimCutset(b, a, true, true)),
    trimSuffix: f([S, S], (a: string, b: string) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
    trimPrefix: f([S, S], (a: string, b: string) => (b.startsWith(a) ? b.slice(a.length) : b)),
    nospace: f([S], (s: string) => {
      const kept = [...bytesAsRunes(s)].filter((ch) => !isSpace(ch));
      return kept.length === Buffer.byteLength(s) ? s : kept.join('');
    }),
    initials: f([S], (s: string) => initials(bytesAsRunes(s))),
    randAlphaNum: f([I], (n: bigint) => randomFrom(ALPHA + DIGITS, n)),
    randAlpha: f([I], (n: bigint) => randomFrom(ALPHA, n)),
    randAscii: f([I], (n: bigint) => randomFrom(Array.from({ length: 94 }, (_, i) => String.fromCharCode(32 + i + 1)).join(''), n)),
    randNumeric: f([I], (n: bigint) => randomFrom(DIGITS, n)),
    swapcase: f([S], swapCase),
    shuffle: f([S], shuffle),
    snakecase: f([S], toSnakeCase),
    camelcase: f([S], toPascalCase),
    kebabcase: f([S], toKebabCase),
    wrap: f([I, S], (l: bigint, s: string) => onBytes(s, (b) => wrapCustom(b, Number(l), '', false))),
    wrapWith: f([I, S, S], (l: bigint, sep: string, s: string) => onBytes(s, (b) => wrapCustom(b, Number(l), bytesAsRunes(sep), true))),
    contains: f([S, S], (sub: string, s: string) => s.includes(sub)),
    hasPrefix: f([S, S], (sub: string, s: string) => s.startsWith(sub)),
    hasSuffix: f([S, S], (sub: string, s: string) => s.endsWith(sub)),
    quote: f([], (...args: unknown[]) => args.filter((a) => a !== null).map((a) => goQuote(strval(a))).join(' '), ANY),
    squote: f([], (...args: unknown[]) => args.filter((a) => a !== null).map((a) => sprintf('\'%v\'', a)).join(' '), ANY),
    cat: f([], (...args: unknown[]) => {
      const v = args.filter((a) => a !== null);
      return sprintf('%v '.repeat(v.length).trim(), ...v);
    }, ANY),
    indent: f([I, S], (n: bigint, s: string) => indent(Number(n), s)),
    nindent: f([I, S], (n: bigint, s: string) => `\n${indent(Number(n), s)}`),
    replace: f([S, S, S], (o: string, n: string, s: string) => replaceAll(s, o, n)),
    plural: f([S, S, I], (one: string, many: string, n: bigint) => (n === 1n ? one : many)),
    toString: f([ANY], strval),
    split: f([S, S], (sep: string, s: string) => splitToMap(splitN(s, sep, -1))),
    splitList: f([S, S], (sep: string, s: string) => typedSlice(splitN(s, sep, -1), '[]string')),
    splitn: f([S, I, S], (sep: string, n: bigint, s: string) => splitToMap(splitN(s, sep, Number(n)))),
  };
}

function indent(n: number, s: string): string {
  if (n < 0) throw new Error('strings: negative Repeat count');
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** strings.Replace(s, old, new, -1): an empty old inserts new around every rune. */
function replaceAll(s: string, old: string, neu: string): string {
  if (old === '') return neu + [...s].map((ch) => ch + neu).join('');
  return s.split(old).join(neu);
}
