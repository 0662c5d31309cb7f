// Value conversions shared by Sprig functions: spf13/cast's ToInt64/ToFloat64 (lenient: bad
// input becomes 0), Sprig's strval, and Sprig's notion of "empty".
import { GoComplex, GoNumber, fromUtf8, hasPointerReceiver, isGoMap, isStruct, kindOf, mapSize, sprintf, typeName } from '../gotemplate/index.ts';
import { parseInt64Base0 } from './parse-int.ts';

/** cast.ToInt64: numbers truncate, strings parse with base prefixes, anything else is 0. */
export function toInt64(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoNumber) return typeof v.value === 'bigint' ? v.value : truncate(v.value);
  if (typeof v === 'number') return truncate(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') return parseInt64Base0(trimZeroDecimal(v)) ?? 0n;
  return 0n;
}

function truncate(f: number): bigint {
  if (!Number.isFinite(f)) return -(1n << 63n);
  return BigInt.asIntN(64, BigInt(Math.trunc(f)));
}

/** cast's trimZeroDecimal: "8.00" → "8", "8.5" unchanged. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') return foundZero ? s.slice(0, i - 1) : s;
    if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** cast.ToFloat64. */
export function toFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoNumber) return Number(v.value);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim() === v ? v.replaceAll('_', '') : '';
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s)) {
      if (/inf/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
      if (/nan/i.test(s)) return NaN;
      return Number(s);
    }
    return 0;
  }
  return 0;
}

/** Sprig's strval: strings as is, []byte decoded, errors and Stringers by method, else %v. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return fromUtf8(v);
  if (v instanceof Error) return v.message;
  if (v !== null && typeof v === 'object' && typeof (v as { String?: unknown }).String === 'function' && !hasPointerReceiver(v, 'String')) {
    return String((v as { String(): unknown }).String());
  }
  return sprintf('%v', v);
}

/** Sprig's empty(): nil, zero numbers, false, and empty strings/slices/maps. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string': return v.length === 0;
    case 'boolean': return !v;
    case 'number': return v === 0;
    case 'bigint': return v === 0n;
  }
  if (v instanceof GoNumber) return Number(v.value) === 0;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isGoMap(v)) return mapSize(v) === 0;
  if (isStruct(v)) return false;
  return false;
}

/** reflect.Kind name of a value's type, as Sprig's error texts print it ("Cannot push on type X"). */
export function kindName(v: unknown): string {
  if (v === null || v === undefined) throw new Error('runtime error: invalid memory address or nil pointer dereference');
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (isGoMap(v)) return 'map';
  if (v instanceof GoNumber) return v.type;
  if (typeof v === 'object') return kindOf(v);
  return typeName(v);
}
