// Walks the fields a FieldSpec names inside one object, the way kustomize's fieldspec filter does:
// sequences met on the way are entered element by element, missing maps are created when the spec
// says `create`, and a null field is treated as an empty one of the expected kind.

import type { JsonObject, JsonValue } from '../resource.ts';
import { isJsonObject } from '../resource.ts';
import { gvkOf, gvkSelected, splitFieldPath, type FieldSpec } from '../config/field-spec.ts';
import { KustomizeError } from '../errors.ts';

/** Called with the map holding the final field and its key; the field may be absent. */
export type LeafVisitor = (holder: JsonObject, key: string) => void;

export function specSelects(fs: FieldSpec, obj: JsonObject): boolean {
  return gvkSelected(gvkOf(obj), fs);
}

/**
 * Visits every field `fs.path` reaches in `obj` (when the spec's GVK selects it). `leafKind` is what a
 * created leaf would be: with `create`, a missing leaf is created as an empty map when 'map';
 * 'scalar' leaves are left for the visitor to set.
 */
export function visitFieldSpec(obj: JsonObject, fs: FieldSpec, leafKind: 'map' | 'scalar', visit: LeafVisitor): void {
  if (!specSelects(fs, obj)) return;
  walk(obj, splitFieldPath(fs.path), fs, leafKind, visit);
}

function walk(node: JsonValue, path: string[], fs: FieldSpec, leafKind: 'map' | 'scalar', visit: LeafVisitor): void {
  if (Array.isArray(node)) {
    // Null list items carry nothing to visit.
    for (const item of node) if (item !== null) walk(item, path, fs, leafKind, visit);
    return;
  }
  if (!isJsonObject(node)) {
    throw new KustomizeError(`obj '${JSON.stringify(node)}' at path '${fs.path}': expected sequence or mapping node`);
  }
  let name = path[0];
  const isSeq = name.endsWith('[]');
  if (isSeq) name = name.slice(0, -2);
  const last = path.length === 1;
  if (last) {
    if (fs.create && !isSeq && leafKind === 'map' && (node[name] === undefined || node[name] === null)) node[name] = {};
    if (isSeq && node[name] === null) node[name] = [];
    visit(node, name);
    return;
  }
  let child = node[name];
  if (child === undefined) {
    if (!fs.create || isSeq) return;
    child = node[name] = {};
  } else if (child === null) {
    if (isSeq) child = node[name] = [];
    else if (fs.create) child = node[name] = {};
    else return;
  }
  walk(child, path.slice(1), fs, leafKind, visit);
}
