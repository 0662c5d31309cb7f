// The `format` checks Helm's schema validator (santhosh-tekuri/jsonschema v6) asserts for drafts before
// 2019-09, with its reasons. Formats not listed here are accepted.
import { quote as goQuote } from '../gotemplate/index.ts';

type Check = (s: string) => string | undefined;

/** v6's quote: Go's %q, with `"` left alone and `'` escaped, in single quotes (for one rune, Go's %q of it). */
export function quoteV6(s: string): string {
  const q = goQuote(s).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${q}'`;
}

function ipv4(s: string): string | undefined {
  const groups = s.split('.');
  if (groups.length !== 4) return 'expected four decimals';
  for (const g of groups) {
    if (g.length > 1 && g[0] === '0') return 'leading zeros';
    if (!/^[+-]?\d+$/.test(g)) return `strconv.Atoi: parsing ${goQuote(g)}: invalid syntax`;
    const n = Number(g);
    if (n < 0 || n > 255) return 'decimal must be between 0 and 255';
  }
  return undefined;
}

function hostname(input: string): string | undefined {
  const s = input.endsWith('.') ? input.slice(0, -1) : input;
  if (Buffer.byteLength(s) > 253) return 'more than 253 characters long';
  for (const label of s.split('.')) {
    const len = Buffer.byteLength(label);
    if (len < 1 || len > 63) return 'label must be 1 to 63 characters long';
    if (label.startsWith('-')) return 'label starts with hyphen';
    if (label.endsWith('-')) return 'label ends with hyphen';
    for (const ch of label) if (!/[a-zA-Z0-9-]/.test(ch)) return `invalid character ${quoteV6(ch)}`;
  }
  return undefined;
}

function email(s: string): string | undefined {
  if (Buffer.byteLength(s) > 254) return 'more than 255 characters long';
  const at = s.lastIndexOf('@');
  if (at < 0) return 'missing @';
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (Buffer.byteLength(local) > 64) return 'local part more than 64 characters long';
  if (local.length > 1 && local.startsWith('"')) {
    const inner = local.slice(1, -1);
    if (inner.includes('\\') || inner.includes('"')) return 'backslash and quote are not allowed within quoted local part';
  } else {
    if (local.startsWith('.')) return 'starts with dot';
    if (local.endsWith('.')) return 'ends with dot';
    if (local.includes('..')) return 'consecutive dots';
    for (const ch of local) if (!/[a-zA-Z0-9.!#$%&'*+\-/=?^_`{|}~]/.test(ch)) return `invalid character ${quoteV6(ch)}`;
  }
  if (domain.startsWith('[') && domain.endsWith(']')) {
    domain = domain.slice(1, -1);
    if (domain.startsWith('IPv6:')) return undefined;
    const err = ipv4(domain);
    return err === undefined ? undefined : `invalid ipv4 address: ${err}`;
  }
  const err = hostname(domain);
  return err === undefined ? undefined : `invalid domain: ${err}`;
}

function uuid(s: string): string | undefined {
  const sizes = [8, 4, 4, 4, 12];
  const groups = s.split('-');
  if (groups.length !== sizes.length) return `must have ${sizes.length} elements`;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g.length !== sizes[i]) return `element ${i + 1} must be ${sizes[i]} characters long`;
    for (const ch of g) if (!/[0-9a-fA-F]/.test(ch)) return `non-hex character ${quoteV6(ch)}`;
  }
  return undefined;
}

/** uri: Go's url.Parse accepts almost anything; what fails in practice is a missing scheme. */
function uri(s: string): string | undefined {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) ? undefined : 'relative url';
}

function jsonPointer(s: string): string | undefined {
  if (s === '') return undefined;
  if (!s.startsWith('/')) return 'not starting with /';
  if (/~(?![01])/.test(s)) return '~ must be followed by 0 or 1';
  return undefined;
}

const CHECKS: Record<string, Check> = {
  ipv4, hostname, email, uuid, uri, iri: uri, 'json-pointer': jsonPointer,
};

/** The reason `value` is not a valid `format`, or undefined when it is (or the format is not checked). */
export function checkFormat(format: string, value: unknown): string | undefined {
  const check = CHECKS[format];
  return check !== undefined && typeof value === 'string' ? check(value) : undefined;
}
