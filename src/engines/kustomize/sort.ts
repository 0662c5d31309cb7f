// The output order of `kustomize build`: kustomize's legacy order (namespaces, RBAC, config and
// services first, webhooks last, then by group/version/kind, namespace and name) unless
// sortOptions asks for fifo, which keeps the order resources were read in.

import type { Resource } from './resource.ts';
import { resIdOf } from './resource.ts';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

export interface LegacySortOrder {
  orderFirst: string[];
  orderLast: string[];
}

export const DEFAULT_LEGACY_ORDER: LegacySortOrder = { orderFirst: ORDER_FIRST, orderLast: ORDER_LAST };

function rank(kind: string, order: LegacySortOrder): number {
  const first = order.orderFirst.indexOf(kind);
  if (first >= 0) return first - order.orderFirst.length;
  const last = order.orderLast.indexOf(kind);
  if (last >= 0) return last + 1;
  return 0;
}

function gvkString(group: string, version: string, kind: string): string {
  return [group || '~G', version || '~V', kind || '~K'].join('_');
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function legacySort(resources: Resource[], order: LegacySortOrder = DEFAULT_LEGACY_ORDER): Resource[] {
  const keyed = resources.map((r) => {
    const id = resIdOf(r.object);
    const gvk = gvkString(id.group, id.version, id.kind);
    // kustomize's legacy sort string uses the namespace as written ("" → "~X"), not the effective one.
    return { r, rank: rank(id.kind, order), gvk, full: `${gvk}|${id.namespace || '~X'}|${id.name || '~N'}` };
  });
  keyed.sort((a, b) => a.rank - b.rank || compareBytes(a.gvk, b.gvk) || compareBytes(a.full, b.full));
  return keyed.map((k) => k.r);
}
