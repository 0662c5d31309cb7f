// Apply order: definitions other objects depend on go first, in their own stages, so that the
// apiserver knows a CRD's kind or a Namespace exists before objects that need them arrive.
import type { KubeObject } from '../kube/index.ts';

const groupOf = (obj: KubeObject) => (obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '');

/** CRDs, Namespaces and ClusterRoles: applied first, and CRDs waited for until Established. */
export function isClusterDefinition(obj: KubeObject): boolean {
  const g = groupOf(obj);
  return (
    (g === 'apiextensions.k8s.io' && obj.kind === 'CustomResourceDefinition') ||
    (g === '' && obj.kind === 'Namespace') ||
    (g === 'rbac.authorization.k8s.io' && obj.kind === 'ClusterRole')
  );
}

/** Classes other objects name (StorageClass, IngressClass, GatewayClass, ...): the second stage. */
export function isClassDefinition(obj: KubeObject): boolean {
  return obj.kind.endsWith('Class') && !isClusterDefinition(obj);
}

// Within a stage, kinds that others reference come first (the order Helm and Flux use).
const KIND_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList',
  'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController',
  'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress',
  'APIService',
];

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

export function sortForApply<T extends KubeObject>(objects: T[]): T[] {
  return [...objects].sort(
    (a, b) =>
      kindRank(a.kind) - kindRank(b.kind) ||
      a.kind.localeCompare(b.kind) ||
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

export interface Stages<T extends KubeObject> {
  clusterDefinitions: T[];
  classDefinitions: T[];
  rest: T[];
}

export function splitStages<T extends KubeObject>(objects: T[]): Stages<T> {
  const sorted = sortForApply(objects);
  return {
    clusterDefinitions: sorted.filter(isClusterDefinition),
    classDefinitions: sorted.filter(isClassDefinition),
    rest: sorted.filter((o) => !isClusterDefinition(o) && !isClassDefinition(o)),
  };
}
