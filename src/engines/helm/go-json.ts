// Go's encoding/json as Helm's toJson and sigs.k8s.io/yaml see it: json.Marshal of template values
// (maps with sorted keys, HTML-safe escaping, float64 in Go's shortest form, []byte as base64) and
// json.Unmarshal into interface{} (every number a float64).
import { GoNumber, isPlainMap, compareStrings } from '../gotemplate/values.ts';

/** json.Marshal; throws where Go returns an error (NaN, ±Inf). */
export function marshalGoJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string': return quoteGoJsonString(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'number': return formatGoJsonFloat(value, 64);
    case 'bigint': return value.toString();
    case 'function': throw new Error('json: unsupported type: func');
  }
  if (value instanceof GoNumber) {
    return value.type === 'float32' ? formatGoJsonFloat(Number(value.value), 32) : value.value.toString();
  }
  if (value instanceof Uint8Array) return `"${Buffer.from(value).toString('base64')}"`;
  if (Array.isArray(value)) return `[${value.map(marshalGoJson).join(',')}]`;
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => [String(k), v] as const).sort((a, b) => compareStrings(a[0], b[0]));
    return `{${entries.map(([k, v]) => `${quoteGoJsonString(k)}:${marshalGoJson(v)}`).join(',')}}`;
  }
  if (typeof (value as { MarshalJSON?: unknown }).MarshalJSON === 'function') {
    return (value as { MarshalJSON(): string }).MarshalJSON();
  }
  const obj = value as Record<string, unknown>;
  const keys = isPlainMap(value) ? Object.keys(obj).sort(compareStrings) : Object.keys(obj);
  return `{${keys.map((k) => `${quoteGoJsonString(k)}:${marshalGoJson(obj[k])}`).join(',')}}`;
}

/** Go's float formatting in encoding/json: %f-like between 1e-6 and 1e21, else exponent with at least one digit. */
export function formatGoJsonFloat(f: number, bits: 32 | 64): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${goFloatName(f)}`);
  // JavaScript's Number→string uses the same thresholds and shortest digits as Go's encoder for float64.
  if (bits === 64) return Object.is(f, -0) ? '-0' : String(f);
  return String(shortestFloat32(f));
}

function goFloatName(f: number): string {
  return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
}

/** The shortest decimal that reads back as the same float32. */
function shortestFloat32(f: number): number {
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

const htmlSafe: Record<string, string> = {
  '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
};

/** A JSON string as Go writes it: HTML characters and U+2028/9 escaped, other controls as \u00XX. */
export function quoteGoJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const mapped = htmlSafe[ch];
    if (mapped !== undefined) out += mapped;
    else if (ch < ' ') out += `\\u00${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else if (ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** json.Unmarshal into interface{}: objects become maps, every number a float64 (JSON.parse's model). */
export function unmarshalGoJson(text: string): unknown {
  return JSON.parse(text);
}
