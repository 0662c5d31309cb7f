// Reads YAML the way kustomize does (go-yaml v3 decoding into Go values, then encoding/json): the
// `yaml` package parses the syntax with every scalar kept as text, and this file gives plain scalars
// go-yaml v3's meaning (0755 is octal, 1_000 is 1000, dates become RFC 3339 strings), expands aliases
// and `<<` merge keys, and rejects duplicate keys, NaN and infinities (JSON cannot carry them).

import { Alias, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, LineCounter } from 'yaml';
import type { JsonObject, JsonValue } from '../resource.ts';
import { resolvePlainV2, resolvePlainV3 } from '../../yaml/resolve.ts';

export class YamlError extends Error {}

interface Ctx {
  doc: Document;
  file: string;
  lines: LineCounter;
  duplicateKeys: DuplicateKeys;
  yamlVersion: '1.1' | '1.2';
  annotationsAsText: boolean;
}

/**
 * 'error' for resources (kustomize decodes them into Go maps, which refuses duplicates); 'first' for
 * text kyaml only walks as nodes (patches), where a lookup finds the first of duplicate keys; 'last'
 * for kustomization files (go-yaml v2 lets a later key overwrite an earlier one).
 */
export type DuplicateKeys = 'error' | 'first' | 'last';

export interface ParseOptions {
  duplicateKeys?: DuplicateKeys;
  /**
   * '1.2' (default): go-yaml v3, how kustomize reads resources and patches. '1.1': go-yaml v2, how it
   * reads kustomization files (so `namespace: on` is a boolean there, and an error).
   */
  yamlVersion?: '1.1' | '1.2';
  /**
   * kustomize reads metadata.annotations as a map of strings: every scalar keeps its text as written
   * (`1.10` stays "1.10", `null` is "null") and a collection becomes "". Set for Kubernetes objects.
   */
  annotationsAsText?: boolean;
}

function lineOf(ctx: Ctx, node: YamlNode | null | undefined): number {
  const start = node?.range?.[0];
  return start === undefined ? 0 : ctx.lines.linePos(start).line;
}

function scalarValue(ctx: Ctx, node: YamlNode): JsonValue {
  if (!isScalar(node)) throw new YamlError(`${ctx.file}: unexpected YAML node`);
  const text = typeof node.value === 'string' ? node.value : String(node.value ?? '');
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str' || tag === '!!str') return text;
  if (node.type !== 'PLAIN' && !tag) return text;
  const r = ctx.yamlVersion === '1.1' ? resolvePlainV2(text) : resolvePlainV3(text);
  switch (r.tag) {
    case 'str':
    case 'merge':
      return text;
    case 'float':
      if (!Number.isFinite(r.value)) {
        throw new YamlError(`${ctx.file}: line ${lineOf(ctx, node)}: json: unsupported value: ${text} (NaN and infinities cannot be converted to JSON)`);
      }
      return r.value;
    default:
      return r.value;
  }
}

function keyText(ctx: Ctx, node: unknown): string {
  if (node === null || node === undefined) return 'null';
  const key = (isAlias(node) ? (node as Alias).resolve(ctx.doc) : node) as YamlNode;
  if (isScalar(key)) {
    const v = scalarValue(ctx, key);
    // go-yaml only builds map[string]interface{} when every key is a string; JSON cannot encode the other kind.
    if (typeof v !== 'string') {
      throw new YamlError(`${ctx.file}: line ${lineOf(ctx, key)}: json: unsupported type: map[interface {}]interface {} (mapping key ${String(key.value)} is not a string)`);
    }
    return v;
  }
  throw new YamlError(`${ctx.file}: line ${lineOf(ctx, key)}: only scalar mapping keys are supported`);
}

function isMergeKey(node: unknown): boolean {
  return isScalar(node) && node.type === 'PLAIN' && node.value === '<<' && !node.tag;
}

function annotationText(ctx: Ctx, node: unknown): string {
  const target = isAlias(node) ? (node as Alias).resolve(ctx.doc) : node;
  if (isScalar(target)) {
    if (target.type === 'PLAIN' || !target.type) return typeof target.source === 'string' ? target.source : String(target.value ?? '');
    return String(target.value ?? '');
  }
  return '';
}

/**
 * `path` follows the keys from the top of an object (a document, or an item of a `*List`) while they
 * may still lead to metadata.annotations; undefined once they cannot.
 */
function toJson(ctx: Ctx, node: unknown, depth: number, path?: string[]): JsonValue {
  if (depth > 1000) throw new YamlError(`${ctx.file}: YAML nesting too deep (alias cycle?)`);
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toJson(ctx, (node as Alias).resolve(ctx.doc), depth + 1);
  if (isMap(node)) {
    const out: JsonObject = {};
    const explicit = new Map<string, number>();
    const merges: unknown[] = [];
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        merges.push(pair.value);
        continue;
      }
      const key = keyText(ctx, pair.key);
      const line = lineOf(ctx, pair.key as YamlNode);
      const seen = explicit.get(key);
      if (seen !== undefined) {
        if (ctx.duplicateKeys === 'first') continue;
        if (ctx.duplicateKeys === 'last') {
          out[key] = toJson(ctx, pair.value, depth + 1);
          continue;
        }
        throw new YamlError(`${ctx.file}: yaml: unmarshal errors:\n  line ${line}: mapping key "${key}" already defined at line ${seen}`);
      }
      explicit.set(key, line);
      if (ctx.annotationsAsText && path?.length === 2 && path[0] === 'metadata' && path[1] === 'annotations') out[key] = annotationText(ctx, pair.value);
      else out[key] = toJson(ctx, pair.value, depth + 1, path && path.length < 2 ? [...path, key] : undefined);
      if (out[key] === null && isEmptyValue(pair.value)) markEmptyNull(out, key);
    }
    // Keys written in the mapping win over merged ones; among merged mappings the first one wins.
    for (const m of merges) {
      const sources = isSeq(m) ? m.items : [m];
      for (const src of sources) {
        const merged = toJson(ctx, src, depth + 1);
        if (typeof merged !== 'object' || merged === null || Array.isArray(merged)) {
          throw new YamlError(`${ctx.file}: line ${lineOf(ctx, src as YamlNode)}: map merge requires map or sequence of maps as the value`);
        }
        for (const [k, v] of Object.entries(merged)) if (!(k in out)) out[k] = v;
      }
    }
    return out;
  }
  if (isSeq(node)) {
    // The items of a List are objects of their own.
    const itemPath = path?.length === 1 && path[0] === 'items' ? [] : undefined;
    return node.items.map((item) => toJson(ctx, item, depth + 1, itemPath));
  }
  return scalarValue(ctx, node as YamlNode);
}

const emptyNulls = new WeakMap<JsonObject, Set<string>>();

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && value.type === 'PLAIN' && value.source === '' && !value.tag);
}

function markEmptyNull(map: JsonObject, key: string): void {
  let keys = emptyNulls.get(map);
  if (keys === undefined) emptyNulls.set(map, (keys = new Set()));
  keys.add(key);
}

/**
 * Keys of `map` that were written with no value at all (`key:`), as opposed to `key: null` or `key: ~`.
 * Both read as null, but kustomize's strategic merge drops the first kind from a patched object.
 */
export function emptyNullKeys(map: JsonObject): ReadonlySet<string> | undefined {
  return emptyNulls.get(map);
}

/** Parses every document of a YAML stream; empty documents are dropped, as kustomize drops them. */
export function parseYamlDocuments(text: string, file: string, options: ParseOptions = {}): JsonValue[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, lineCounter: lines, merge: false, strict: false });
  if (!Array.isArray(docs)) return [];
  // kustomize splits streams on "---" lines before parsing, which leaves a directive alone in its own
  // document: go-yaml then fails on it, so any %YAML or %TAG directive makes the file unreadable.
  const directive = /^%(YAML|TAG)\b.*$/m.exec(text);
  if (directive) throw new YamlError(`${file}: yaml: the directive '${directive[0]}' is not supported (did not find expected <document start>)`);
  const out: JsonValue[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) throw new YamlError(`${file}: invalid YAML: ${err.message.split('\n')[0]}`);
    const value = toJson({ doc, file, lines, duplicateKeys: options.duplicateKeys ?? 'error', yamlVersion: options.yamlVersion ?? '1.2', annotationsAsText: options.annotationsAsText ?? false }, doc.contents, 0, []);
    if (value !== null) out.push(value);
  }
  return out;
}
