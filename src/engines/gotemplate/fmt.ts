// Go's fmt package for the value model of values.ts: Sprint, Sprintln and Sprintf with every verb,
// flag, width and precision, and fmt's error forms (%!d(string=x), %!d(MISSING), %!(EXTRA ...)).
import { formatFloat, formatFloatBinary, formatFloatHex } from './float-format.ts';
import { quote, quoteRune, quoteToASCII, canBackquote } from './quote.ts';
import {
  GoComplex, GoNumber, hasPointerReceiver, isGoMap, isPlainMap, isStruct, isUnsignedType, mapGet, sortedKeys, typeName, utf8, fromUtf8,
} from './values.ts';

const NIL = '<nil>';

interface Flags {
  plus: boolean; minus: boolean; sharp: boolean; space: boolean; zero: boolean;
  plusV: boolean; sharpV: boolean;
  wid: number; widPresent: boolean; prec: number; precPresent: boolean;
}

const clearFlags = (): Flags => ({
  plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false,
  wid: 0, widPresent: false, prec: 0, precPresent: false,
});

const runeCount = (s: string): number => {
  let n = 0;
  for (const ch of s) { void ch; n++; }
  return n;
};

/** A value with a Go String() method (fmt.Stringer) or a JS Error (Go error). */
function stringerText(v: unknown): string | undefined {
  if (v instanceof Error) return v.message;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !isPlainMap(v)) {
    // fmt gets copies: a String method with a pointer receiver does not make a Stringer.
    const s = (v as { String?: unknown }).String;
    if (typeof s === 'function' && !hasPointerReceiver(v, 'String')) return String(s.call(v));
  }
  return undefined;
}

class Printer {
  buf = '';
  f: Flags = clearFlags();
  erroring = false;

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.f.zero ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) { this.buf += s; return; }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) { this.writePadding(width); this.buf += s; }
    else { this.buf += s; this.buf += ' '.repeat(Math.max(0, width)); }
  }

  truncate(s: string): string {
    if (this.f.precPresent) {
      const runes = [...s];
      if (runes.length > this.f.prec) return runes.slice(0, this.f.prec).join('');
    }
    return s;
  }

  fmtS(s: string): void { this.pad(this.truncate(s)); }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.f.sharp && canBackquote(s)) { this.pad(`\`${s}\``); return; }
    this.pad(this.f.plus ? quoteToASCII(s) : quote(s));
  }

  fmtSbx(bytes: Uint8Array, digits: string): void {
    let length = bytes.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.f.space) {
        if (this.f.sharp) width *= 2;
        width += length - 1;
      } else if (this.f.sharp) {
        width += 2;
      }
    } else {
      if (this.f.widPresent) this.writePadding(this.f.wid);
      return;
    }
    if (this.f.widPresent && this.f.wid > width && !this.f.minus) this.writePadding(this.f.wid - width);
    let out = '';
    if (this.f.sharp) out += `0${digits[16]}`;
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) {
        out += ' ';
        if (this.f.sharp) out += `0${digits[16]}`;
      }
      const c = bytes[i]!;
      out += digits[c >> 4]! + digits[c & 0xf]!;
    }
    this.buf += out;
    if (this.f.widPresent && this.f.wid > width && this.f.minus) this.writePadding(this.f.wid - width);
  }

  fmtInteger(value: bigint, base: number, signed: boolean, verb: string, upper: boolean): void {
    const negative = signed && value < 0n;
    let u = negative ? -value : value;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = oldZero;
        return;
      }
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    u = 0n;
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (this.f.sharp) {
      if (base === 2) digits = `0b${digits}`;
      else if (base === 8 && digits[0] !== '0') digits = `0${digits}`;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = `0o${digits}`;
    if (negative) digits = `-${digits}`;
    else if (this.f.plus) digits = `+${digits}`;
    else if (this.f.space) digits = ` ${digits}`;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(digits);
    this.f.zero = oldZero;
  }

  fmtFloatWith(v: number, bits: 32 | 64, verb: string, prec: number): void {
    if (this.f.precPresent) prec = this.f.prec;
    const fverb = verb === 'F' ? 'f' : verb;
    let num: string;
    if (fverb === 'b') num = formatFloatBinary(v, bits);
    else if (fverb === 'x' || fverb === 'X') num = formatFloatHex(v, prec, fverb === 'X', bits);
    else num = formatFloat(v, fverb, prec, bits);
    if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.sharp && verb !== 'b') {
      num = sharpFloat(num, fverb === 'g' && verb === 'v' ? 'v' : fverb, this.f.precPresent ? this.f.prec : prec);
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  badVerb(verb: string, arg: unknown, hasArg: boolean): void {
    this.erroring = true;
    this.buf += `%!${verb}(`;
    if (hasArg && arg !== null && arg !== undefined) {
      this.buf += `${typeName(arg)}=`;
      this.printArg(arg, 'v');
    } else {
      this.buf += NIL;
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, v, true);
  }

  fmtIntegerVerb(value: bigint, signed: boolean, verb: string, arg: unknown): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !signed) { this.f.sharp = true; this.fmtInteger(value, 16, false, verb, false); this.f.sharp = false; }
        else this.fmtInteger(value, 10, signed, verb, false);
        return;
      case 'd': this.fmtInteger(value, 10, signed, verb, false); return;
      case 'b': this.fmtInteger(value, 2, signed, verb, false); return;
      case 'o': case 'O': this.fmtInteger(value, 8, signed, verb, false); return;
      case 'x': this.fmtInteger(value, 16, signed, verb, false); return;
      case 'X': this.fmtInteger(value, 16, signed, verb, true); return;
      case 'c': this.pad(runeString(value)); return;
      case 'q': this.pad(quoteRune(runeString(value), this.f.plus)); return;
      case 'U': {
        let s = `U+${(value < 0n ? BigInt.asUintN(64, value) : value).toString(16).toUpperCase().padStart(4, '0')}`;
        if (this.f.precPresent && this.f.prec > 4) {
          s = `U+${value.toString(16).toUpperCase().padStart(this.f.prec, '0')}`;
        }
        if (this.f.sharp && value >= 0n && value <= 0x10ffffn && isPrintRune(Number(value))) {
          s += ` '${String.fromCodePoint(Number(value))}'`;
        }
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.pad(s);
        this.f.zero = oldZero;
        return;
      }
      default: this.badVerb(verb, arg, true);
    }
  }

  fmtFloatVerb(v: number, bits: 32 | 64, verb: string, arg: unknown): void {
    switch (verb) {
      case 'v': this.fmtFloatWith(v, bits, 'g', -1); return;
      case 'g': case 'G': case 'b': case 'x': case 'X': this.fmtFloatWith(v, bits, verb, -1); return;
      case 'f': case 'e': case 'E': case 'F': this.fmtFloatWith(v, bits, verb, 6); return;
      default: this.badVerb(verb, arg, true);
    }
  }

  fmtComplex(v: GoComplex, verb: string): void {
    if (!'vbgGxXfFeE'.includes(verb)) { this.badVerb(verb, v, true); return; }
    const oldPlus = this.f.plus;
    this.buf += '(';
    this.fmtFloatVerb(v.re, 64, verb, v);
    // The imaginary part always has a sign.
    this.f.plus = true;
    this.fmtFloatVerb(v.im, 64, verb, v);
    this.buf += 'i)';
    this.f.plus = oldPlus;
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v': if (this.f.sharpV) this.fmtQ(v); else this.fmtS(v); return;
      case 's': this.fmtS(v); return;
      case 'x': this.fmtSbx(utf8(v), '0123456789abcdefx'); return;
      case 'X': this.fmtSbx(utf8(v), '0123456789ABCDEFX'); return;
      case 'q': this.fmtQ(v); return;
      default: this.badVerb(verb, v, true);
    }
  }

  fmtBytes(v: Uint8Array, verb: string): void {
    switch (verb) {
      case 'v': case 'd': {
        if (this.f.sharpV) {
          this.buf += '[]byte{';
          v.forEach((c, i) => {
            if (i > 0) this.buf += ', ';
            this.f.sharp = true;
            this.fmtInteger(BigInt(c), 16, false, 'v', false);
            this.f.sharp = false;
          });
          this.buf += '}';
          return;
        }
        this.buf += '[';
        v.forEach((c, i) => {
          if (i > 0) this.buf += ' ';
          this.fmtInteger(BigInt(c), 10, false, verb, false);
        });
        this.buf += ']';
        return;
      }
      case 's': this.fmtS(fromUtf8(v)); return;
      case 'x': this.fmtSbx(v, '0123456789abcdefx'); return;
      case 'X': this.fmtSbx(v, '0123456789ABCDEFX'); return;
      case 'q': this.fmtQ(fromUtf8(v)); return;
      default: this.printValue(Array.from(v, (b) => new GoNumber('uint8', b)), verb, 0);
    }
  }

  handleMethods(arg: unknown, verb: string): boolean {
    if (this.erroring || this.f.sharpV) return false;
    if (!'vsxXq'.includes(verb)) return false;
    const text = stringerText(arg);
    if (text === undefined) return false;
    this.fmtString(text, verb);
    return true;
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad(NIL);
      else this.badVerb(verb, arg, false);
      return;
    }
    if (verb === 'T') { this.fmtS(typeName(arg)); return; }
    if (this.printBasic(arg, verb)) return;
    if (this.handleMethods(arg, verb)) return;
    this.printValue(arg, verb, 0);
  }

  /** Formats bool, numbers, strings and []byte; false for other kinds. */
  printBasic(arg: unknown, verb: string): boolean {
    switch (typeof arg) {
      case 'boolean': this.fmtBool(arg, verb); return true;
      case 'number': this.fmtFloatVerb(arg, 64, verb, arg); return true;
      case 'bigint': this.fmtIntegerVerb(arg, true, verb, arg); return true;
      case 'string': this.fmtString(arg, verb); return true;
    }
    if (arg instanceof GoNumber) {
      if (arg.type === 'float32') this.fmtFloatVerb(Number(arg.value), 32, verb, arg);
      else this.fmtIntegerVerb(BigInt(arg.value), !isUnsignedType(arg.type), verb, arg);
      return true;
    }
    if (arg instanceof Uint8Array) { this.fmtBytes(arg, verb); return true; }
    if (arg instanceof GoComplex) { this.fmtComplex(arg, verb); return true; }
    return false;
  }

  printValue(value: unknown, verb: string, depth: number): void {
    if (depth > 0 && value !== null && value !== undefined && this.handleMethods(value, verb)) return;
    if (value === null || value === undefined) {
      if (depth === 0 && value === undefined) { this.buf += '<invalid reflect.Value>'; return; }
      // A nil inside a composite is written as is: no padding (fmt's printValue).
      this.buf += this.f.sharpV ? 'interface {}(nil)' : NIL;
      return;
    }
    if (this.printBasic(value, verb)) return;
    if (typeof value === 'function') {
      this.buf += this.f.sharpV ? `(${typeName(value)})(0x0)` : '0x0';
      return;
    }
    if (Array.isArray(value)) {
      if (this.f.sharpV) {
        this.buf += `${typeName(value)}{`;
        value.forEach((e, i) => { if (i > 0) this.buf += ', '; this.printValue(e, verb, depth + 1); });
        this.buf += '}';
        return;
      }
      this.buf += '[';
      value.forEach((e, i) => { if (i > 0) this.buf += ' '; this.printValue(e, verb, depth + 1); });
      this.buf += ']';
      return;
    }
    if (isGoMap(value)) {
      this.buf += this.f.sharpV ? `${typeName(value)}{` : 'map[';
      sortedKeys(value).forEach((k, i) => {
        if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
        this.printValue(k, verb, depth + 1);
        this.buf += ':';
        this.printValue(mapGet(value, k).value, verb, depth + 1);
      });
      this.buf += this.f.sharpV ? '}' : ']';
      return;
    }
    if (isStruct(value)) {
      if (depth === 0 && typeName(value).startsWith('*')) this.buf += '&'; // value structs (goTypeName without '*') print without '&'
      if (this.f.sharpV) this.buf += typeName(value).replace(/^\*/, '');
      this.buf += '{';
      const fields = Object.entries(value).filter(([, v]) => typeof v !== 'function');
      fields.forEach(([name, v], i) => {
        if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
        if (this.f.plusV || this.f.sharpV) this.buf += `${name}:`;
        this.printValue(v, verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    this.buf += String(value);
  }

  doPrintf(format: string, a: unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    const argNumber = (i: number): number => {
      if (i >= end || format[i] !== '[') return i;
      reordered = true;
      const close = format.indexOf(']', i + 1);
      if (close < 0) { goodArgNum = false; return end; }
      const text = format.slice(i + 1, close);
      const n = /^\d+$/.test(text) ? Number(text) : NaN;
      if (!(n >= 1 && n <= a.length)) { goodArgNum = false; return close + 1; }
      argNum = n - 1;
      afterIndex = true;
      return close + 1;
    };
    const parseNum = (i: number): [number, boolean, number] => {
      let num = 0;
      let present = false;
      while (i < end && format[i]! >= '0' && format[i]! <= '9') {
        if (num > 1e6) return [0, false, end];
        num = num * 10 + Number(format[i]);
        present = true;
        i++;
      }
      return [num, present, i];
    };
    const intFromArg = (): [number, boolean] => {
      let n = 0;
      let ok = false;
      if (argNum < a.length) {
        const arg = a[argNum];
        if (typeof arg === 'bigint' || (arg instanceof GoNumber && arg.type !== 'float32')) {
          const v = typeof arg === 'bigint' ? arg : BigInt(arg.value);
          ok = v >= -1000000n && v <= 1000000n;
          n = ok ? Number(v) : 0;
        }
        argNum++;
      }
      return [n, ok];
    };

    for (let i = 0; i < end;) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.f = clearFlags();
      afterIndex = false;
      let simple = false;
      for (; i < end; i++) {
        const c = format[i]!;
        if (c === '#') this.f.sharp = true;
        else if (c === '0') this.f.zero = !this.f.minus;
        else if (c === '+') this.f.plus = true;
        else if (c === '-') { this.f.minus = true; this.f.zero = false; }
        else if (c === ' ') this.f.space = true;
        else {
          if (c >= 'a' && c <= 'z' && argNum < a.length) {
            if (c === 'v') {
              this.f.sharpV = this.f.sharp; this.f.sharp = false;
              this.f.plusV = this.f.plus; this.f.plus = false;
            }
            this.printArg(a[argNum], c);
            argNum++;
            i++;
            simple = true;
          }
          break;
        }
      }
      if (simple) continue;

      i = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        [this.f.wid, this.f.widPresent] = intFromArg();
        if (!this.f.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.f.wid < 0) { this.f.wid = -this.f.wid; this.f.minus = true; this.f.zero = false; }
        afterIndex = false;
      } else {
        [this.f.wid, this.f.widPresent, i] = parseNum(i);
        if (afterIndex && this.f.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        i = argNumber(i);
        if (i < end && format[i] === '*') {
          i++;
          [this.f.prec, this.f.precPresent] = intFromArg();
          if (this.f.prec < 0) { this.f.prec = 0; this.f.precPresent = false; }
          if (!this.f.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.f.prec, this.f.precPresent, i] = parseNum(i);
          if (!this.f.precPresent) { this.f.prec = 0; this.f.precPresent = true; }
        }
      }
      if (!afterIndex) i = argNumber(i);
      if (i >= end) { this.buf += '%!(NOVERB)'; break; }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') { this.buf += '%'; continue; }
      if (!goodArgNum) { this.buf += `%!${verb}(BADINDEX)`; continue; }
      if (argNum >= a.length) { this.buf += `%!${verb}(MISSING)`; continue; }
      if (verb === 'v') {
        this.f.sharpV = this.f.sharp; this.f.sharp = false;
        this.f.plusV = this.f.plus; this.f.plus = false;
      }
      this.printArg(a[argNum], verb);
      argNum++;
    }
    if (!reordered && argNum < a.length) {
      this.f = clearFlags();
      this.buf += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, i) => {
        if (i > 0) this.buf += ', ';
        if (arg === null || arg === undefined) this.buf += NIL;
        else { this.buf += `${typeName(arg)}=`; this.printArg(arg, 'v'); }
      });
      this.buf += ')';
    }
  }
}

/**
 * The '#' flag for floats: always print a decimal point and, for %g/%v/%x, keep trailing zeros
 * up to the precision (6 by default). num starts with its sign character.
 */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
  let tail = '';
  let hasPoint = false;
  let sawNonzero = false;
  for (let i = 1; i < num.length; i++) {
    const c = num[i]!;
    if (c === '.') { hasPoint = true; continue; }
    if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    }
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!hasPoint) {
    if (num.length === 2 && num[1] === '0') digits--;
    num += '.';
  }
  while (digits > 0) { num += '0'; digits--; }
  return num + tail;
}

function isPrintRune(cp: number): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(String.fromCodePoint(cp));
}

function runeString(v: bigint): string {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)) return '\ufffd';
  return String.fromCodePoint(Number(v));
}

export function sprintf(format: string, ...args: unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(...args: unknown[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.f = clearFlags();
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.buf;
}

export function sprintln(...args: unknown[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.f = clearFlags();
    p.printArg(arg, 'v');
  });
  return `${p.buf}\n`;
}
