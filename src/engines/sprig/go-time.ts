// Go's time.Time and time.Duration for Sprig's date functions: reference-layout formatting
// and parsing ("2006-01-02T15:04:05Z07:00"), Duration.String and ParseDuration.
// Zones: "UTC", "Local" (the engine is pure and has no zone of its own: Local is UTC, as in
// Helm's usual container) and IANA names: offsets through Intl, abbreviations from the tz
// database files Go itself reads.
import { zoneAbbreviation } from './tzif.ts';

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface Zone { name: string; offsetAt(unixSeconds: number): { offset: number; abbrev: string } }

export const UTC: Zone = { name: 'UTC', offsetAt: () => ({ offset: 0, abbrev: 'UTC' }) };

/** time.LoadLocation; undefined for unknown zones. */
export function loadLocation(name: string): Zone | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return UTC;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return undefined;
  }
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric',
    minute: 'numeric', second: 'numeric', timeZoneName: 'short',
  });
  // en-US names American zones (EST), en-GB European ones (CET); others fall back to offsets.
  const gb = new Intl.DateTimeFormat('en-GB', { timeZone: name, timeZoneName: 'short' });
  return {
    name,
    offsetAt(unixSeconds: number) {
      const parts = Object.fromEntries(fmt.formatToParts(new Date(unixSeconds * 1000)).map((p) => [p.type, p.value]));
      const asUTC = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
      const offset = Math.round((asUTC - unixSeconds * 1000) / 1000);
      let abbrev = zoneAbbreviation(name, unixSeconds, offset) ?? parts.timeZoneName ?? '';
      if (/^GMT[+-]/.test(abbrev)) abbrev = gb.formatToParts(new Date(unixSeconds * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? abbrev;
      if (/^GMT[+-]?/.test(abbrev) || abbrev === 'UTC') abbrev = offset === 0 && abbrev !== 'UTC' ? 'GMT' : formatNumericZone(offset);
      return { offset, abbrev };
    },
  };
}

/** Go names zones without an abbreviation by their offset: "+03", "-0330". */
function formatNumericZone(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = String(Math.floor(abs / 3600)).padStart(2, '0');
  const m = Math.floor((abs % 3600) / 60);
  return m === 0 ? `${sign}${h}` : `${sign}${h}${String(m).padStart(2, '0')}`;
}

export class GoTime {
  static goTypeName = 'time.Time';
  readonly #sec: number; // Unix seconds
  readonly #nsec: number; // 0..999999999
  readonly #zone: Zone;
  /** Monotonic clock reading (ns since process start) of times from now(); String prints it as m=±s. */
  readonly #mono: bigint | undefined;

  constructor(unixSeconds: number, nanos: number, zone: Zone = UTC, mono?: bigint) {
    this.#sec = unixSeconds;
    this.#nsec = nanos;
    this.#zone = zone;
    this.#mono = mono;
  }

  static now(): GoTime {
    const mono = process.hrtime.bigint() - HR_ORIGIN;
    const ns = mono + WALL_ORIGIN;
    return new GoTime(Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n), UTC, mono);
  }

  get unixSeconds(): number { return this.#sec; }
  get nanos(): number { return this.#nsec; }
  get zone(): Zone { return this.#zone; }

  // In/UTC strip the monotonic reading, as Go's do.
  In(zone: Zone): GoTime { return new GoTime(this.#sec, this.#nsec, zone); }
  UTC(): GoTime { return this.In(UTC); }
  Unix(): bigint { return BigInt(this.#sec); }
  UnixNano(): bigint { return BigInt(this.#sec) * 1_000_000_000n + BigInt(this.#nsec); }
  Add(d: bigint): GoTime {
    const total = this.UnixNano() + d;
    const sec = total / 1_000_000_000n - (total % 1_000_000_000n < 0n ? 1n : 0n);
    const mono = this.#mono === undefined ? undefined : this.#mono + d;
    return new GoTime(Number(sec), Number(total - sec * 1_000_000_000n), this.#zone, mono);
  }
  Format(layout: string): string { return formatTime(this, layout); }
  String(): string {
    const s = formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
    if (this.#mono === undefined) return s;
    const m = this.#mono < 0n ? -this.#mono : this.#mono;
    return `${s} m=${this.#mono < 0n ? '-' : '+'}${m / 1_000_000_000n}.${String(m % 1_000_000_000n).padStart(9, '0')}`;
  }
  Year(): bigint { return BigInt(this.fields().year); }
  Day(): bigint { return BigInt(this.fields().day); }
  Hour(): bigint { return BigInt(this.fields().hour); }
  Minute(): bigint { return BigInt(this.fields().minute); }
  Second(): bigint { return BigInt(this.fields().second); }
  MarshalJSON(): string { return `"${formatTime(this, '2006-01-02T15:04:05.999999999Z07:00')}"`; }

  fields(): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number; yday: number; offset: number; abbrev: string } {
    const { offset, abbrev } = this.#zone.offsetAt(this.#sec);
    const d = new Date((this.#sec + offset) * 1000);
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    return {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
      minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay(),
      yday: Math.floor((d.getTime() - start) / 86400000) + 1, offset, abbrev,
    };
  }
}

const HR_ORIGIN = process.hrtime.bigint();
const WALL_ORIGIN = BigInt(Date.now()) * 1_000_000n;

// Layout tokens, longest first where one is a prefix of another.
const TOKENS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST',
  'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07',
  '2006', '002', '01', '02', '03', '04', '05', '06', '__2', '_2', '15', 'PM', 'pm',
  '1', '2', '3', '4', '5',
];

interface Chunk { literal?: string; token?: string; frac?: { digits: number; trim: boolean; sep: string } }

function parseLayout(layout: string): Chunk[] {
  const chunks: Chunk[] = [];
  let lit = '';
  for (let i = 0; i < layout.length;) {
    const fracMatch = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fracMatch) {
      if (lit) { chunks.push({ literal: lit }); lit = ''; }
      chunks.push({ frac: { digits: fracMatch[1]!.length, trim: fracMatch[1]![0] === '9', sep: layout[i]! } });
      i += fracMatch[0].length;
      continue;
    }
    const tok = TOKENS.find((t) => layout.startsWith(t, i) && tokenAllowed(layout, i, t));
    if (tok) {
      if (lit) { chunks.push({ literal: lit }); lit = ''; }
      chunks.push({ token: tok });
      i += tok.length;
      continue;
    }
    lit += layout[i];
    i++;
  }
  if (lit) chunks.push({ literal: lit });
  return chunks;
}

/** Go only treats "Jan"/"Mon" as tokens when not followed by a lower-case letter ("Month" is literal). */
function tokenAllowed(layout: string, i: number, t: string): boolean {
  if (t === '_2' && layout.startsWith('_2006', i)) return false;
  if (t === 'Jan' || t === 'Mon') {
    const next = layout[i + t.length];
    return !(next !== undefined && next >= 'a' && next <= 'z');
  }
  return true;
}

const pad = (n: number, w: number, ch = '0'): string => String(n).padStart(w, ch);

function formatZone(offset: number, token: string): string {
  if (token.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = pad(Math.floor(abs / 3600), 2);
  const m = pad(Math.floor((abs % 3600) / 60), 2);
  const s = pad(abs % 60, 2);
  const body = token.replace(/^Z/, '-');
  switch (body) {
    case '-07': return `${sign}${h}`;
    case '-0700': return `${sign}${h}${m}`;
    case '-07:00': return `${sign}${h}:${m}`;
    case '-070000': return `${sign}${h}${m}${s}`;
    default: return `${sign}${h}:${m}:${s}`;
  }
}

export function formatTime(t: GoTime, layout: string): string {
  const f = t.fields();
  let out = '';
  for (const c of parseLayout(layout)) {
    if (c.literal !== undefined) { out += c.literal; continue; }
    if (c.frac) {
      let digits = pad(t.nanos, 9).slice(0, c.frac.digits);
      if (c.frac.trim) {
        digits = pad(t.nanos, 9).replace(/0+$/, '').slice(0, c.frac.digits);
        if (digits === '') continue;
      }
      out += c.frac.sep + digits;
      continue;
    }
    const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (c.token) {
      case 'January': out += LONG_MONTHS[f.month - 1]; break;
      case 'Jan': out += LONG_MONTHS[f.month - 1]!.slice(0, 3); break;
      case 'Monday': out += LONG_DAYS[f.weekday]; break;
      case 'Mon': out += LONG_DAYS[f.weekday]!.slice(0, 3); break;
      case 'MST': out += f.abbrev; break;
      case '2006': out += pad(f.year, 4); break;
      case '06': out += pad(f.year % 100, 2); break;
      case '01': out += pad(f.month, 2); break;
      case '1': out += String(f.month); break;
      case '02': out += pad(f.day, 2); break;
      case '_2': out += pad(f.day, 2, ' '); break;
      case '2': out += String(f.day); break;
      case '__2': out += pad(f.yday, 3, ' '); break;
      case '002': out += pad(f.yday, 3); break;
      case '15': out += pad(f.hour, 2); break;
      case '03': out += pad(hour12, 2); break;
      case '3': out += String(hour12); break;
      case '04': out += pad(f.minute, 2); break;
      case '4': out += String(f.minute); break;
      case '05': out += pad(f.second, 2); break;
      case '5': out += String(f.second); break;
      case 'PM': out += f.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += f.hour >= 12 ? 'pm' : 'am'; break;
      default: out += formatZone(f.offset, c.token!);
    }
  }
  return out;
}

/** time.ParseInLocation for the common layouts; throws Go-style "parsing time" errors. */
export function parseTime(layout: string, value: string, zone: Zone): GoTime {
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanos = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let rest = value;
  let elem = '';
  const fail = (): never => {
    throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  };
  const takeNum = (min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(rest);
    if (!m) fail();
    rest = rest.slice(m![0].length);
    return Number(m![0]);
  };
  for (const c of parseLayout(layout)) {
    elem = c.literal ?? c.token ?? '';
    if (c.literal !== undefined) {
      if (!rest.startsWith(c.literal)) fail();
      rest = rest.slice(c.literal.length);
      continue;
    }
    if (c.frac) {
      const m = /^[.,](\d+)/.exec(rest);
      if (m) { nanos = Number(m[1]!.slice(0, 9).padEnd(9, '0')); rest = rest.slice(m[0].length); }
      else if (!c.frac.trim) fail();
      continue;
    }
    switch (c.token) {
      case 'January': case 'Jan': {
        const i = LONG_MONTHS.findIndex((mo) => rest.startsWith(c.token === 'Jan' ? mo.slice(0, 3) : mo));
        if (i < 0) fail();
        rest = rest.slice(c.token === 'Jan' ? 3 : LONG_MONTHS[i]!.length);
        month = i + 1;
        break;
      }
      case 'Monday': case 'Mon': {
        const i = LONG_DAYS.findIndex((d) => rest.startsWith(c.token === 'Mon' ? d.slice(0, 3) : d));
        if (i < 0) fail();
        rest = rest.slice(c.token === 'Mon' ? 3 : LONG_DAYS[i]!.length);
        break;
      }
      case '2006': year = takeNum(4, 4); break;
      case '06': { const y = takeNum(2, 2); year = y >= 69 ? 1900 + y : 2000 + y; break; }
      case '01': month = takeNum(2, 2); break;
      case '1': month = takeNum(1, 2); break;
      case '02': day = takeNum(2, 2); break;
      case '_2': rest = rest.replace(/^ /, ''); day = takeNum(1, 2); break;
      case '2': day = takeNum(1, 2); break;
      case '15': hour = takeNum(2, 2); break;
      case '03': hour = takeNum(2, 2); break;
      case '3': hour = takeNum(1, 2); break;
      case '04': minute = takeNum(2, 2); break;
      case '4': minute = takeNum(1, 2); break;
      case '05': second = takeNum(2, 2); break;
      case '5': second = takeNum(1, 2); break;
      case 'PM': case 'pm': {
        const m = /^(AM|PM|am|pm)/.exec(rest);
        if (!m) fail();
        pm = m![0].toUpperCase() === 'PM';
        rest = rest.slice(2);
        break;
      }
      case 'MST': {
        const m = /^[A-Z]{3,5}|^[+-]\d+/.exec(rest);
        if (!m) fail();
        if (m![0] === 'UTC' || m![0] === 'GMT') offset = 0;
        rest = rest.slice(m![0].length);
        break;
      }
      default: {
        if (c.token!.startsWith('Z') && rest.startsWith('Z')) { offset = 0; rest = rest.slice(1); break; }
        const m = /^([+-])(\d\d):?(\d\d)?(?::?(\d\d))?/.exec(rest);
        if (!m) fail();
        offset = (m![1] === '-' ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0));
        rest = rest.slice(m![0].length);
      }
    }
  }
  if (rest !== '') throw new Error(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(rest)}`);
  if (pm !== undefined) {
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (month < 1 || month > 12) throw new Error(`parsing time ${JSON.stringify(value)}: month out of range`);
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day < 1 || day > daysInMonth) throw new Error(`parsing time ${JSON.stringify(value)}: day out of range`);
  if (hour >= 24) throw new Error(`parsing time ${JSON.stringify(value)}: hour out of range`);
  if (minute >= 60) throw new Error(`parsing time ${JSON.stringify(value)}: minute out of range`);
  if (second >= 60) throw new Error(`parsing time ${JSON.stringify(value)}: second out of range`);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  const fixYear = year < 100 ? new Date(Date.UTC(2000, month - 1, day, hour, minute, second)).setUTCFullYear(year) / 1000 : wall;
  const local = fixYear;
  if (offset !== undefined) {
    const z = offset === 0 ? UTC : fixedZone(offset);
    return new GoTime(local - offset, nanos, zone === UTC && offset === 0 ? UTC : z);
  }
  const guess = zone.offsetAt(local).offset;
  const off = zone.offsetAt(local - guess).offset;
  return new GoTime(local - off, nanos, zone);
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

function fixedZone(offset: number): Zone {
  return { name: '', offsetAt: () => ({ offset, abbrev: '' }) };
}

const UNITS: [string, bigint][] = [['ns', 1n], ['us', 1000n], ['µs', 1000n], ['μs', 1000n], ['ms', 1_000_000n], ['s', 1_000_000_000n], ['m', 60_000_000_000n], ['h', 3_600_000_000_000n]];

/** time.ParseDuration. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const invalid = (): never => { throw new Error(`time: invalid duration ${JSON.stringify(orig)}`); };
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0n;
  if (s === '') invalid();
  let total = 0;
  let totalBig = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') invalid();
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = UNITS.find(([n]) => n === u[0]);
    if (!unit) throw new Error(`time: unknown unit ${JSON.stringify(u[0])} in duration ${JSON.stringify(orig)}`);
    s = s.slice(u[0].length);
    totalBig += BigInt(m[1] || '0') * unit[1];
    if (m[2]) total += Number(`0.${m[2]}`) * Number(unit[1]);
  }
  const v = totalBig + BigInt(Math.floor(total));
  return neg ? -v : v;
}

/** time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    let unit: string;
    let prec: number;
    if (u < 1000n) return `${neg ? '-' : ''}${u}ns`;
    if (u < 1_000_000n) { unit = 'µs'; prec = 3; } else { unit = 'ms'; prec = 6; }
    out = fracString(u, prec) + unit;
  } else {
    const secNanos = u % 60_000_000_000n;
    out = `${fracString(secNanos, 9)}s`;
    u /= 60_000_000_000n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return (neg ? '-' : '') + out;
}

function fracString(v: bigint, prec: number): string {
  const scale = 10n ** BigInt(prec);
  const whole = v / scale;
  const frac = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}
