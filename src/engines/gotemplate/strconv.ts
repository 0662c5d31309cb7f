// The parts of Go's strconv the template parser needs: Unquote for string and character
// literals, and integer/float parsing with base prefixes and underscores.
import { fromUtf8 } from './values.ts';

export class SyntaxError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '\'': '\'', '"': '"',
};

/** strconv.Unquote for "..." `...` and '...' literals; throws "invalid syntax". */
export function unquote(s: string): string {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) throw new SyntaxError('invalid syntax');
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError('invalid syntax');
    return body.replaceAll('\r', '');
  }
  if (q !== '"' && q !== '\'') throw new SyntaxError('invalid syntax');
  // Escapes are decoded into UTF-8 bytes: \x and octal escapes are single bytes.
  const bytes: number[] = [];
  const pushString = (str: string): void => { for (const b of Buffer.from(str, 'utf8')) bytes.push(b); };
  let runes = 0;
  for (let i = 0; i < body.length;) {
    const c = body[i]!;
    if (c === q && q === '"') throw new SyntaxError('invalid syntax');
    if (c === '\n') throw new SyntaxError('invalid syntax');
    runes++;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushString(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) throw new SyntaxError('invalid syntax');
    if (e in SIMPLE_ESCAPES) {
      if ((e === '\'' && q === '"') || (e === '"' && q === '\'')) throw new SyntaxError('invalid syntax');
      pushString(SIMPLE_ESCAPES[e]!);
      i += 2;
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) throw new SyntaxError('invalid syntax');
      const v = parseInt(hex, 16);
      if (e === 'x') {
        if (q === '\'') pushString(String.fromCodePoint(v));
        else bytes.push(v);
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw new SyntaxError('invalid syntax');
        pushString(String.fromCodePoint(v));
      }
      i += 2 + hexLen;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) throw new SyntaxError('invalid syntax');
      const v = parseInt(oct, 8);
      if (v > 255) throw new SyntaxError('invalid syntax');
      bytes.push(v);
      i += 4;
      continue;
    }
    throw new SyntaxError('invalid syntax');
  }
  if (q === '\'' && runes !== 1) throw new SyntaxError('invalid syntax');
  return fromUtf8(Uint8Array.from(bytes));
}

/** Digits of an integer literal with Go's base-0 rules, or undefined when invalid. */
function integerDigits(text: string): { neg: boolean; value: bigint } | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') { neg = s[0] === '-'; s = s.slice(1); }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(s)) { base = 16; s = s.slice(2); prefixed = true; }
  else if (/^0[bB]/.test(s)) { base = 2; s = s.slice(2); prefixed = true; }
  else if (/^0[oO]/.test(s)) { base = 8; s = s.slice(2); prefixed = true; }
  else if (/^0./.test(s)) { base = 8; s = s.slice(1); prefixed = true; }
  if (s.includes('_')) {
    // Underscores only between digits (or after a prefix), and only with base 0 syntax.
    if (!/^_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(s) || (!prefixed && s.startsWith('_'))) return undefined;
    s = s.replaceAll('_', '');
  }
  if (s === '') return prefixed && base === 8 ? { neg, value: 0n } : undefined;
  const digits = '0123456789abcdef'.slice(0, base);
  let v = 0n;
  for (const ch of s.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  return { neg, value: v };
}

export function parseInt64(text: string): bigint | undefined {
  const d = integerDigits(text);
  if (!d) return undefined;
  const v = d.neg ? -d.value : d.value;
  return v >= -(1n << 63n) && v < (1n << 63n) ? v : undefined;
}

export function parseUint64(text: string): bigint | undefined {
  if (text[0] === '+' || text[0] === '-') return undefined;
  const d = integerDigits(text);
  if (!d) return undefined;
  return d.value < (1n << 64n) ? d.value : undefined;
}

/** strconv.ParseFloat(text, 64) for the literal forms the lexer produces. */
export function parseFloat64(text: string): number | undefined {
  // Underscores are only allowed between digits (Go's underscoreOK).
  if (text.includes('_') && !/^[+-]?(0[xXbBoO]_?)?[0-9a-fA-F]+(_[0-9a-fA-F]+)*(\.[0-9a-fA-F]*(_[0-9a-fA-F]+)*)?([eEpP][+-]?\d+(_\d+)*)?$/.test(text)) {
    return undefined;
  }
  let s = text.replaceAll('_', '');
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') { sign = s[0] === '-' ? -1 : 1; s = s.slice(1); }
  if (/^0[xX]/.test(s)) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (!m) return undefined;
    const mant = parseInt((m[1] ?? '') + (m[2] ?? ''), 16);
    return sign * mant * Math.pow(2, Number(m[3]) - 4 * (m[2] ?? '').length);
  }
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) return undefined;
  return sign * v;
}
