// The parameter expansions of Flux's envsubst. Lengths and offsets count UTF-8 bytes, as in Go.
import { globMatch } from './glob-match.ts';

type Expansion = (value: string, args: string[]) => string;

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const byteSlice = (s: string, from: number, to?: number) => Buffer.from(s, 'utf8').subarray(from, to).toString('utf8');
const atoi = (s: string) => (/^[+-]?\d+$/.test(s) ? Number.parseInt(s, 10) : undefined);

/** Go's strings.Replace(s, old, new, n): an empty `old` inserts `new` around every character. */
function goReplace(s: string, old: string, replacement: string, n: number): string {
  if (old === '') {
    const runes = [...s];
    const limit = n < 0 ? runes.length + 1 : Math.min(n, runes.length + 1);
    let out = '';
    for (let i = 0; i <= runes.length; i++) out += (i < limit ? replacement : '') + (runes[i] ?? '');
    return out;
  }
  return n < 0 ? s.split(old).join(replacement) : s.replace(old, () => replacement);
}

const reverse = (s: string) => [...s].reverse().join('');

function trimShortest(s: string, pattern: string): string {
  let shortest = '';
  for (let i = 0; i < byteLength(s); i++) {
    const prefix = byteSlice(s, 0, byteLength(s) - i);
    const m = globMatch(pattern, prefix);
    if (m === undefined) return s;
    if (m) shortest = prefix;
  }
  return shortest !== '' && s.startsWith(shortest) ? s.slice(shortest.length) : s;
}

function trimLongest(s: string, pattern: string): string {
  for (let i = 0; i < byteLength(s); i++) {
    const prefix = byteSlice(s, 0, byteLength(s) - i);
    const m = globMatch(pattern, prefix);
    if (m === undefined) return s;
    if (m) return s.startsWith(prefix) ? s.slice(prefix.length) : s;
  }
  return s;
}

const firstRune = (s: string) => [...s][0] ?? '';

const toDefault: Expansion = (v, args) => (v.length === 0 && args.length > 0 ? args.join('') : v);

function substring(v: string, args: string[]): string {
  let pos = atoi(args[0] ?? '');
  if (pos === undefined) return v;
  const len = byteLength(v);
  if (pos < 0) pos = Math.max(0, len + pos);
  if (args.length === 1) return pos < len ? byteSlice(v, pos) : '';
  const count = atoi(args[1]!);
  if (count === undefined) return v;
  return pos + count >= len ? byteSlice(v, pos) : byteSlice(v, pos, pos + count);
}

export function expansion(name: string, argCount: number): Expansion {
  switch (name) {
    case ',':
      return (v) => (v === '' ? v : firstRune(v).toLowerCase() + v.slice(firstRune(v).length));
    case ',,':
      return (v) => v.toLowerCase();
    case '^':
      return (v) => (v === '' ? v : firstRune(v).toUpperCase() + v.slice(firstRune(v).length));
    case '^^':
      return (v) => v.toUpperCase();
    case '#':
      return argCount === 0 ? (v) => String(byteLength(v)) : (v, a) => (a.length ? trimShortest(v, a[0]!) : v);
    case '##':
      return (v, a) => (a.length ? trimLongest(v, a[0]!) : v);
    case '%':
      return (v, a) => (a.length ? reverse(trimShortest(reverse(v), reverse(a[0]!))) : v);
    case '%%':
      return (v, a) => (a.length ? reverse(trimLongest(reverse(v), reverse(a[0]!))) : v);
    case ':':
      return substring;
    case '/#':
      return (v, a) => (a.length === 2 && v.startsWith(a[0]!) ? goReplace(v, a[0]!, a[1]!, 1) : v);
    case '/%':
      return (v, a) => (a.length === 2 && v.endsWith(a[0]!) ? v.slice(0, v.length - a[0]!.length) + a[1]! : v);
    case '/':
      return (v, a) => (a.length === 0 ? v : goReplace(v, a[0]!, a[1] ?? '', 1));
    case '//':
      return (v, a) => (a.length === 0 ? v : goReplace(v, a[0]!, a[1] ?? '', -1));
    default:
      // '=', ':=', ':-', ':?', ':+', '-', '+' and a bare ${var} all behave as "value, else the default".
      return toDefault;
  }
}

/** Operators whose contract covers an unset variable, exempt from strict mode. */
export function isDefaultOperator(name: string): boolean {
  return ['-', '+', '=', '?', ':-', ':+', ':=', ':?'].includes(name);
}
