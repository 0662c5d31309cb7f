// Sprig's defaults.go: default, empty, coalesce, all, any, ternary and the JSON functions.
import { goFunc as f } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { isEmpty } from './convert.ts';
import { marshal, unmarshal, unmarshalLenient } from './go-json.ts';

const ANY = 'interface {}' as const;

function swallow<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export function defaultFuncs(): FuncMap {
  const toJson = (v: unknown): string => marshal(v, { escapeHTML: true });
  const toPrettyJson = (v: unknown): string => marshal(v, { escapeHTML: true, indent: '  ' });
  const toRawJson = (v: unknown): string => marshal(v, { escapeHTML: false });
  return {
    default: f([ANY], (d: unknown, ...given: unknown[]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]), ANY),
    empty: f([ANY], isEmpty),
    coalesce: f([], (...v: unknown[]) => v.find((x) => !isEmpty(x)) ?? null, ANY),
    all: f([], (...v: unknown[]) => v.every((x) => !isEmpty(x)), ANY),
    any: f([], (...v: unknown[]) => v.some((x) => !isEmpty(x)), ANY),
    fromJson: f(['string'], (s: string) => unmarshalLenient(s).value),
    mustFromJson: f(['string'], unmarshal),
    toJson: f([ANY], (v: unknown) => swallow(() => toJson(v), '')),
    mustToJson: f([ANY], toJson),
    toPrettyJson: f([ANY], (v: unknown) => swallow(() => toPrettyJson(v), '')),
    mustToPrettyJson: f([ANY], toPrettyJson),
    toRawJson: f([ANY], toRawJson),
    mustToRawJson: f([ANY], toRawJson),
    fail: f(['string'], (msg: string) => { throw new Error(msg); }),
    ternary: f([ANY, ANY, 'bool'], (vt: unknown, vf: unknown, v: boolean) => (v ? vt : vf)),
  };
}
