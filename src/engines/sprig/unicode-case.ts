// Go's per-rune case mapping (unicode.ToUpper/ToLower/ToTitle): simple one-to-one mappings only,
// so 'ß' stays 'ß' and 'Σ' never becomes a final 'ς' — unlike JavaScript's full, contextual
// String.prototype.toUpperCase/toLowerCase.

const TITLE_DIGRAPHS: Record<string, string> = {
  'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ',
};

/** An invalid byte kept as a lone surrogate (see gotemplate/values.ts): Go's rune loops see U+FFFD. */
const invalidByte = (ch: string): boolean => ch.length === 1 && ch.charCodeAt(0) >= 0xdc80 && ch.charCodeAt(0) <= 0xdcff;

const single = (s: string): boolean => s.length > 0 && String.fromCodePoint(s.codePointAt(0)!) === s;

export function upperRune(ch: string): string {
  if (invalidByte(ch)) return '\ufffd';
  const u = ch.toUpperCase();
  return single(u) ? u : ch;
}

export function lowerRune(ch: string): string {
  if (invalidByte(ch)) return '\ufffd';
  if (ch === 'İ') return 'i';
  const l = ch.toLowerCase();
  return single(l) ? l : ch;
}

export function titleRune(ch: string): string {
  if (invalidByte(ch)) return '\ufffd';
  return Object.hasOwn(TITLE_DIGRAPHS, ch) ? TITLE_DIGRAPHS[ch]! : upperRune(ch);
}

export const goUpper = (s: string): string => Array.from(s, upperRune).join('');
export const goLower = (s: string): string => Array.from(s, lowerRune).join('');
export const runeOf = (ch: string): string => (invalidByte(ch) ? '\ufffd' : ch);
export const isUpperRune = (ch: string): boolean => /^\p{Lu}$/u.test(ch);
export const isTitleRune = (ch: string): boolean => /^\p{Lt}$/u.test(ch);
