// encoding/json's Marshal/MarshalIndent/Unmarshal for the Go value model: sorted map keys,
// HTML-safe escaping by default, Go's float formatting, []byte as base64.
import { GoComplex, GoNumber, formatFloat, isGoMap, isStruct, mapGet, sortedKeys, typeName } from '../gotemplate/index.ts';

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
    else if (cp >= 0xd800 && cp < 0xe000) out += '\\ufffd'; // invalid UTF-8 (values.ts): Go writes the escape
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

function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) return true;
  if (v instanceof GoNumber) return v.value === 0n || v.value === 0;
  if (Array.isArray(v)) return v.length === 0;
  return isGoMap(v) && sortedKeys(v).length === 0;
}

/**
 * A struct's fields as encoding/json names them: a class may declare `static jsonTags` (field → Go json
 * tag such as "name,omitempty"); untagged fields keep their Go names.
 */
export function structFields(x: object): [string, unknown][] {
  const tags = (x.constructor as { jsonTags?: Record<string, string> }).jsonTags;
  const out: [string, unknown][] = [];
  for (const [k, e] of Object.entries(x)) {
    if (typeof e === 'function') continue;
    const tag = tags?.[k];
    if (tag === undefined) { out.push([k, e]); continue; }
    const [name, ...opts] = tag.split(',');
    if (opts.includes('omitempty') && isEmptyValue(e)) continue;
    out.push([name || k, e]);
  }
  return out;
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
    if (x instanceof GoComplex) throw new Error('json: unsupported type: complex128');
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
    else if (isStruct(x)) entries = structFields(x);
    else entries = [];
    if (entries.length === 0) return '{}';
    return `{${entries.map(([k, e]) => `${nl(depth + 1)}${quoteJSON(k, opts.escapeHTML)}${colon}${enc(e, depth + 1)}`).join(',')}${nl(depth)}}`;
  };
  return enc(v, 0);
}

/** json.Unmarshal into interface{}: objects become maps, numbers float64. */
export function unmarshal(text: string): unknown {
  const r = unmarshalLenient(text);
  if (r.error) throw r.error;
  return r.value;
}

/**
 * json.Unmarshal's result and error: a number too large for float64 is a type error that does
 * not stop decoding (the value becomes nil), so Sprig's fromJson still returns the rest.
 */
export function unmarshalLenient(text: string): { value: unknown; error?: Error } {
  let error: Error | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (_key, v: unknown, ctx?: { source?: string }) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        error ??= new Error(`json: cannot unmarshal number ${ctx?.source ?? String(v)} into Go value of type float64`);
        return null;
      }
      return v;
    }) as unknown;
  } catch (e) {
    return { value: null, error: new Error(goJSONError(text, e as Error), { cause: e }) };
  }
  return { value, error };
}

/**
 * encoding/json's syntax error text for invalid input: a small scanner that walks the text the
 * way Go's does and names the first offending character and what it was looking for.
 */
function goJSONError(text: string, cause: Error): string {
  let i = 0;
  const ws = (): void => { while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++; };
  const quoteChar = (c: string): string => (c === "'" ? "'\\''" : c === '"' ? "'\"'" : `'${c}'`);
  const bad = (context: string, eofIsSpace = false): never => {
    if (i >= text.length && eofIsSpace) throw new Error(`invalid character ' ' ${context}`);
    if (i >= text.length) throw new Error('unexpected end of JSON input');
    throw new Error(`invalid character ${quoteChar(text[i]!)} ${context}`);
  };
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) {
      // Go feeds a final space at the end of input, so a cut-off literal fails on ' '.
      if (i >= text.length) throw new Error(`invalid character ' ' in literal ${word} (expecting ${quoteChar(word[k]!)})`);
      if (text[i] !== word[k]) throw new Error(`invalid character ${quoteChar(text[i]!)} in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) throw new Error('unexpected end of JSON input');
      const c = text[i]!;
      if (c === '"') { i++; return; }
      if (c === '\\') {
        i++;
        if (i >= text.length) throw new Error('unexpected end of JSON input');
        if (!'"\\/bfnrtu'.includes(text[i]!)) bad('in string escape code');
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= text.length) throw new Error('unexpected end of JSON input');
            if (!/[0-9a-fA-F]/.test(text[i]!)) bad('in \\u hexadecimal character escape');
          }
        }
        i++;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) bad('in string literal');
      i++;
    }
  };
  const number = (): void => {
    if (text[i] === '-') { i++; if (!/[0-9]/.test(text[i] ?? '')) bad('in numeric literal', true); }
    if (text[i] === '0') i++;
    else while (/[0-9]/.test(text[i] ?? '')) i++;
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) bad('after decimal point in numeric literal', true);
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) bad('in exponent of numeric literal', true);
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) throw new Error('unexpected end of JSON input');
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') bad('looking for beginning of object key string');
        string(); ws();
        if (text[i] !== ':') bad('after object key');
        i++;
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        bad('after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    bad('looking for beginning of value');
  };
  try {
    value(); ws();
    if (i < text.length) bad('after top-level value');
  } catch (e) {
    return (e as Error).message;
  }
  return cause.message;
}
