// Sprig's date functions (date.go) on GoTime; integer dates are Unix seconds, other values mean
// "now", exactly as Sprig's type switches do.
import { GoNumber, goFunc as f } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { GoTime, UTC, durationString, formatTime, loadLocation, parseDuration, parseTime } from './go-time.ts';

const ANY = 'interface {}' as const;
const S = 'string' as const;
const T = 'time.Time' as const;

/** The time a Sprig date argument denotes: time.Time, or int/int64/int32 Unix seconds, else now. */
function toTime(date: unknown, ints: string[]): GoTime {
  if (date instanceof GoTime) return date;
  if (typeof date === 'bigint' && ints.includes('int')) return new GoTime(Number(date), 0);
  if (date instanceof GoNumber && ints.includes(date.type)) return new GoTime(Number(date.value), 0);
  return GoTime.now();
}

function dateInZone(layout: string, date: unknown, zone: string): string {
  const t = toTime(date, ['int', 'int64', 'int32']);
  return formatTime(t.In(loadLocation(zone) ?? UTC), layout);
}


function durationRound(v: unknown): string {
  let d = 0n;
  if (typeof v === 'string') {
    try { d = parseDuration(v); } catch { d = 0n; }
  } else if (v instanceof GoNumber && v.type === 'int64') d = BigInt(v.value);
  else if (v instanceof GoTime) d = GoTime.now().UnixNano() - v.UnixNano();
  const u = d < 0n ? -d : d;
  const hour = 3_600_000_000_000n;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, 'y'], [hour * 24n * 30n, 'mo'], [hour * 24n, 'd'], [hour, 'h'], [60_000_000_000n, 'm'], [1_000_000_000n, 's'],
  ];
  for (const [size, name] of units) if (u > size) return `${u / size}${name}`;
  return '0s';
}

function roundToSecond(d: bigint): bigint {
  const s = 1_000_000_000n;
  const r = d % s;
  const abs = r < 0n ? -r : r;
  if (abs + abs < s) return d - r;
  return d < 0n ? d - r - s : d - r + s;
}

export function dateFuncs(): FuncMap {
  const dateModify = f([S, T], (layout: string, date: GoTime) => {
    const t = date;
    try { return t.Add(parseDuration(layout)); } catch { return t; }
  });
  const toDate = (layout: string, s: string): GoTime => parseTime(layout, s, UTC);
  return {
    now: f([], () => GoTime.now()),
    date: f([S, ANY], (layout: string, d: unknown) => dateInZone(layout, d, 'Local')),
    dateInZone: f([S, ANY, S], dateInZone),
    date_in_zone: f([S, ANY, S], dateInZone),
    htmlDate: f([ANY], (d: unknown) => dateInZone('2006-01-02', d, 'Local')),
    htmlDateInZone: f([ANY, S], (d: unknown, z: string) => dateInZone('2006-01-02', d, z)),
    dateModify, date_modify: dateModify,
    mustDateModify: f([S, T], (layout: string, date: GoTime) => date.Add(parseDuration(layout))),
    must_date_modify: f([S, T], (layout: string, date: GoTime) => date.Add(parseDuration(layout))),
    ago: f([ANY], (d: unknown) => durationString(roundToSecond(GoTime.now().UnixNano() - toTime(d, ['int', 'int64']).UnixNano()))),
    duration: f([ANY], (sec: unknown) => {
      let n = 0n;
      if (typeof sec === 'string') n = /^[+-]?\d+$/.test(sec) ? BigInt(sec) : 0n;
      else if (sec instanceof GoNumber && sec.type === 'int64') n = BigInt(sec.value);
      return durationString(BigInt.asIntN(64, n * 1_000_000_000n));
    }),
    durationRound: f([ANY], durationRound),
    toDate: f([S, S], (layout: string, s: string) => {
      try { return toDate(layout, s); } catch { return new GoTime(-62135596800, 0); }
    }),
    mustToDate: f([S, S], toDate),
    unixEpoch: f([T], (d: GoTime) => String(d.Unix())),
  };
}
