// Helm's own template functions (engine/funcs.go and engine.go), added on top of Sprig: toYaml and
// friends, required/fail (their message wrapped so Helm can pull it out of Go's error text), and the
// cluster-facing lookup, which goes through an injected function (`helm template` answers an empty map).
import { goJSONMarshal, goJSONUnmarshal } from '../sprig/index.ts';
import { marshalGoYaml, marshalGoYamlPretty } from './go-yaml-encode.ts';
import { unmarshalGoYaml } from './go-yaml-decode.ts';
import { isTable } from './coalesce.ts';
import { fromToml, toToml } from './toml.ts';

export type LookupFunction = (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;

export const WARN_START = 'HELM_ERR_START';
export const WARN_END = 'HELM_ERR_END';
export const warnWrap = (msg: string) => `${WARN_START}${msg}${WARN_END}`;

const trimNewline = (s: string) => (s.endsWith('\n') ? s.slice(0, -1) : s);

function toYaml(v: unknown): string {
  try {
    return trimNewline(marshalGoYaml(v));
  } catch {
    return '';
  }
}

function toYamlPretty(v: unknown): string {
  try {
    return trimNewline(marshalGoYamlPretty(v));
  } catch {
    return '';
  }
}

function fromYaml(s: string): Record<string, unknown> {
  try {
    const v = unmarshalGoYaml(s);
    if (v === null || v === undefined) return {};
    if (isTable(v)) return v;
    return { Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}` };
  } catch (err) {
    return { Error: `error converting YAML to JSON: ${(err as Error).message}` };
  }
}

function fromYamlArray(s: string): unknown[] {
  try {
    const v = unmarshalGoYaml(s);
    if (v === null || v === undefined) return [];
    if (Array.isArray(v)) return v;
    return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}`];
  } catch (err) {
    return [`error converting YAML to JSON: ${(err as Error).message}`];
  }
}

function toJson(v: unknown): string {
  try {
    return goJSONMarshal(v, { escapeHTML: true });
  } catch {
    return '';
  }
}

function fromJson(s: string): Record<string, unknown> {
  try {
    const v = goJSONUnmarshal(s);
    if (isTable(v)) return v;
    if (v === null) return {};
    return { Error: `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}` };
  } catch (err) {
    return { Error: (err as Error).message };
  }
}

function fromJsonArray(s: string): unknown[] {
  try {
    const v = goJSONUnmarshal(s);
    if (Array.isArray(v)) return v;
    if (v === null) return [];
    return [`json: cannot unmarshal object into Go value of type []interface {}`];
  } catch (err) {
    return [(err as Error).message];
  }
}

function required(warn: string, val: unknown): unknown {
  if (val === null || val === undefined || val === '') throw new Error(warnWrap(warn));
  return val;
}

function fail(msg: string): string {
  throw new Error(warnWrap(msg));
}

/** The functions Helm adds or overrides, except include and tpl, which are bound to a template set. */
export function helmFunctions(lookup: LookupFunction = () => ({})): Record<string, (...args: never[]) => unknown> {
  return {
    toYaml,
    toYamlPretty,
    fromYaml,
    fromYamlArray,
    toJson,
    fromJson,
    fromJsonArray,
    toToml,
    fromToml,
    required,
    fail,
    lookup: (apiVersion: string, kind: string, namespace: string, name: string) => lookup(apiVersion, kind, namespace, name),
    getHostByName: () => '',
  };
}
