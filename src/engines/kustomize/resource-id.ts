// kustomize's notion of resource identity: current and original ids, and equality that treats an
// unset namespace as "default" and ignores namespaces of cluster-scoped kinds.

import type { JsonObject, ResId, Resource } from './resource.ts';
import { resIdOf } from './resource.ts';
import { isClusterScopedGvk } from './config/cluster-scoped.ts';

export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return isClusterScopedGvk(apiVersion, kind);
}

/** Whether the object's GVK is cluster-scoped. */
export function isClusterScopedObject(obj: JsonObject): boolean {
  return isClusterScopedGvk(typeof obj.apiVersion === 'string' ? obj.apiVersion : '', typeof obj.kind === 'string' ? obj.kind : '');
}

export function currentId(res: Resource): ResId {
  return resIdOf(res.object);
}

/** The id the resource had when it was first read or generated. */
export function originalId(res: Resource): ResId {
  return res.previousIds[0] ?? currentId(res);
}

export function effectiveNamespace(id: ResId): string {
  if (isClusterScopedGvk(id.group === '' ? id.version : `${id.group}/${id.version}`, id.kind)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

export function idsEqual(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** Same group, kind, name and namespace; versions may differ (kustomize's GvknEquals + namespace, used for conflicts and lookups). */
export function idsMatch(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

export function matchesAnyId(res: Resource, id: ResId): boolean {
  return idsEqual(currentId(res), id) || res.previousIds.some((p) => idsEqual(p, id));
}
