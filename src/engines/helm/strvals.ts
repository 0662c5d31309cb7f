// Helm's --set parser (pkg/strvals): `a.b=c,list[0]=x,arr={x,y}`, backslash escapes, typed values
// (true/false/null, int64 for plain integers) unless --set-string, JSON values for --set-json and
// file contents for --set-file.
import { int64 } from '../gotemplate/values.ts';
import { quoteRune } from '../gotemplate/quote.ts';
import { goJSONUnmarshal, setKey } from '../sprig/index.ts';

export class StrvalsError extends Error {}

const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

type Reader = (runes: string) => unknown;
type Values = Record<string, unknown>;

class EOF extends Error {}
class NotList extends Error {}

/** Go's strvals typedVal: booleans and null case-insensitively, integers without a leading 0 as int64. */
export function typedValue(s: string, asString: boolean): unknown {
  if (asString) return s;
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (s === '0') return int64(0n);
  if (s.length > 0 && s[0] !== '0' && /^[+-]?\d+$/.test(s)) {
    const v = BigInt(s);
    if (v >= -(2n ** 63n) && v < 2n ** 63n) return int64(v);
  }
  return s;
}

class Scanner {
  private readonly chars: string[];
  pos = 0;
  constructor(s: string) {
    this.chars = [...s];
  }
  read(): string | undefined {
    return this.pos < this.chars.length ? this.chars[this.pos++] : undefined;
  }
  unread(): void {
    this.pos--;
  }
  rest(): string {
    return this.chars.slice(this.pos).join('');
  }
  skip(n: number): void {
    this.pos += [...this.rest().slice(0, n)].length;
  }
  /** Reads up to a stop rune; backslash escapes the next rune. Returns the text and the stop rune (undefined at EOF). */
  until(stop: string, escapes = true): { v: string; last: string | undefined } {
    let v = '';
    for (;;) {
      const r = this.read();
      if (r === undefined) return { v, last: undefined };
      if (stop.includes(r)) return { v, last: r };
      if (r === '\\' && escapes) {
        const next = this.read();
        if (next === undefined) return { v, last: undefined };
        v += next;
      } else v += r;
    }
  }
}

class Parser {
  private readonly sc: Scanner;
  private readonly data: Values;
  private readonly reader: Reader | undefined;
  private readonly json: boolean;
  /** --set-literal: no escapes, no commas, the value is the rest of the input. */
  private readonly literal: boolean;
  constructor(input: string, data: Values, reader: Reader | undefined, json: boolean, literal = false) {
    this.sc = new Scanner(input);
    this.data = data;
    this.reader = reader;
    this.json = json;
    this.literal = literal;
  }

  private restAsValue(): string {
    const v = this.sc.rest();
    this.sc.skip(v.length);
    return v;
  }

  parse(): void {
    for (;;) {
      try {
        this.key(this.data, 0);
      } catch (err) {
        if (err instanceof EOF) return;
        throw err;
      }
    }
  }

  private readValue(runes: string): unknown {
    return this.reader!(runes);
  }

  private key(data: Values, nestedNameLevel: number): void {
    const { v: k, last } = this.sc.until(this.literal ? '=[.' : '=[,.', !this.literal);
    if (last === undefined) {
      if (k.length === 0) throw new EOF();
      throw new StrvalsError(`key "${k}" has no value`);
    }
    if (last === '[') {
      const i = this.keyIndex();
      const existing = Object.hasOwn(data, k) ? data[k] : undefined;
      if (existing !== undefined && !Array.isArray(existing)) throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${goTypeOf(existing)}, not []interface {}`);
      const list = this.listItem(Array.isArray(existing) ? existing : [], i, nestedNameLevel);
      set(data, k, list.list);
      if (list.err) throw list.err;
      return;
    }
    if (last === '=') {
      if (this.literal) {
        set(data, k, this.restAsValue());
        return;
      }
      if (this.json) {
        if (this.emptyVal()) {
          set(data, k, null);
          return;
        }
        const { value, length } = decodeJsonPrefix(this.sc.rest());
        set(data, k, value);
        this.sc.skip(length);
        this.emptyVal();
        return;
      }
      const vl = this.valList();
      if (vl instanceof Array) {
        set(data, k, vl);
        return;
      }
      if (vl instanceof EOF) {
        set(data, k, '');
        throw vl;
      }
      // At the end of input the value still counts; the next key() call then reports EOF.
      const { v: rs } = this.sc.until(',');
      set(data, k, this.readValue(rs));
      return;
    }
    if (last === ',') {
      set(data, k, '');
      throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
    }
    // last === '.'
    if (nestedNameLevel + 1 > MAX_NESTED_NAME_LEVEL) {
      throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
    }
    const existing = Object.hasOwn(data, k) ? data[k] : undefined;
    if (existing !== undefined && !isMap(existing)) throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${goTypeOf(existing)}, not map[string]interface {}`);
    const inner: Values = isMap(existing) ? existing : {};
    let err: unknown;
    try {
      this.key(inner, nestedNameLevel + 1);
    } catch (e) {
      err = e;
    }
    if (err === undefined && Object.keys(inner).length === 0) throw new StrvalsError(`key map "${k}" has no value`);
    if (Object.keys(inner).length !== 0) set(data, k, inner);
    if (err !== undefined) throw err;
  }

  private keyIndex(): number {
    const { v, last } = this.sc.until(']', !this.literal);
    if (last === undefined) throw new EOF();
    if (!/^[+-]?\d+$/.test(v)) throw new StrvalsError(`error parsing index: strconv.Atoi: parsing "${v}": invalid syntax`);
    return Number(v);
  }

  private listItem(list: unknown[], i: number, nestedNameLevel: number): { list: unknown[]; err?: unknown } {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const { v: k, last } = this.sc.until('[.=', !this.literal);
    // Go formats the []rune with %q: each rune quoted.
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: [${[...k].map((r) => quoteRune(r)).join(' ')}]`);
    if (last === undefined) throw new EOF();
    if (last === '=' && this.literal) return { list: setIndex(list, i, this.restAsValue()) };
    if (last === '=') {
      if (this.json) {
        if (this.emptyVal()) return { list: setIndex(list, i, null) };
        const { value, length } = decodeJsonPrefix(this.sc.rest());
        const out = setIndex(list, i, value);
        this.sc.skip(length);
        this.emptyVal();
        return { list: out };
      }
      const vl = this.valList();
      if (vl instanceof Array) return { list: setIndex(list, i, vl) };
      if (vl instanceof EOF) return { list: setIndex(list, i, '') };
      const { v: rs } = this.sc.until(',');
      return { list: setIndex(list, i, this.readValue(rs)) };
    }
    if (last === '[') {
      const nextI = this.keyIndex();
      const existing = list.length > i ? list[i] : undefined;
      const crt = Array.isArray(existing) ? existing : [];
      const inner = this.listItem(crt, nextI, nestedNameLevel);
      if (inner.err) throw inner.err;
      return { list: setIndex(list, i, inner.list) };
    }
    // last === '.'
    let inner: Values = {};
    if (list.length > i) {
      if (isMap(list[i])) inner = list[i] as Values;
      else list[i] = inner;
    }
    this.key(inner, nestedNameLevel);
    return { list: setIndex(list, i, inner) };
  }

  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  /** `{a,b}` list syntax: the list, NotList when the value is not a list, EOF at the end of input. */
  private valList(): unknown[] | NotList | EOF {
    const r = this.sc.read();
    if (r === undefined) return new EOF();
    if (r !== '{') {
      this.sc.unread();
      return new NotList();
    }
    const list: unknown[] = [];
    for (;;) {
      const { v, last } = this.sc.until(',}');
      if (last === undefined) throw new StrvalsError("list must terminate with '}'");
      if (last === '}') {
        const after = this.sc.read();
        if (after !== undefined && after !== ',') this.sc.unread();
        list.push(this.readValue(v));
        return list;
      }
      list.push(this.readValue(v));
    }
  }
}

function isMap(v: unknown): v is Values {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function goTypeOf(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  return 'int64';
}

function set(data: Values, key: string, value: unknown): void {
  if (key.length === 0) return;
  setKey(data, key, value);
}

function setIndex(list: unknown[], index: number, value: unknown): unknown[] {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = value;
  return list;
}

/** Decodes the first JSON value at the start of text (Go's json.Decoder), returning it and its length. */
function decodeJsonPrefix(text: string): { value: unknown; length: number } {
  const end = jsonValueEnd(text);
  if (end < 0) throw new StrvalsError('invalid JSON value');
  return { value: goJSONUnmarshal(text.slice(0, end)), length: end };
}

function jsonValueEnd(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const start = text[i];
  if (start === '{' || start === '[') {
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  if (start === '"') {
    for (i++; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return -1;
  }
  const m = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
  return m ? i + m[0].length : -1;
}

/** --set / --set-string: parses into dest (strvals.ParseInto / ParseIntoString). */
export function parseSetInto(s: string, dest: Values, asString = false): void {
  new Parser(s, dest, (rs) => typedValue(rs, asString), false).parse();
}

/** --set-json (strvals.ParseJSON). */
export function parseSetJsonInto(s: string, dest: Values): void {
  new Parser(s, dest, undefined, true).parse();
}

/** --set-file: the value of each key is read from the named file (strvals.ParseIntoFile). */
export function parseSetFileInto(s: string, dest: Values, readFile: (path: string) => string): void {
  new Parser(s, dest, (rs) => readFile(rs), false).parse();
}

/** --set-literal (strvals.ParseLiteralInto): one key, and everything after `=` verbatim as a string. */
export function parseSetLiteralInto(s: string, dest: Values): void {
  new Parser(s, dest, undefined, false, true).parse();
}
