// How go-yaml decides what an untagged plain scalar means. Two versions matter: v3 reads kustomize's
// input (YAML 1.2-ish, but still accepting 0755 octals, underscores in numbers and timestamps) and v2
// prints kustomize's output and Helm's toYaml (YAML 1.1: "yes", "on", "y" are booleans too), so a string
// that v2 would read as something else gets quoted.

export type Resolved =
  | { tag: 'str'; value: string }
  | { tag: 'null'; value: null }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: number | bigint }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string }
  | { tag: 'merge'; value: string };

const V3_MAP: Record<string, Resolved> = {};
const V2_MAP: Record<string, Resolved> = {};

function addAll(map: Record<string, Resolved>, words: string[], r: Resolved): void {
  for (const w of words) map[w] = r;
}
for (const map of [V3_MAP, V2_MAP]) {
  addAll(map, ['true', 'True', 'TRUE'], { tag: 'bool', value: true });
  addAll(map, ['false', 'False', 'FALSE'], { tag: 'bool', value: false });
  addAll(map, ['', '~', 'null', 'Null', 'NULL'], { tag: 'null', value: null });
  addAll(map, ['.nan', '.NaN', '.NAN'], { tag: 'float', value: NaN });
  addAll(map, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'], { tag: 'float', value: Infinity });
  addAll(map, ['-.inf', '-.Inf', '-.INF'], { tag: 'float', value: -Infinity });
  map['<<'] = { tag: 'merge', value: '<<' };
}
addAll(V2_MAP, ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'], { tag: 'bool', value: true });
addAll(V2_MAP, ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'], { tag: 'bool', value: false });

/** The first characters for which go-yaml looks any further; everything else is a plain string. */
function hintOf(s: string): string {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt/ParseUint with base 0 (sign, 0x/0o/0b prefixes, a leading 0 means octal). */
function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  // ParseInt takes a sign and stops at int64; ParseUint takes no sign and goes up to uint64.
  if (v < INT64_MIN || v > UINT64_MAX || (v > INT64_MAX && m[1] !== '')) return undefined;
  return v;
}

function intValue(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** strconv.ParseFloat for text that already looks like a decimal float (no hex floats here). */
function parseGoFloat(s: string): number | undefined {
  const v = Number(s);
  if (Number.isNaN(v) || !Number.isFinite(v)) return undefined; // Go reports out-of-range as an error
  return v;
}

function resolveWith(map: Record<string, Resolved>, s: string, allowTimestamp: boolean): Resolved {
  const hint = hintOf(s);
  if (hint === '') return { tag: 'str', value: s };
  const known = map[s];
  if (known) return known;
  if (hint === '.') {
    // strconv.ParseFloat takes `_` between digits.
    if (/^\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?$/.test(s)) {
      const f = parseGoFloat(s.replaceAll('_', ''));
      if (f !== undefined) return { tag: 'float', value: f };
    }
    return { tag: 'str', value: s };
  }
  if (hint === 'D' || hint === 'S') {
    if (allowTimestamp) {
      const ts = parseGoYamlTimestamp(s);
      if (ts !== undefined) return { tag: 'timestamp', value: ts };
    }
    const plain = s.replaceAll('_', '');
    const i = parseGoInt(plain);
    if (i !== undefined) return { tag: 'int', value: intValue(i) };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== undefined) return { tag: 'float', value: f };
    }
  }
  return { tag: 'str', value: s };
}

/** What go-yaml v3 makes of an untagged plain scalar (the reader's view). */
export function resolvePlainV3(s: string): Resolved {
  return resolveWith(V3_MAP, s, true);
}

/** What go-yaml v2 makes of an untagged plain scalar decoded into interface{} (timestamps stay text). */
export function resolvePlainV2(s: string): Resolved {
  return resolveWith(V2_MAP, s, false);
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether yaml.v2 must quote this string so it reads back as a string (the writer's view). */
export function needsQuotingV2(s: string): boolean {
  return resolveWith(V2_MAP, s, true).tag !== 'str' || BASE60_FLOAT.test(s);
}

const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:([Tt])|( ))([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * go-yaml's timestamp forms (2006-1-2T15:4:5.999999999Z07:00, the same with 't' or with a space and no
 * zone, or a bare date), returned as Go's RFC 3339 text of the parsed time, which is what kustomize
 * prints for them. Undefined when the text is not a valid timestamp.
 */
export function parseGoYamlTimestamp(s: string): string | undefined {
  const m = TIMESTAMP.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, tSep, spaceSep, h, mi, sec, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${y}-${two(month)}-${two(day)}`;
  if (h === undefined) return `${date}T00:00:00Z`;
  if (spaceSep !== undefined && zone !== undefined) return undefined;
  if (tSep !== undefined && zone === undefined) return undefined;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = frac ? frac.slice(0, 9).replace(/0+$/, '') : '';
  let zoneText = 'Z';
  if (zone && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 24 || zm > 59) return undefined;
    zoneText = zh === 0 && zm === 0 ? 'Z' : zone;
  }
  return `${date}T${two(hour)}:${two(minute)}:${two(second)}${fraction ? `.${fraction}` : ''}${zoneText}`;
}
