// REST paths and human names for objects, derived from a discovery mapping.
import type { ResourceMapping } from './types.ts';

/**
 * `/apis/apps/v1/namespaces/ns/deployments/web/status`. The namespace segment appears only for
 * namespaced kinds, so a cluster-scoped manifest that carries a stray namespace still works.
 */
export function resourcePath(m: ResourceMapping, where: { namespace?: string; name?: string; subresource?: string }): string {
  let path = m.group ? `/apis/${m.group}/${m.version}` : `/api/${m.version}`;
  if (m.namespaced && where.namespace) path += `/namespaces/${encodeURIComponent(where.namespace)}`;
  path += `/${m.resource}`;
  if (where.name) path += `/${encodeURIComponent(where.name)}`;
  if (where.subresource) path += `/${where.subresource}`;
  return path;
}

/** `apps/v1 Deployment ns/web`: how objects are named in error messages. */
export function describeObject(apiVersion: string, kind: string, name: string, namespace?: string): string {
  return `${apiVersion} ${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** `apps/v1 Deployment in namespace ns`, `... in all namespaces`, or just `v1 Namespace` for cluster-scoped kinds. */
export function describeCollection(m: ResourceMapping, apiVersion: string, kind: string, namespace?: string): string {
  if (!m.namespaced) return `${apiVersion} ${kind}`;
  return `${apiVersion} ${kind} ${namespace ? `in namespace ${namespace}` : 'in all namespaces'}`;
}

export function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
