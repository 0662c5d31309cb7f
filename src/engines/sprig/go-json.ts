// encoding/json's Marshal/MarshalIndent/Unmarshal for the Go value model: sorted map keys,
// HTML-safe escaping by default, Go's float formatting, []byte as base64.
import { GoNumber, formatFloat, isGoMap, isStruct, mapGet, sortedKeys, typeName } from '../gotemplate/index.ts';

export interface MarshalOptions {
  escapeHTML: boolean;
  indent?: string;
}

function quoteJSON(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&'))) {
      out += `\\u00${cp.toString(16).padStart(2, '0')}`;
    } else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
    else if (cp >= 0xd800 && cp < 0xe000) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function formatJSONFloat(v: number, bits: 32 | 64): string {
  if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${formatFloat(v, 'g', -1)}`);
  const abs = Math.abs(v);
  let fmt = 'f';
  if (abs !== 0 && (bits === 64 ? abs < 1e-6 || abs >= 1e21 : abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let s = formatFloat(v, fmt, -1, bits);
  if (fmt === 'e') s = s.replace(/e-0(\d)$/, 'e-$1');
  return s;
}

export function marshal(v: unknown, opts: MarshalOptions): string {
  const indent = opts.indent;
  const enc = (x: unknown, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    switch (typeof x) {
      case 'boolean': return x ? 'true' : 'false';
      case 'string': return quoteJSON(x, opts.escapeHTML);
      case 'number': return formatJSONFloat(x, 64);
      case 'bigint': return x.toString();
      case 'function': throw new Error(`json: unsupported type: ${typeName(x)}`);
    }
    if (x instanceof GoNumber) return x.type === 'float32' ? formatJSONFloat(Number(x.value), 32) : x.value.toString();
    if (x instanceof Uint8Array) return `"${Buffer.from(x).toString('base64')}"`;
    const toJSON = (x as { MarshalJSON?: () => string }).MarshalJSON;
    if (typeof toJSON === 'function') return toJSON.call(x);
    const nl = (d: number): string => (indent === undefined ? '' : `\n${indent.repeat(d)}`);
    const colon = indent === undefined ? ':' : ': ';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return `[${x.map((e) => nl(depth + 1) + enc(e, depth + 1)).join(',')}${nl(depth)}]`;
    }
    let entries: [string, unknown][];
    if (isGoMap(x)) entries = sortedKeys(x).map((k) => [String(k), mapGet(x, k).value]);
    else if (isStruct(x)) entries = Object.entries(x).filter(([, e]) => typeof e !== 'function');
    else entries = [];
    if (entries.length === 0) return '{}';
    return `{${entries.map(([k, e]) => `${nl(depth + 1)}${quoteJSON(k, opts.escapeHTML)}${colon}${enc(e, depth + 1)}`).join(',')}${nl(depth)}}`;
  };
  return enc(v, 0);
}

/** json.Unmarshal into interface{}: objects become maps, numbers float64. */
export function unmarshal(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(goJSONError(text, e as Error), { cause: e });
  }
}

/** Approximates encoding/json's syntax error texts from the position JSON.parse reports. */
function goJSONError(text: string, e: Error): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(e.message);
  if (!m) return 'unexpected end of JSON input';
  const pos = Number(m[1]);
  const ch = text[pos];
  if (ch === undefined) return 'unexpected end of JSON input';
  return `invalid character '${ch}' looking for beginning of value`;
}
