// The predefined template functions (text/template/funcs.go): and, or, not, len, index, slice,
// print*, html, js, urlquery, call and the comparisons, with Go's error texts.
import { htmlEscape, jsEscape, queryEscape } from './escape.ts';
import { sprint, sprintf, sprintln } from './fmt.ts';
import { goFunc } from './signature.ts';
import type { FuncMap, GoFunc } from './signature.ts';
import {
  GoComplex, GoNumber, byteLength, compareStrings, isGoMap, isTrue, isUnsignedType, mapGet, mapSize, sliceType, typeName,
  fromUtf8, typedSlice, utf8,
} from './values.ts';

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'invalid';

function basicKind(v: unknown): Kind {
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'string';
  }
  if (v instanceof GoNumber) return v.type === 'float32' ? 'float' : isUnsignedType(v.type) ? 'uint' : 'int';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

const numeric = (v: unknown): bigint | number => (v instanceof GoNumber ? v.value : v as bigint | number);
const isNil = (v: unknown): boolean => v === null || v === undefined;

function eqPair(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return BigInt(numeric(a)) === BigInt(numeric(b));
    if (!isNil(a) && !isNil(b)) throw new Error(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
    return false;
  }
  switch (k1) {
    case 'bool': case 'string': return a === b;
    case 'int': case 'uint': return BigInt(numeric(a)) === BigInt(numeric(b));
    case 'float': return Number(numeric(a)) === Number(numeric(b));
    case 'complex': return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
  }
  if (isNil(a) || isNil(b)) return isNil(a) === isNil(b);
  const comparable = (v: unknown): boolean => !Array.isArray(v) && !isGoMap(v) && !(v instanceof Uint8Array);
  if (Array.isArray(a) !== Array.isArray(b) || isGoMap(a) !== isGoMap(b)) {
    throw new Error(`non-comparable types ${sprintf('%s', a)}: ${typeName(a)}, ${typeName(b)}: ${sprintf('%v', b)}`);
  }
  if (!comparable(b)) throw new Error(`non-comparable type ${sprintf('%s', b)}: ${typeName(b)}`);
  return a === b;
}

function eq(arg1: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  return rest.some((b) => eqPair(arg1, b));
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return BigInt(numeric(a)) < BigInt(numeric(b));
    throw new Error(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  }
  switch (k1) {
    case 'bool': case 'complex': throw new Error('invalid type for comparison');
    case 'string': return compareStrings(a as string, b as string) < 0;
    case 'float': return Number(numeric(a)) < Number(numeric(b));
    default: return BigInt(numeric(a)) < BigInt(numeric(b));
  }
}

const le = (a: unknown, b: unknown): boolean => lt(a, b) || eq(a, b);

function indexArg(index: unknown, cap: number): number {
  let x: bigint;
  const k = basicKind(index);
  if (k === 'int' || k === 'uint') x = BigInt(numeric(index));
  else if (isNil(index)) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('index of untyped nil');
  for (const idx of indexes) {
    if (isNil(item)) throw new Error('index of nil pointer');
    if (typeof item === 'string' || item instanceof Uint8Array) {
      const bytes = typeof item === 'string' ? utf8(item) : item;
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new Error(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
      item = new GoNumber('uint8', bytes[x]!);
    } else if (Array.isArray(item)) {
      const x = indexArg(idx, item.length);
      if (x === item.length) throw new Error('reflect: slice index out of range');
      item = item[x];
    } else if (isGoMap(item)) {
      if (isNil(idx)) throw new Error('value is nil; should be of type string');
      if (typeof idx !== 'string' && !(item instanceof Map)) throw new Error(`value has type ${typeName(idx)}; should be string`);
      const r = mapGet(item, idx);
      item = r.found ? r.value : null;
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = byteLength(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    len = item.length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((x, i) => { idx[i] = indexArg(x, len); });
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return fromUtf8(utf8(item).subarray(idx[0], idx[1]));
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  const out = item.slice(idx[0], idx[1]);
  return sliceType(item) === '[]interface {}' ? out : typedSlice(out, sliceType(item));
}

function length(item: unknown): bigint {
  if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (item === null) throw new Error('len of nil pointer');
  if (typeof item === 'string') return BigInt(byteLength(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isGoMap(item)) return BigInt(mapSize(item));
  throw new Error(`len of type ${typeName(item)}`);
}

/** evalArgs of funcs.go: one string argument is used as is, anything else goes through Sprint. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(...args.map((a) => (isNil(a) ? '<no value>' : a)));
}

function call(name: string, fn: unknown, ...args: unknown[]): unknown {
  if (isNil(fn)) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function ${name} of type ${typeName(fn)}`);
  return (fn as GoFunc)(...args.map((a) => (a === undefined ? null : a)));
}

const V = 'reflect.Value' as const;
const ANY = 'interface {}' as const;

export function builtinFuncs(): FuncMap {
  return {
    and: goFunc([V], (...a: unknown[]) => a[a.length - 1], V),
    or: goFunc([V], (...a: unknown[]) => a[a.length - 1], V),
    not: goFunc([V], (a: unknown) => !isTrue(a)),
    len: goFunc([V], length),
    index: goFunc([V], index, V),
    slice: goFunc([V], slice, V),
    print: goFunc([], (...a: unknown[]) => sprint(...a), ANY),
    printf: goFunc(['string'], (f: string, ...a: unknown[]) => sprintf(f, ...a), ANY),
    println: goFunc([], (...a: unknown[]) => sprintln(...a), ANY),
    html: goFunc([], (...a: unknown[]) => htmlEscape(evalArgs(a)), ANY),
    js: goFunc([], (...a: unknown[]) => jsEscape(evalArgs(a)), ANY),
    urlquery: goFunc([], (...a: unknown[]) => queryEscape(evalArgs(a)), ANY),
    call: goFunc([V], call, V),
    eq: goFunc([V], eq, V),
    ne: goFunc([V, V], (a: unknown, b: unknown) => !eq(a, b)),
    lt: goFunc([V, V], lt),
    le: goFunc([V, V], le),
    gt: goFunc([V, V], (a: unknown, b: unknown) => !le(a, b)),
    ge: goFunc([V, V], (a: unknown, b: unknown) => !lt(a, b)),
  };
}
