// Go's strconv float formatting (%e %f %g, shortest and fixed precision), working on exact
// decimal expansions so rounding is round-half-even on the true binary value, as strconv does.

interface Decimal {
  d: string; // significant digits, no leading or trailing zeros ('' for zero)
  dp: number; // position of the decimal point relative to the start of d
}

/** Shortest digits that round-trip (what %v and strconv's -1 precision use). */
function shortestDecimal(v: number, bits: 32 | 64): Decimal {
  if (v === 0) return { d: '', dp: 0 };
  let exp: string;
  if (bits === 64) {
    exp = v.toExponential();
  } else {
    exp = v.toExponential(8);
    for (let p = 0; p <= 8; p++) {
      const cand = v.toExponential(p);
      if (Math.fround(Number(cand)) === v) { exp = cand; break; }
    }
  }
  const [mant, e] = exp.split('e') as [string, string];
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e) + 1 };
}

/** The exact decimal expansion of a finite positive double. */
function exactDecimal(v: number): Decimal {
  if (v === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biasedExp === 0) e = -1074;
  else { mant |= 1n << 52n; e = biasedExp - 1075; }
  let digits: string;
  let dp: number;
  if (e >= 0) {
    digits = (mant << BigInt(e)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e)).toString();
    dp = digits.length + e;
  }
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  dp -= lead;
  return { d: digits.replace(/0+$/, ''), dp };
}

function round(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const c = a.d[nd]!;
  const up = c === '5' && nd + 1 === a.d.length
    ? nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1
    : c >= '5';
  if (!up) return { d: a.d.slice(0, nd).replace(/0+$/, ''), dp: a.dp };
  let i = nd - 1;
  while (i >= 0 && a.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
}

function fmtE(a: Decimal, prec: number, e: 'e' | 'E'): string {
  let s = a.d.length ? a.d[0]! : '0';
  if (prec > 0) {
    s += '.';
    const m = Math.min(a.d.length, prec + 1);
    s += a.d.slice(1, m);
    s += '0'.repeat(Math.max(0, prec + 1 - Math.max(m, 1)));
  }
  const exp = a.d.length === 0 ? 0 : a.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(a: Decimal, prec: number): string {
  let s: string;
  if (a.dp > 0) {
    const m = Math.min(a.d.length, a.dp);
    s = a.d.slice(0, m) + '0'.repeat(a.dp - m);
  } else {
    s = '0';
  }
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      s += j >= 0 && j < a.d.length ? a.d[j] : '0';
    }
  }
  return s;
}

/**
 * strconv.FormatFloat(v, verb, prec, bits) for verbs e E f F g G; prec -1 means shortest.
 * Returns the text with a leading '-' for negative numbers, "+Inf", "-Inf" or "NaN".
 */
export function formatFloat(v: number, verb: string, prec: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  const shortest = prec < 0;
  let digs: Decimal;
  if (shortest) {
    digs = shortestDecimal(abs, bits);
    switch (verb) {
      case 'e': case 'E': prec = Math.max(digs.d.length - 1, 0); break;
      case 'f': case 'F': prec = Math.max(digs.d.length - digs.dp, 0); break;
      default: prec = digs.d.length;
    }
  } else {
    const exact = exactDecimal(abs);
    switch (verb) {
      case 'e': case 'E': digs = round(exact, prec + 1); break;
      case 'f': case 'F': digs = round(exact, exact.dp + prec); break;
      default:
        if (prec === 0) prec = 1;
        digs = round(exact, prec);
    }
  }
  const sign = neg ? '-' : '';
  switch (verb) {
    case 'e': case 'E': return sign + fmtE(digs, prec, verb);
    case 'f': case 'F': return sign + fmtF(digs, prec);
  }
  // %g / %G
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > digs.d.length) prec = digs.d.length;
    return sign + fmtE(digs, prec - 1, verb === 'G' ? 'E' : 'e');
  }
  if (prec > digs.dp) prec = digs.d.length;
  return sign + fmtF(digs, Math.max(prec - digs.dp, 0));
}

/** Mantissa and binary exponent of a finite float as strconv sees it (value = mant × 2^(exp − mantbits)). */
function floatParts(v: number, bits: 32 | 64): { mant: bigint; exp: number; mantbits: number } {
  const mantbits = bits === 64 ? 52 : 23;
  const view = new DataView(new ArrayBuffer(8));
  let raw: bigint;
  let expBits: number;
  if (bits === 64) {
    view.setFloat64(0, v);
    raw = view.getBigUint64(0);
    expBits = 11;
  } else {
    view.setFloat32(0, v);
    raw = BigInt(view.getUint32(0));
    expBits = 8;
  }
  let exp = Number((raw >> BigInt(mantbits)) & ((1n << BigInt(expBits)) - 1n));
  let mant = raw & ((1n << BigInt(mantbits)) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << BigInt(mantbits);
  exp += bits === 64 ? -1023 : -127;
  return { mant, exp, mantbits };
}

/** strconv's %b for floats: decimal mantissa, 'p', binary exponent ("4503599627370496p-52"). */
export function formatFloatBinary(v: number, bits: 32 | 64 = 64): string {
  if (!Number.isFinite(v)) return formatFloat(v, 'g', -1, bits);
  const neg = v < 0 || Object.is(v, -0);
  const { mant, exp, mantbits } = floatParts(Math.abs(v), bits);
  const e = exp - mantbits;
  return `${neg ? '-' : ''}${mant}p${e >= 0 ? '+' : ''}${e}`;
}

/** strconv's %x/%X for floats: "0x1.921f9f01b866ep+01", with optional hex-digit precision. */
export function formatFloatHex(v: number, prec: number, upper: boolean, bits: 32 | 64 = 64): string {
  if (!Number.isFinite(v)) return formatFloat(v, 'g', -1, bits);
  const neg = v < 0 || Object.is(v, -0);
  let { mant, exp } = floatParts(Math.abs(v), bits);
  const { mantbits } = floatParts(1, bits);
  if (mant === 0n) exp = 0;
  mant <<= BigInt(60 - mantbits);
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) { mant <<= 1n; exp--; }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if (mant & (1n << 61n)) { mant >>= 1n; exp++; }
  }
  const hex = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = `${neg ? '-' : ''}0${upper ? 'X' : 'x'}${(mant >> 60n) & 1n}`;
  const mask = (1n << 64n) - 1n;
  mant = (mant << 4n) & mask;
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) { s += hex[Number((mant >> 60n) & 15n)]; mant = (mant << 4n) & mask; }
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) { s += hex[Number((mant >> 60n) & 15n)]; mant = (mant << 4n) & mask; }
  }
  s += upper ? 'P' : 'p';
  s += exp < 0 ? '-' : '+';
  return s + String(Math.abs(exp)).padStart(2, '0');
}
