// strconv.Quote and friends: Go's double-quoted string syntax differs from JSON (\a, \v, \x00,
// \u escapes only for non-printable runes), and %q and Sprig's quote depend on it.

const isPrint = (ch: string): boolean => /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
const isGraphic = (ch: string): boolean => isPrint(ch) || /^\p{Zs}$/u.test(ch);

const ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

function quoteWith(s: string, q: string, asciiOnly: boolean, graphicOnly = false): string {
  let out = q;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') { out += `\\${ch}`; continue; }
    // A lone surrogate U+DC80..U+DCFF stands for an invalid byte (values.ts), which Go escapes as \xNN.
    if (cp >= 0xdc80 && cp <= 0xdcff) { out += `\\x${(cp - 0xdc00).toString(16)}`; continue; }
    if (cp >= 0xd800 && cp < 0xe000) { out += '\\ufffd'; continue; }
    if (asciiOnly ? cp < 0x80 && isPrint(ch) : (graphicOnly ? isGraphic(ch) : isPrint(ch))) { out += ch; continue; }
    const esc = ESCAPES[ch];
    if (esc) { out += esc; continue; }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + q;
}

export const quote = (s: string): string => quoteWith(s, '"', false);
export const quoteToASCII = (s: string): string => quoteWith(s, '"', true);
export const quoteRune = (r: string, ascii = false): string => quoteWith(r, '\'', ascii);

export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '`' || ch === '\ufeff') return false;
    if (cp < 0x20 && ch !== '\t') return false;
    if (cp === 0x7f) return false;
  }
  return true;
}
