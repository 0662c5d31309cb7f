// Sprig's dict functions (dict.go), including mergo's merge rules for merge/mergeOverwrite.
import { goFunc as f, isPlainMap, sortedKeys, typedSlice, typeName } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { isEmpty, strval } from './convert.ts';
import { deepCopy } from './deep.ts';
import { getKey, setKey } from './go-map.ts';

type Dict = Record<string, unknown>;
const M = 'map[string]interface {}' as const;
const S = 'string' as const;
const ANY = 'interface {}' as const;

/**
 * mergo.Merge / MergeWithOverwrite on map[string]interface{}: nested maps merge recursively,
 * other values fill missing or empty keys (or always, with overwrite; a nil source value only
 * with overwrite). Mutates and returns dst, as Sprig does.
 */
export function mergeInto(dst: Dict, src: Dict, overwrite: boolean): Dict {
  for (const key of Object.keys(src)) {
    const s = src[key];
    const hasDst = Object.hasOwn(dst, key);
    const d = getKey(dst, key);
    if (s === null || s === undefined) {
      if (overwrite) setKey(dst, key, null);
      continue;
    }
    if (isPlainMap(s) && isPlainMap(d)) mergeInto(d, s, overwrite);
    if (Array.isArray(s) && overwrite) setKey(dst, key, s);
    if (hasDst && !isEmpty(d)) {
      if (Array.isArray(s)) continue;
      if (isPlainMap(s) && isPlainMap(d)) continue;
    }
    if (overwrite || !hasDst || isEmpty(d)) setKey(dst, key, s);
  }
  return dst;
}

function assertMap(v: unknown): Dict {
  if (isPlainMap(v) && typeName(v) === M) return v;
  throw new Error(`interface conversion: interface {} is ${v === null || v === undefined ? 'nil' : typeName(v)}, not map[string]interface {}`);
}

function assertString(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new Error(`interface conversion: interface {} is ${v === null || v === undefined ? 'nil' : typeName(v)}, not string`);
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) throw new Error('dig needs at least three arguments');
  let dict = assertMap(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const ks = ps.slice(0, -2).map(assertString);
  for (let i = 0; ; i++) {
    const k = ks[i]!;
    if (!Object.hasOwn(dict, k)) return def;
    if (i === ks.length - 1) return dict[k];
    dict = assertMap(dict[k]);
  }
}

export function dictFuncs(): FuncMap {
  const merge = f([M], (dst: Dict, ...srcs: Dict[]) => srcs.reduce((acc, s) => mergeInto(acc, s, false), dst), M);
  const mergeOverwrite = f([M], (dst: Dict, ...srcs: Dict[]) => srcs.reduce((acc, s) => mergeInto(acc, s, true), dst), M);
  const copy = f([ANY], deepCopy);
  return {
    get: f([M, S], (d: Dict, k: string) => (Object.hasOwn(d, k) ? d[k] : '')),
    set: f([M, S, ANY], (d: Dict, k: string, v: unknown) => { setKey(d, k, v); return d; }),
    unset: f([M, S], (d: Dict, k: string) => { delete d[k]; return d; }),
    hasKey: f([M, S], (d: Dict, k: string) => Object.hasOwn(d, k)),
    pluck: f([S], (k: string, ...ds: Dict[]) => ds.filter((d) => Object.hasOwn(d, k)).map((d) => d[k]), M),
    // Go ranges over the maps in random order; sorted order is the one reproducible choice.
    keys: f([], (...ds: Dict[]) => typedSlice(ds.flatMap((d) => sortedKeys(d) as string[]), '[]string'), M),
    pick: f([M], (d: Dict, ...ks: string[]) => {
      const res: Dict = {};
      for (const k of ks) if (Object.hasOwn(d, k)) setKey(res, k, d[k]);
      return res;
    }, S),
    omit: f([M], (d: Dict, ...ks: string[]) => {
      const res: Dict = {};
      for (const k of Object.keys(d)) if (!ks.includes(k)) setKey(res, k, d[k]);
      return res;
    }, S),
    dict: f([], (...v: unknown[]) => {
      const d: Dict = {};
      for (let i = 0; i < v.length; i += 2) setKey(d, strval(v[i]), i + 1 < v.length ? v[i + 1] : '');
      return d;
    }, ANY),
    merge, mustMerge: merge, mergeOverwrite, mustMergeOverwrite: mergeOverwrite,
    values: f([M], (d: Dict) => (sortedKeys(d) as string[]).map((k) => d[k])),
    deepCopy: copy, mustDeepCopy: copy,
    dig: f([], dig, ANY),
  };
}
