// Drift ignore rules (Kustomization spec.ignore, Flux 2.9): fields named by JSON pointers are left as the
// cluster has them. The desired object takes the live value, so the dry-run sees no drift there and the
// apply changes nothing; when the live object lacks the field, or another server-side applier owns it
// (an HPA-like controller), the field is dropped from what we apply so that owner keeps it alone.
import type { KubeObject } from '../kube/index.ts';
import type { ManagedFieldsEntry } from './managed-fields.ts';

type Json = unknown;

/** RFC 6901: `/spec/replicas` → ['spec', 'replicas'], with `~1` for `/` and `~0` for `~`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer '${pointer}': must start with '/'`);
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function container(value: Json): value is Record<string, Json> | Json[] {
  return typeof value === 'object' && value !== null;
}

function lookup(root: Json, path: string[]): { found: boolean; value?: Json } {
  let node = root;
  for (const seg of path) {
    if (!container(node) || !(seg in node)) return { found: false };
    node = (node as Record<string, Json>)[seg];
  }
  return { found: true, value: node };
}

/** A copy of `root` with the value at `path` set (creating maps on the way) or removed (`undefined`). */
function setAt(root: Json, path: string[], value: Json | undefined): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const base: Record<string, Json> | Json[] = Array.isArray(root) ? [...root] : container(root) ? { ...root } : {};
  const child = (base as Record<string, Json>)[head];
  if (rest.length === 0 && value === undefined) {
    if (Array.isArray(base)) base.splice(Number(head), 1);
    else delete base[head];
    return base;
  }
  if (rest.length > 0 && value === undefined && !container(child)) return base;
  (base as Record<string, Json>)[head] = setAt(child, rest, value);
  return base;
}

/** Whether a fieldsV1 set names the map path (list elements have no pointer-friendly key: never). */
function ownsPath(fields: Record<string, unknown> | undefined, path: string[]): boolean {
  let node: unknown = fields;
  for (const seg of path) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[`f:${seg}`];
  }
  return node !== undefined;
}

/** `desired` with the ignored `paths` made to match `live` (see the file comment); `owner` is our manager. */
export function withIgnoredFields(desired: KubeObject, live: KubeObject, paths: string[], owner: string): KubeObject {
  const appliers = ((live.metadata.managedFields ?? []) as ManagedFieldsEntry[]).filter((e) => e.operation === 'Apply' && e.manager !== owner && !e.subresource);
  let out: Json = desired;
  for (const pointer of paths) {
    const path = parsePointer(pointer);
    if (path.length === 0) continue;
    const current = lookup(live, path);
    const otherOwner = appliers.some((e) => ownsPath(e.fieldsV1, path));
    out = current.found && !otherOwner ? setAt(out, path, current.value) : setAt(out, path, undefined);
  }
  return out as KubeObject;
}
