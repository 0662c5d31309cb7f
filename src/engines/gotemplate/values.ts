// The Go value model: how Go values that templates see are represented in JavaScript.
//
//   Go                         JavaScript
//   string                     string (Go strings are bytes: len/index/slice work on UTF-8)
//   bool                       boolean
//   float64                    number  (Helm values from YAML/JSON are always float64)
//   int                        bigint  (template integer constants, len, range indexes)
//   int64, uint8, float32 ...  GoNumber { type, value }
//   nil (nil interface{})      null
//   missing (invalid Value)    undefined   ("<no value>")
//   []interface{}              Array
//   []string, []int ...        Array tagged with typedSlice(arr, '[]string')
//   []byte                     Uint8Array
//   map[string]interface{}     plain object (prototype Object.prototype or null)
//   map[K]V with other keys    Map (printed and ranged in sorted key order)
//   struct / pointer to struct instance of a class: own properties are fields, functions are
//                              methods named as in Go (String() makes it a fmt.Stringer);
//                              the class may declare `static goTypeName = 'chartutil.Capabilities'`
//   time.Time                  GoTime (see time.ts)

export type GoNumberType =
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr'
  | 'float32';

/** A number whose Go type is neither int (bigint) nor float64 (number). */
export class GoNumber {
  readonly type: GoNumberType;
  readonly value: bigint | number;
  constructor(type: GoNumberType, value: bigint | number) {
    this.type = type;
    this.value = type === 'float32' ? Math.fround(Number(value)) : wrapInt(type, BigInt(value));
  }
}

const INT_BITS: Record<string, [number, boolean]> = {
  int8: [8, true], int16: [16, true], int32: [32, true], int64: [64, true], int: [64, true],
  uint: [64, false], uint8: [8, false], uint16: [16, false], uint32: [32, false], uint64: [64, false],
  uintptr: [64, false],
};

/** Truncates an integer to the width of a Go integer type, as a Go conversion does. */
export function wrapInt(type: string, v: bigint): bigint {
  const spec = INT_BITS[type];
  if (!spec) return v;
  return spec[1] ? BigInt.asIntN(spec[0], v) : BigInt.asUintN(spec[0], v);
}

/** A complex128 (template constants like 1+2i). */
export class GoComplex {
  readonly re: number;
  readonly im: number;
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

export const int64 = (v: bigint | number): GoNumber => new GoNumber('int64', typeof v === 'number' ? BigInt(Math.trunc(v)) : v);

const SLICE_TYPE = Symbol('tsflux.goSliceType');

/** Marks an array as a typed Go slice ([]string, []int ...); untagged arrays are []interface{}. */
export function typedSlice<T extends unknown[]>(arr: T, type: string): T {
  Object.defineProperty(arr, SLICE_TYPE, { value: type, enumerable: false, configurable: true });
  return arr;
}

export function sliceType(arr: unknown[]): string {
  return (arr as unknown as Record<symbol, string | undefined>)[SLICE_TYPE] ?? '[]interface {}';
}

/** The element type of a slice type name: '[]string' → 'string'. */
export function elemType(sliceTypeName: string): string {
  return sliceTypeName.startsWith('[]') ? sliceTypeName.slice(2) : 'interface {}';
}

const MAP_TYPE = Symbol('tsflux.goMapType');

/**
 * Marks a string-keyed map as a named Go map type (Helm's chartutil.Values): Go assigns it to
 * map[string]interface{} parameters, but a type assertion to map[string]interface{} refuses it.
 */
export function namedMap<T extends Record<string, unknown>>(m: T, type: string): T {
  Object.defineProperty(m, MAP_TYPE, { value: type, enumerable: false, configurable: true });
  return m;
}

/**
 * The same map seen through a variable of another map type (Go shares the storage): `type` names it,
 * undefined shows it as map[string]interface{}.
 */
export function mapView<T extends Record<string, unknown>>(m: T, type: string | undefined): T {
  return new Proxy(m, { get: (target, key) => (key === MAP_TYPE ? type : Reflect.get(target, key)) });
}

/** The Go type of a string-keyed map: map[string]interface {} unless namedMap gave it a name. */
export function mapType(m: Record<string, unknown>): string {
  return (m as Record<symbol, string | undefined>)[MAP_TYPE] ?? 'map[string]interface {}';
}

export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isGoMap(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  return isPlainMap(v) || v instanceof Map;
}

/** A struct (or pointer to struct): any class instance that is not one of the other model types. */
export function isStruct(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isPlainMap(v) && !(v instanceof Map)
    && !(v instanceof Uint8Array) && !(v instanceof GoNumber) && !(v instanceof GoComplex);
}

/**
 * Whether a class declares `method` with a pointer receiver (`static pointerMethods = ['String']`):
 * Go calls it only on addressable values, so copies handed to functions or fmt lack it.
 */
export function hasPointerReceiver(value: object, method: string): boolean {
  const ctor = (value as { constructor?: { pointerMethods?: string[] } }).constructor;
  return ctor?.pointerMethods?.includes(method) ?? false;
}

export function isInteger(v: unknown): v is bigint | GoNumber {
  return typeof v === 'bigint' || (v instanceof GoNumber && v.type !== 'float32');
}

export function isUnsignedType(type: string): boolean {
  return type.startsWith('uint');
}

/** reflect.Kind names, as Sprig's kindOf/kindIs report them. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return 'float64';
    case 'bigint': return 'int';
    case 'function': return 'func';
  }
  if (v instanceof GoNumber) return v.type;
  if (v instanceof GoComplex) return 'complex128';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (isGoMap(v)) return 'map';
  // Class instances are pointers to structs unless their Go type name says they are values.
  return typeName(v).startsWith('*') ? 'ptr' : 'struct';
}

/** The Go type name, as %T and Sprig's typeOf print it. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return 'float64';
    case 'bigint': return 'int';
    case 'function': return 'func(...interface {}) (interface {}, error)';
  }
  if (v instanceof GoNumber) return v.type;
  if (v instanceof GoComplex) return 'complex128';
  const named = (v as { constructor?: { goTypeName?: string } }).constructor?.goTypeName;
  if (Array.isArray(v)) return sliceType(v);
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof Map) return named ?? 'map[interface {}]interface {}';
  if (isPlainMap(v)) return mapType(v);
  const ctor = (v as { constructor?: { goTypeName?: string; name?: string } }).constructor;
  return ctor?.goTypeName ?? `*${ctor?.name ?? 'struct'}`;
}

/** Go's notion of "true" for if/with/and/or/not (template.IsTrue). */
export function isTrue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'string': return v.length > 0;
    case 'boolean': return v;
    case 'number': return v !== 0;
    case 'bigint': return v !== 0n;
    case 'function': return true;
  }
  if (v instanceof GoNumber) return v.value !== 0 && v.value !== 0n;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (isPlainMap(v)) return Object.keys(v).length > 0;
  return true; // non-nil struct pointer
}

/** Map keys in the order Go's templates and fmt visit them: sorted by value. */
export function sortedKeys(m: Record<string, unknown> | Map<unknown, unknown>): unknown[] {
  if (!(m instanceof Map)) return Object.keys(m).sort(compareStrings);
  return [...m.keys()].sort(compareKeys);
}

/** Byte-wise string order (Go compares UTF-8 bytes; UTF-16 order differs above the BMP). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  const na = toNumberish(a);
  const nb = toNumberish(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  return compareStrings(String(a), String(b));
}

function toNumberish(v: unknown): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof GoNumber) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

export function mapGet(m: Record<string, unknown> | Map<unknown, unknown>, key: unknown): { found: boolean; value: unknown } {
  if (m instanceof Map) return m.has(key) ? { found: true, value: m.get(key) } : { found: false, value: undefined };
  if (typeof key === 'string' && Object.hasOwn(m, key)) return { found: true, value: m[key] };
  return { found: false, value: undefined };
}

export function mapSize(m: Record<string, unknown> | Map<unknown, unknown>): number {
  return m instanceof Map ? m.size : Object.keys(m).length;
}

// Go strings are bytes. Valid UTF-8 maps to ordinary JS text; each byte of an invalid sequence
// (a string cut inside a character, binary data from b64dec) is kept as a lone surrogate
// U+DC80..U+DCFF, so utf8() gives back exactly the bytes Go would hold (Python's
// "surrogateescape"). Encoding such a string with Buffer.from(s, 'utf8') yields one U+FFFD per byte.

const LONE_ESCAPE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes of a Go string. */
export function utf8(s: string): Uint8Array {
  if (!LONE_ESCAPE.test(s)) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) {
      parts.push(Buffer.from(s.slice(start, i), 'utf8'), Buffer.from([c - 0xdc00]));
      start = i + 1;
    }
  }
  parts.push(Buffer.from(s.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** A Go string from bytes, keeping invalid bytes (see above). */
export function fromUtf8(b: Uint8Array): string {
  try {
    return fatalDecoder.decode(b);
  } catch {
    // fall through to the byte-by-byte decoder
  }
  let out = '';
  for (let i = 0; i < b.length;) {
    const n = validSequenceLength(b, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + b[i]!);
      i++;
    } else {
      out += Buffer.from(b.subarray(i, i + n)).toString('utf8');
      i += n;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence at b[i] (utf8.DecodeRune's rules), 0 when invalid. */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** len() of a Go string: its byte count. */
export function byteLength(s: string): number {
  return LONE_ESCAPE.test(s) ? utf8(s).length : Buffer.byteLength(s, 'utf8');
}
