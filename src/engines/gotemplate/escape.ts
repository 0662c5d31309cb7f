// The escapers behind the html, js and urlquery built-ins (template.HTMLEscapeString,
// template.JSEscapeString, url.QueryEscape).
import { utf8 } from './values.ts';

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({
    '\0': '\ufffd', '"': '&#34;', '\'': '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;',
  })[c]!);
}

const JS_ESC: Record<string, string> = {
  '\\': '\\\\', '\'': '\\\'', '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D',
};

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const esc = JS_ESC[ch];
    if (esc) out += esc;
    else if (cp < 0x20) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (cp < 0x80 || /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** url.QueryEscape: spaces become '+', everything but [A-Za-z0-9-_.~] is %XX-escaped. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
