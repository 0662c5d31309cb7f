// Sprig's list functions (list.go) and integer ranges (until, untilStep, seq).
import { GoNumber, goFunc as f, sliceType, sprint, typedSlice } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { isEmpty, kindName, strval, toInt64 } from './convert.ts';
import { deepEqual } from './deep.ts';
import { compareStrings } from '../gotemplate/index.ts';

const ANY = 'interface {}' as const;

/** The elements of a Go slice value, or undefined when v is not a slice. */
function elements(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoNumber('uint8', b));
  return undefined;
}

/** Runs body on a slice argument or fails with Sprig's "Cannot X on type KIND" error. */
function withList<T>(v: unknown, what: string, body: (l: unknown[]) => T): T {
  const kind = kindName(v);
  const l = elements(v);
  if (!l) throw new Error(`${what} ${kind}`);
  return body(l);
}

/** strslice: []string from any slice (nil elements dropped) or a single value. */
export function toStrings(v: unknown): string[] {
  if (Array.isArray(v) && sliceType(v) === '[]string') return v as string[];
  const l = elements(v);
  if (l) return typedSlice(l.filter((x) => x !== null && x !== undefined).map(strval), '[]string');
  if (v === null || v === undefined) return typedSlice([], '[]string');
  return typedSlice([strval(v)], '[]string');
}

export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0n) return typedSlice(v, '[]int');
    for (let i = start; i > stop; i += step) v.push(i);
    return typedSlice(v, '[]int');
  }
  if (step <= 0n) return typedSlice(v, '[]int');
  for (let i = start; i < stop; i += step) v.push(i);
  return typedSlice(v, '[]int');
}

function seq(...params: bigint[]): string {
  let start: bigint;
  let end: bigint;
  let step: bigint;
  switch (params.length) {
    case 1: {
      start = 1n; end = params[0]!;
      const inc = end < start ? -1n : 1n;
      return seqString(untilStep(start, end + inc, inc));
    }
    case 2: {
      [start, end] = params as [bigint, bigint];
      step = end < start ? -1n : 1n;
      return seqString(untilStep(start, end + step, step));
    }
    case 3: {
      [start, step, end] = params as [bigint, bigint, bigint];
      let inc = 1n;
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      return seqString(untilStep(start, end + inc, step));
    }
    default: return '';
  }
}

const seqString = (l: bigint[]): string => sprint(l).replace(/^\[|\]$/g, '').split(/\s+/).filter(Boolean).join(' ');

function chunk(size: bigint, list: unknown): unknown[][] {
  return withList(list, 'Cannot chunk type', (l) => {
    const n = Number(size);
    const cs = Math.floor((l.length - 1) / n) + 1;
    const out: unknown[][] = [];
    for (let i = 0; i < cs; i++) {
      let clen = n;
      if (i === cs - 1) {
        clen = Math.floor(l.length % n);
        if (clen === 0) clen = n;
      }
      out.push(l.slice(i * n, i * n + clen));
    }
    return typedSlice(out, '[][]interface {}');
  });
}

function sliceList(list: unknown, ...indices: unknown[]): unknown {
  return withList(list, 'list should be type of slice or array but', (l) => {
    if (l.length === 0) return null;
    const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
    const end = indices.length < 2 ? l.length : Number(toInt64(indices[1]));
    if (start < 0 || end < start || end > l.length) throw new Error('reflect.Value.Slice: slice index out of bounds');
    const out = l.slice(start, end);
    return Array.isArray(list) && sliceType(list) !== '[]interface {}' ? typedSlice(out, sliceType(list)) : out;
  });
}

function concat(...lists: unknown[]): unknown[] {
  let res: unknown[] = [];
  for (const list of lists) {
    const l = elements(list);
    if (!l) throw new Error(`Cannot concat type ${kindName(list)} as list`);
    res = [...res, ...l];
  }
  return res;
}

export function listFuncs(): FuncMap {
  const listF = f([], (...v: unknown[]) => v, ANY);
  const push = f([ANY, ANY], (list: unknown, v: unknown) => withList(list, 'Cannot push on type', (l) => [...l, v]));
  const prepend = f([ANY, ANY], (list: unknown, v: unknown) => withList(list, 'Cannot prepend on type', (l) => [v, ...l]));
  const chunkF = f(['int', ANY], chunk);
  const last = f([ANY], (list: unknown) => withList(list, 'Cannot find last on type', (l) => (l.length ? l[l.length - 1] : null)));
  const first = f([ANY], (list: unknown) => withList(list, 'Cannot find first on type', (l) => (l.length ? l[0] : null)));
  const rest = f([ANY], (list: unknown) => withList(list, 'Cannot find rest on type', (l) => (l.length ? l.slice(1) : [])));
  const initial = f([ANY], (list: unknown) => withList(list, 'Cannot find initial on type', (l) => (l.length ? l.slice(0, -1) : [])));
  const reverse = f([ANY], (list: unknown) => withList(list, 'Cannot find reverse on type', (l) => [...l].reverse()));
  const compact = f([ANY], (list: unknown) => withList(list, 'Cannot compact on type', (l) => l.filter((x) => !isEmpty(x))));
  const uniq = f([ANY], (list: unknown) => withList(list, 'Cannot find uniq on type', (l) => {
    const out: unknown[] = [];
    for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  }));
  const without = f([ANY], (list: unknown, ...omit: unknown[]) => withList(list, 'Cannot find without on type', (l) => l.filter((x) => !omit.some((o) => deepEqual(o, x)))), ANY);
  const has = f([ANY, ANY], (needle: unknown, haystack: unknown) => {
    if (haystack === null || haystack === undefined) return false;
    return withList(haystack, 'Cannot find has on type', (l) => l.some((x) => deepEqual(needle, x)));
  });
  const sliceF = f([ANY], sliceList, ANY);
  return {
    list: listF, tuple: listF,
    append: push, push, mustAppend: push, mustPush: push,
    prepend, mustPrepend: prepend,
    chunk: chunkF, mustChunk: chunkF,
    first, mustFirst: first, last, mustLast: last, rest, mustRest: rest, initial, mustInitial: initial,
    reverse, mustReverse: reverse, compact, mustCompact: compact, uniq, mustUniq: uniq,
    without, mustWithout: without, has, mustHas: has, slice: sliceF, mustSlice: sliceF,
    concat: f([], concat, ANY),
    sortAlpha: f([ANY], (list: unknown) => {
      if (!elements(list)) return typedSlice([strval(list)], '[]string');
      return typedSlice([...toStrings(list)].sort(compareStrings), '[]string');
    }),
    join: f(['string', ANY], (sep: string, v: unknown) => toStrings(v).join(sep)),
    toStrings: f([ANY], toStrings),
    until: f(['int'], (n: bigint) => untilStep(0n, n, n < 0n ? -1n : 1n)),
    untilStep: f(['int', 'int', 'int'], untilStep),
    seq: f([], seq, 'int'),
  };
}
