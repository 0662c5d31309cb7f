// Sprig's integer and float math (numeric.go, functions.go). Integer results are int64 as in
// Sprig; the *f functions go through shopspring/decimal, so they are exact on decimal inputs.
import { randomInt } from 'node:crypto';
import { GoNumber, formatFloat, goFunc as f, sprint } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { toFloat64, toInt64 } from './convert.ts';
import { parseIntBase } from './parse-int.ts';

const i64 = (v: bigint): GoNumber => new GoNumber('int64', BigInt.asIntN(64, v));
const ANY = 'interface {}' as const;

function divide(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return a / b;
}

function modulo(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return a % b;
}

/** A decimal number coef × 10^exp, as shopspring/decimal builds it from a float64. */
interface Dec { coef: bigint; exp: number }

function decFromFloat(v: number): Dec {
  if (!Number.isFinite(v)) throw new Error(`Cannot create a Decimal from ${formatFloat(v, 'g', -1)}`);
  if (v === 0) return { coef: 0n, exp: 0 };
  const [mant, e] = v.toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '').replace('-', '');
  const fracDigits = digits.length - 1;
  const coef = BigInt(digits) * (v < 0 ? -1n : 1n);
  return { coef, exp: Number(e) - fracDigits };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * pow10(a.exp - exp), b.coef * pow10(b.exp - exp), exp];
}

const decOps: Record<string, (a: Dec, b: Dec) => Dec> = {
  add: (a, b) => { const [x, y, exp] = align(a, b); return { coef: x + y, exp }; },
  sub: (a, b) => { const [x, y, exp] = align(a, b); return { coef: x - y, exp }; },
  mul: (a, b) => ({ coef: a.coef * b.coef, exp: a.exp + b.exp }),
  div: (a, b) => {
    if (b.coef === 0n) throw new Error('decimal division by 0');
    const precision = 16;
    const k = a.exp - b.exp + precision;
    const num = a.coef * (k > 0 ? pow10(k) : 1n);
    const den = b.coef * (k < 0 ? pow10(-k) : 1n);
    let q = num / den;
    const rem = num - q * den;
    const abs = (x: bigint): bigint => (x < 0n ? -x : x);
    if (2n * abs(rem) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
    return { coef: q, exp: -precision };
  },
};

function decToFloat(d: Dec): number {
  return Number(`${d.coef}e${d.exp}`);
}

function decimalOp(op: string, first: unknown, rest: unknown[]): number {
  let acc = decFromFloat(toFloat64(first));
  for (const x of rest) acc = decOps[op]!(acc, decFromFloat(toFloat64(x)));
  return decToFloat(acc);
}

/** math.Max / math.Min with Go's NaN and signed-zero rules. */
function goMax(a: number, b: number): number {
  if (a === Infinity || b === Infinity) return Infinity;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}

function goMin(a: number, b: number): number {
  if (a === -Infinity || b === -Infinity) return -Infinity;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}

function round(a: unknown, p: bigint, ...rOpt: number[]): number {
  const roundOn = rOpt.length > 0 ? rOpt[0]! : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, Number(p));
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function atoi(s: string): bigint {
  if (!/^[+-]?\d+$/.test(s)) return 0n;
  const v = BigInt(s);
  return v >= -(1n << 63n) && v < 1n << 63n ? v : 0n;
}

export function mathFuncs(): FuncMap {
  const max = f([ANY], (a: unknown, ...i: unknown[]) => i64(i.reduce<bigint>((m, b) => { const v = toInt64(b); return v > m ? v : m; }, toInt64(a))), ANY);
  const min = f([ANY], (a: unknown, ...i: unknown[]) => i64(i.reduce<bigint>((m, b) => { const v = toInt64(b); return v < m ? v : m; }, toInt64(a))), ANY);
  return {
    atoi: f(['string'], atoi),
    int64: f([ANY], (v: unknown) => i64(toInt64(v))),
    int: f([ANY], (v: unknown) => toInt64(v)),
    float64: f([ANY], toFloat64),
    toDecimal: f([ANY], (v: unknown) => i64(parseIntBase(sprint(v), 8) ?? 0n)),
    add1: f([ANY], (i: unknown) => i64(toInt64(i) + 1n)),
    add: f([], (...i: unknown[]) => i64(i.reduce<bigint>((a, b) => a + toInt64(b), 0n)), ANY),
    sub: f([ANY, ANY], (a: unknown, b: unknown) => i64(toInt64(a) - toInt64(b))),
    div: f([ANY, ANY], (a: unknown, b: unknown) => i64(divide(toInt64(a), toInt64(b)))),
    mod: f([ANY, ANY], (a: unknown, b: unknown) => i64(modulo(toInt64(a), toInt64(b)))),
    mul: f([ANY], (a: unknown, ...v: unknown[]) => i64(v.reduce<bigint>((acc, b) => BigInt.asIntN(64, acc * toInt64(b)), toInt64(a))), ANY),
    randInt: f(['int', 'int'], (lo: bigint, hi: bigint) => {
      if (hi - lo <= 0n) throw new Error('invalid argument to Intn');
      return lo + BigInt(randomInt(Number(hi - lo)));
    }),
    add1f: f([ANY], (i: unknown) => decimalOp('add', i, [1n])),
    addf: f([], (...i: unknown[]) => decimalOp('add', 0, i), ANY),
    subf: f([ANY], (a: unknown, ...v: unknown[]) => decimalOp('sub', a, v), ANY),
    divf: f([ANY], (a: unknown, ...v: unknown[]) => decimalOp('div', a, v), ANY),
    mulf: f([ANY], (a: unknown, ...v: unknown[]) => decimalOp('mul', a, v), ANY),
    biggest: max, max, min,
    maxf: f([ANY], (a: unknown, ...i: unknown[]) => i.reduce<number>((m, b) => goMax(m, toFloat64(b)), toFloat64(a)), ANY),
    minf: f([ANY], (a: unknown, ...i: unknown[]) => i.reduce<number>((m, b) => goMin(m, toFloat64(b)), toFloat64(a)), ANY),
    ceil: f([ANY], (a: unknown) => Math.ceil(toFloat64(a))),
    floor: f([ANY], (a: unknown) => Math.floor(toFloat64(a))),
    round: f([ANY, 'int'], round, 'float64'),
  };
}
