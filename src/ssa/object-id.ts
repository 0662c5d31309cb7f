// How objects are named in change sets, messages and inventories. The inventory id format is
// upstream's (`<namespace>_<name>_<group>_<kind>`), so inventories written by Flux read the same.
import type { KubeObject } from '../kube/index.ts';

export interface ObjectId {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

export function objectId(obj: KubeObject): ObjectId {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/', 2) : ['', obj.apiVersion];
  return { group: group ?? '', version: version ?? '', kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
}

export const apiVersionOf = (id: ObjectId) => (id.group ? `${id.group}/${id.version}` : id.version);

/** `Deployment/apps/web` for namespaced objects, `Namespace/apps` for cluster-scoped ones. */
export function describeId(id: ObjectId): string {
  return id.namespace ? `${id.kind}/${id.namespace}/${id.name}` : `${id.kind}/${id.name}`;
}

export interface InventoryEntry {
  id: string;
  v: string;
}

export function inventoryEntry(id: ObjectId): InventoryEntry {
  return { id: `${id.namespace}_${id.name}_${id.group}_${id.kind}`, v: id.version };
}

export function parseInventoryEntry(entry: InventoryEntry): ObjectId {
  const parts = entry.id.split('_');
  if (parts.length < 4) throw new Error(`invalid inventory entry id '${entry.id}'`);
  // Names and namespaces cannot contain '_', but a kind's group may not either, so the split is exact
  // except for the name, which is rejoined defensively.
  const kind = parts[parts.length - 1]!;
  const group = parts[parts.length - 2]!;
  const namespace = parts[0]!;
  const name = parts.slice(1, parts.length - 2).join('_');
  return { group, version: entry.v, kind, namespace, name };
}

export const sameObject = (a: ObjectId, b: ObjectId) =>
  a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
