// Go's encoding/json output for plain JSON values. Kustomize hashes the JSON that Go produces, so the
// bytes must match: object keys sorted, and <, >, &, U+2028 and U+2029 escaped as Go does.

export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort(compareGoStrings)
      .map((k) => `${goJsonString(k)}:${goJsonMarshal((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  throw new Error(`cannot encode a ${typeof value} as JSON`);
}

/** Go sorts strings by bytes (UTF-8), which differs from UTF-16 order above U+FFFF. */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd'; // a lone surrogate is invalid UTF-8
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A field as Go's encoding/json finds it when decoding into a struct (kustomize reads its config
 * that way): the exact key first, otherwise any key equal ignoring case.
 */
export function goJsonField<T>(object: Record<string, T>, name: string): T | undefined {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}
