// kustomize's notion of resource identity: current and original ids, and equality that treats an
// unset namespace as "default" and ignores namespaces of cluster-scoped kinds.

import type { ResId, Resource } from './resource.ts';
import { resIdOf } from './resource.ts';
import { isClusterScopedKind } from './config/cluster-scoped.ts';

export function isClusterScoped(_apiVersion: string, kind: string): boolean {
  return isClusterScopedKind(kind);
}

export function currentId(res: Resource): ResId {
  return resIdOf(res.object);
}

/** The id the resource had when it was first read or generated. */
export function originalId(res: Resource): ResId {
  return res.previousIds[0] ?? currentId(res);
}

export function effectiveNamespace(id: ResId): string {
  if (isClusterScopedKind(id.kind)) return '_non_namespaceable_';
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
