// Helm's value coalescing (chartutil/coalesce.go): user values win over chart defaults, a null from the
// user deletes a default, each subchart sees the table named after it, and `global` flows from parents
// to subcharts. `merge` mode (used for import-values) keeps nulls instead of deleting.
import { getKey, setKey } from '../sprig/index.ts';
import type { Chart } from './chart.ts';

export type Values = Record<string, unknown>;

export function isTable(v: unknown): v is Values {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** copystructure.Copy for values: maps and slices are copied, leaves shared. */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isTable(v)) {
    const out: Values = {};
    for (const [k, val] of Object.entries(v)) setKey(out, k, deepCopy(val));
    return out as T;
  }
  return v;
}

const concatPrefix = (a: string, b: string) => (a === '' ? b : `${a}.${b}`);

export class CoalesceError extends Error {}

/** Which Helm major's behaviour to follow where v3 and v4 differ. */
export type HelmFlavor = 'v3' | 'v4';

/** CoalesceValues: chart defaults (and its subcharts') under the given values; nulls delete. */
export function coalesceValues(chart: Chart, vals: Values | null | undefined, flavor: HelmFlavor = 'v3'): Values {
  return coalesce(chart, deepCopy(vals ?? {}), '', false, flavor);
}

/** MergeValues: like coalesceValues but nulls are kept. */
export function mergeValues(chart: Chart, vals: Values | null | undefined, flavor: HelmFlavor = 'v3'): Values {
  return coalesce(chart, deepCopy(vals ?? {}), '', true, flavor);
}

function coalesce(chart: Chart, dest: Values, prefix: string, merge: boolean, flavor: HelmFlavor): Values {
  coalesceChartValues(chart, dest, prefix, merge, flavor);
  return coalesceDeps(chart, dest, prefix, merge, flavor);
}

function coalesceDeps(chart: Chart, dest: Values, prefix: string, merge: boolean, flavor: HelmFlavor): Values {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.Name;
    if (!Object.hasOwn(dest, name)) setKey(dest, name, {});
    else if (!isTable(dest[name])) throw new CoalesceError(`type mismatch on ${name}: %!t(${goValueText(dest[name])})`);
    const dv = dest[name] as Values;
    const subPrefix = concatPrefix(prefix, chart.metadata.Name);
    coalesceGlobals(dv, dest, subPrefix);
    setKey(dest, name, coalesce(sub, dv, subPrefix, merge, flavor));
  }
  return dest;
}

function goValueText(v: unknown): string {
  if (typeof v === 'string') return `string=${v}`;
  return String(v);
}

function coalesceGlobals(dest: Values, src: Values, prefix: string): void {
  let dg: Values;
  let sg: Values;
  if (!Object.hasOwn(dest, 'global')) dg = {};
  else if (isTable(dest.global)) dg = dest.global;
  else return;
  if (!Object.hasOwn(src, 'global')) sg = {};
  else if (isTable(src.global)) sg = src.global;
  else return;
  for (const [key, val] of Object.entries(sg)) {
    if (isTable(val)) {
      const vv = { ...val };
      if (!Object.hasOwn(dg, key)) setKey(dg, key, vv);
      else if (isTable(dg[key])) {
        coalesceTables(vv, dg[key], concatPrefix(prefix, key), true);
        setKey(dg, key, vv);
      }
    } else if (Object.hasOwn(dg, key) && isTable(dg[key])) {
      // a table in the subchart's globals is not replaced by a scalar
    } else {
      setKey(dg, key, val);
    }
  }
  dest.global = dg;
}

// Helm v4 drops nulls from chart defaults before coalescing (v3 keeps a chart's own null defaults).
function cleanNilValues(m: Values): void {
  for (const [key, val] of Object.entries(m)) {
    if (val === null) delete m[key];
    else if (isTable(val)) cleanNilValues(val);
  }
}

function coalesceChartValues(chart: Chart, v: Values, prefix: string, merge: boolean, flavor: HelmFlavor): void {
  const vc = deepCopy(chart.values);
  for (const [key, val] of Object.entries(vc)) {
    if (Object.hasOwn(v, key)) {
      const value = v[key];
      if (value === null && !merge) delete v[key];
      else if (isTable(value) && isTable(val)) {
        const childMerge = chart.dependencies.some((d) => d.metadata.Name === key) || merge;
        if (flavor === 'v4' && !childMerge) cleanNilValues(val);
        coalesceTables(value, val, concatPrefix(concatPrefix(prefix, chart.metadata.Name), key), childMerge);
      }
    } else {
      if (flavor === 'v4' && !merge) {
        if (val === null) continue;
        if (isTable(val)) cleanNilValues(val);
      }
      setKey(v, key, val);
    }
  }
}

/** coalesceTablesFullKey: fills dst with src's keys it lacks, recursively; dst's nulls delete unless merging. */
export function coalesceTables(dst: Values | null, src: Values | null, prefix: string, merge: boolean): Values | null {
  if (src === null) return dst;
  if (dst === null) return src;
  const srcOriginalNonNil = new Set(Object.keys(src).filter((k) => src[k] !== null));
  for (const [key, val] of Object.entries(dst)) if (val === null) setKey(src, key, null);
  for (const [key, val] of Object.entries(src)) {
    const present = Object.hasOwn(dst, key);
    const dv = getKey(dst, key);
    if (present && !merge && dv === null && srcOriginalNonNil.has(key)) delete dst[key];
    else if (!present) setKey(dst, key, val);
    else if (isTable(val)) {
      if (isTable(dv)) coalesceTables(dv, val, concatPrefix(prefix, key), merge);
    }
  }
  return dst;
}
