// Time-zone abbreviations from the system tz database, read the way Go's time.LoadLocation
// does on Linux (/usr/share/zoneinfo, TZif files). Offsets come from Intl; this only supplies
// the names Go prints for MST in layouts ("CET", "JST", "+03").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ZONEINFO_DIRS = ['/usr/share/zoneinfo', '/usr/share/lib/zoneinfo', '/usr/lib/locale/TZ', '/etc/zoneinfo'];

interface TzInfo {
  transitions: number[];
  transitionTypes: number[];
  types: { utoff: number; abbr: string }[];
  footer: { std: string; stdOff: number; dst?: string; dstOff?: number } | undefined;
}

const cache = new Map<string, TzInfo | undefined>();

function readTzif(name: string): TzInfo | undefined {
  if (cache.has(name)) return cache.get(name);
  let info: TzInfo | undefined;
  if (!name.includes('..')) {
    for (const dir of ZONEINFO_DIRS) {
      try {
        info = parseTzif(readFileSync(join(dir, name)));
        break;
      } catch {
        // try the next directory
      }
    }
  }
  cache.set(name, info);
  return info;
}

function parseTzif(b: Buffer): TzInfo {
  if (b.toString('latin1', 0, 4) !== 'TZif') throw new Error('not a TZif file');
  const version = b[4]!;
  const header = (at: number): number[] => Array.from({ length: 6 }, (_, i) => b.readUInt32BE(at + 20 + 4 * i));
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = header(0) as [number, number, number, number, number, number];
  let at = 44;
  let timeSize = 4;
  if (version >= 0x32) {
    at += timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = header(at) as [number, number, number, number, number, number];
    at += 44;
    timeSize = 8;
  }
  const transitions: number[] = [];
  for (let i = 0; i < timecnt; i++) transitions.push(timeSize === 8 ? Number(b.readBigInt64BE(at + 8 * i)) : b.readInt32BE(at + 4 * i));
  at += timecnt * timeSize;
  const transitionTypes = Array.from(b.subarray(at, at + timecnt));
  at += timecnt;
  const rawTypes = Array.from({ length: typecnt }, (_, i) => ({ utoff: b.readInt32BE(at + 6 * i), abbrIndex: b[at + 6 * i + 5]! }));
  at += typecnt * 6;
  const chars = b.toString('latin1', at, at + charcnt);
  at += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const types = rawTypes.map((t) => ({ utoff: t.utoff, abbr: chars.slice(t.abbrIndex, chars.indexOf('\0', t.abbrIndex)) }));
  let footer: TzInfo['footer'];
  if (timeSize === 8) {
    const text = b.toString('latin1', at).trim();
    footer = parseFooter(text);
  }
  return { transitions, transitionTypes, types, footer };
}

/** The std/dst names and offsets of a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3". */
function parseFooter(tz: string): TzInfo['footer'] {
  const m = /^(<[^>]+>|[A-Za-z]+)([+-]?\d+(?::\d+){0,2})(<[^>]+>|[A-Za-z]+)?([+-]?\d+(?::\d+){0,2})?/.exec(tz);
  if (!m) return undefined;
  const name = (s: string): string => s.replace(/^<|>$/g, '');
  const offset = (s: string): number => {
    const sign = s.startsWith('-') ? 1 : -1; // POSIX offsets are west-positive
    const [h = 0, mi = 0, se = 0] = s.replace(/^[+-]/, '').split(':').map(Number);
    return sign * (h * 3600 + mi * 60 + se);
  };
  const stdOff = offset(m[2]!);
  return { std: name(m[1]!), stdOff, dst: m[3] ? name(m[3]) : undefined, dstOff: m[3] ? (m[4] ? offset(m[4]) : stdOff + 3600) : undefined };
}

/** The abbreviation Go prints for zone `name` at a Unix time whose UTC offset is `offset`. */
export function zoneAbbreviation(name: string, unixSeconds: number, offset: number): string | undefined {
  const info = readTzif(name);
  if (!info) return undefined;
  let idx = -1;
  for (let i = 0; i < info.transitions.length && info.transitions[i]! <= unixSeconds; i++) idx = i;
  const afterLast = idx === info.transitions.length - 1;
  if (idx >= 0 && !(afterLast && info.footer)) {
    const t = info.types[info.transitionTypes[idx]!];
    if (t && t.utoff === offset) return t.abbr;
  }
  if (info.footer) {
    if (info.footer.stdOff === offset) return info.footer.std;
    if (info.footer.dst && info.footer.dstOff === offset) return info.footer.dst;
  }
  return [...info.types].reverse().find((t) => t.utoff === offset)?.abbr;
}
