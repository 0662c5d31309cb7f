// Sprig's regular-expression functions with Go's regexp semantics (RE2 via re2js), including
// Go's rules for empty matches in FindAll/ReplaceAll/Split and $name expansion in replacements.
import { RE2JS } from 're2js';
import { goFunc as f, typedSlice } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';

/** regexp.Compile; the error text is Go's ("error parsing regexp: ..."). */
function compile(expr: string): RE2JS {
  return RE2JS.compile(expr);
}

/** regexp.MustCompile's panic text. */
function mustCompile(expr: string): RE2JS {
  try {
    return compile(expr);
  } catch (e) {
    throw new Error(`regexp: Compile(${goBackquote(expr)}): ${(e as Error).message}`, { cause: e });
  }
}

function goBackquote(s: string): string {
  return /[`\x00-\x08\x0a-\x1f\x7f]/.test(s) ? JSON.stringify(s) : `\`${s}\``;
}

const runeWidth = (s: string, pos: number): number => {
  if (pos >= s.length) return 0;
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c < 0xdc00 && pos + 1 < s.length ? 2 : 1;
};

/** Match positions (with groups) as Go's allMatches delivers them, at most n (n < 0: all). */
function allMatches(re: RE2JS, s: string, n: number): number[][] {
  const out: number[][] = [];
  if (n < 0) n = s.length + 1;
  const m = re.matcher(s);
  const groups = re.groupCount();
  let prevMatchEnd = -1;
  for (let pos = 0; out.length < n && pos <= s.length;) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    let accept = true;
    if (end === start) {
      if (start === prevMatchEnd) accept = false;
      pos = end + (runeWidth(s, end) || 1);
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) {
      const idx = [start, end];
      for (let g = 1; g <= groups; g++) idx.push(m.start(g), m.end(g));
      out.push(idx);
    }
  }
  return out;
}

/** Regexp.Expand's template syntax: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, s: string, match: number[], names: Record<string, number>): string {
  let out = '';
  for (let i = 0; i < template.length;) {
    const d = template.indexOf('$', i);
    if (d < 0) { out += template.slice(i); break; }
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') { out += '$'; i++; continue; }
    let name: string | undefined;
    if (template[i] === '{') {
      const close = template.indexOf('}', i);
      const inner = close < 0 ? '' : template.slice(i + 1, close);
      if (close >= 0 && /^[\p{L}\p{Nd}_]+$/u.test(inner)) { name = inner; i = close + 1; }
    } else {
      const m = /^[\p{L}\p{Nd}_]+/u.exec(template.slice(i));
      if (m) { name = m[0]; i += m[0].length; }
    }
    if (name === undefined) { out += '$'; continue; }
    let g = -1;
    if (/^\d+$/.test(name)) g = Number(name);
    else if (names[name] !== undefined) g = names[name]!;
    if (g >= 0 && 2 * g + 1 < match.length && match[2 * g]! >= 0) out += s.slice(match[2 * g], match[2 * g + 1]);
  }
  return out;
}

function replaceAll(re: RE2JS, s: string, repl: (m: number[]) => string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  const m = re.matcher(s);
  const groups = re.groupCount();
  while (searchPos <= s.length) {
    if (!m.find(searchPos)) break;
    const a = [m.start(), m.end()];
    for (let g = 1; g <= groups; g++) a.push(m.start(g), m.end(g));
    out += s.slice(lastMatchEnd, a[0]);
    if (a[1]! > lastMatchEnd || a[0] === 0) out += repl(a);
    lastMatchEnd = a[1]!;
    const width = runeWidth(s, searchPos);
    if (searchPos + width > a[1]!) searchPos += width;
    else if (searchPos + 1 > a[1]!) searchPos++;
    else searchPos = a[1]!;
  }
  return out + s.slice(lastMatchEnd);
}

function split(re: RE2JS, expr: string, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (expr.length > 0 && s.length === 0) return [''];
  const matches = allMatches(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const match of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = match[0]!;
    if (match[1] !== 0) out.push(s.slice(beg, end));
    beg = match[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta: escapes `\.+*?()|[]{}^$`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

const strings = (v: string[] | null): string[] => typedSlice(v ?? [], '[]string');

export function regexFuncs(): FuncMap {
  const S = 'string' as const;
  const I = 'int' as const;
  const variants = (name: string, params: ('string' | 'int')[], body: (re: RE2JS, expr: string, ...a: never[]) => unknown): FuncMap => ({
    [name]: f(params, (expr: string, ...a: never[]) => body(mustCompile(expr), expr, ...a)),
    [`must${name[0]!.toUpperCase()}${name.slice(1)}`]: f(params, (expr: string, ...a: never[]) => body(compile(expr), expr, ...a)),
  });
  const findAll = (re: RE2JS, _e: string, s: string, n: bigint): string[] => {
    const ms = allMatches(re, s, Number(n));
    return strings(ms.length ? ms.map((m) => s.slice(m[0], m[1])) : null);
  };
  return {
    regexMatch: f([S, S], (expr: string, s: string) => {
      try {
        return compile(expr).matcher(s).find(0);
      } catch {
        return false;
      }
    }),
    mustRegexMatch: f([S, S], (expr: string, s: string) => compile(expr).matcher(s).find(0)),
    ...variants('regexFindAll', [S, S, I], findAll as never),
    ...variants('regexFind', [S, S], ((re: RE2JS, _e: string, s: string) => {
      const m = re.matcher(s);
      return m.find(0) ? s.slice(m.start(), m.end()) : '';
    }) as never),
    ...variants('regexReplaceAll', [S, S, S], ((re: RE2JS, _e: string, s: string, r: string) =>
      replaceAll(re, s, (m) => expand(r, s, m, re.namedGroups()))) as never),
    ...variants('regexReplaceAllLiteral', [S, S, S], ((re: RE2JS, _e: string, s: string, r: string) => replaceAll(re, s, () => r)) as never),
    ...variants('regexSplit', [S, S, I], ((re: RE2JS, e: string, s: string, n: bigint) => strings(split(re, e, s, Number(n)))) as never),
    regexQuoteMeta: f([S], quoteMeta),
  };
}
