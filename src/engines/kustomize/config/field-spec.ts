// kustomize's FieldSpec: "this field path, in resources of this group/version/kind". Transformers
// (labels, namespace, prefixes, images, name references...) are driven by lists of them.

import type { JsonObject } from '../resource.ts';
import { splitApiVersion } from '../resource.ts';
import { KustomizeError } from '../errors.ts';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface FieldSpec extends Gvk {
  path: string;
  create: boolean;
}

export interface NameBackReference extends Gvk {
  /** Where resources of other kinds refer to a resource of this kind by name. */
  referrers: FieldSpec[];
}

/** Compact spelling of the built-in tables: "path kind=... group=... version=... create". */
export function spec(line: string): FieldSpec {
  const [path, ...opts] = line.trim().split(/\s+/);
  const fs: FieldSpec = { path, group: '', version: '', kind: '', create: false };
  for (const o of opts) {
    if (o === 'create') fs.create = true;
    else {
      const [k, v] = o.split('=');
      if (k === 'kind') fs.kind = v;
      else if (k === 'group') fs.group = v;
      else if (k === 'version') fs.version = v;
    }
  }
  return fs;
}

export function specs(lines: string): FieldSpec[] {
  return lines
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map(spec);
}

/** kustomize's Gvk.IsSelected: every field the selector sets must match. */
export function gvkSelected(gvk: Gvk, selector: Gvk): boolean {
  return (selector.group === '' || selector.group === gvk.group) && (selector.version === '' || selector.version === gvk.version) && (selector.kind === '' || selector.kind === gvk.kind);
}

export function gvkOf(obj: JsonObject): Gvk {
  const { group, version } = splitApiVersion(typeof obj.apiVersion === 'string' ? obj.apiVersion : '');
  return { group, version, kind: typeof obj.kind === 'string' ? obj.kind : '' };
}

/**
 * Adds specs not already present (kustomize's FsSlice.MergeAll); the same field with a different
 * `create` is a conflict. A spec is present when one with its path already covers its group, version
 * and kind: a kind-specific spec counts as present in a list that has the any-kind one, not the reverse.
 */
export function mergeFieldSpecs(into: FieldSpec[], more: FieldSpec[], what = 'fieldSpec'): FieldSpec[] {
  const out = [...into];
  for (const fs of more) {
    const same = out.find((o) => o.path === fs.path && gvkSelected(o, fs));
    if (!same) out.push(fs);
    else if (same.create !== fs.create) throw new KustomizeError(`failed to merge ${what}: conflicting fieldspecs for path '${fs.path}' (kind '${fs.kind}')`);
  }
  return out;
}

/** Splits a field path on '/', keeping '\/' as a literal slash (used for annotation keys). */
export function splitFieldPath(path: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (path[i] === '/') {
      parts.push(cur);
      cur = '';
    } else cur += path[i];
  }
  parts.push(cur);
  return parts.filter((p) => p !== '');
}

/** Reads a field spec written in a configurations file or plugin config (YAML keys group/version/kind/path/create). */
export function fieldSpecFromJson(v: unknown): FieldSpec {
  const o = (v ?? {}) as Record<string, unknown>;
  const str = (x: unknown) => (x === undefined || x === null ? '' : String(x));
  return { path: str(o.path), group: str(o.group), version: str(o.version), kind: str(o.kind), create: o.create === true };
}
