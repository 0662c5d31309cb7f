// kustomize's builtin ValueAddTransformer: writes one value into a field of selected resources,
// creating the field, or (with filePathPosition) inserts it as a segment of the file path held there.
// A target of metadata/namespace runs the namespace transformer instead, so bindings follow.

import { posix } from 'node:path';
import type { JsonObject, JsonValue, Resource } from '../resource.ts';
import { isJsonObject } from '../resource.ts';
import { KustomizeError } from '../errors.ts';
import { selectResources, type Selector } from '../patch/selector.ts';
import { untypedScalar } from '../replacements/field-path.ts';
import { applyNamespace } from './namespace.ts';
import { annotationValuesAsText } from '../patch/annotation-text.ts';

export interface ValueAddTarget {
  selector?: Selector;
  fieldPath: string;
  filePathPosition: number;
}

/** Splits on '/', where a backslash before a '/' keeps it inside the field name. */
function fieldNames(fieldPath: string): string[] {
  const names: string[] = [];
  for (const part of fieldPath.split('/')) {
    const last = names.length - 1;
    if (last >= 0 && names[last].endsWith('\\')) names[last] = `${names[last].slice(0, -1)}/${part}`;
    else names.push(part);
  }
  return names;
}

/** Go's filepath.Split/PathSplit: an absolute path starts with an empty segment. */
function pathSplit(path: string): string[] {
  if (path === '') return [];
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  if (dir === '/') return base === '' ? [''] : ['', base];
  const trimmed = dir.endsWith('/') ? dir.slice(0, -1) : dir;
  return trimmed === '' ? [base] : [...pathSplit(trimmed), base];
}

/** Go's filepath.Join (empty parts skipped, result cleaned), with a leading empty part meaning absolute. */
function pathJoin(parts: string[]): string {
  const join = (elems: string[]) => {
    const kept = elems.filter((e) => e !== '');
    return kept.length === 0 ? '' : posix.normalize(kept.join('/')).replace(/(.)\/$/, '$1');
  };
  if (parts.length === 0) return '';
  return parts[0] === '' ? `/${join(parts.slice(1))}`.replace(/^\/\//, '/') : join(parts);
}

/** Inserts `part` as segment `pos` (0-based) of a path; out-of-range positions prefix or postfix. */
export function insertPathPart(path: string, pos: number, part: string): string {
  if (part === '') return path;
  const parts = pathSplit(path);
  let at = Math.min(Math.max(pos, 0), parts.length);
  if (parts.length > 0 && parts[0] === '' && at < parts.length) at++;
  return pathJoin([...parts.slice(0, at), part, ...parts.slice(at)]);
}

function setValue(obj: JsonObject, names: string[], value: string, filePathPosition: number): void {
  let node: JsonObject = obj;
  for (const name of names.slice(0, -1)) {
    const next = node[name];
    if (next === undefined || next === null) node[name] = {};
    else if (!isJsonObject(next)) throw new KustomizeError(`ValueAddTransformer: field '${name}' of ${names.join('/')} is not a map`);
    node = node[name] as JsonObject;
  }
  const leaf = names[names.length - 1];
  const current: JsonValue | undefined = node[leaf];
  if (isJsonObject(current) || Array.isArray(current)) {
    throw new KustomizeError(`ValueAddTransformer: wrong node kind at ${names.join('/')}: expected a scalar, not a ${Array.isArray(current) ? 'list' : 'map'}`);
  }
  const text = filePathPosition > 0 ? insertPathPart(current === undefined || current === null ? '' : String(current), filePathPosition - 1, value) : value;
  // kyaml writes the text without a tag, so "123" reads back as a number.
  node[leaf] = untypedScalar(text);
}

export function applyValueAdd(resources: Resource[], value: string, targets: ValueAddTarget[]): void {
  for (const target of targets) {
    const selected = target.selector ? selectResources(resources, target.selector) : resources;
    if (target.fieldPath === 'metadata/namespace') {
      applyNamespace(selected, { namespace: value, fieldSpecs: [{ path: 'metadata/namespace', group: '', version: '', kind: '', create: true }] });
      continue;
    }
    for (const res of selected) {
      setValue(res.object, fieldNames(target.fieldPath), value, target.filePathPosition);
      annotationValuesAsText(res.object);
    }
  }
}
