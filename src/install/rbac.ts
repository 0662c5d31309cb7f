// ServiceAccounts and RBAC for the controllers, shaped like Flux's manifests/rbac: one shared
// crd-controller ClusterRole, cluster-admin for the two appliers (they apply arbitrary objects), and
// flux-edit/flux-view roles aggregated into Kubernetes' admin/edit/view.
import type { FluxComponent } from '../api/kind.ts';
import type { KubeObject } from '../kube/types.ts';

const fluxGroups = [
  'source.toolkit.fluxcd.io',
  'kustomize.toolkit.fluxcd.io',
  'helm.toolkit.fluxcd.io',
  'notification.toolkit.fluxcd.io',
  'image.toolkit.fluxcd.io',
];

export function rbacManifests(namespace: string, components: FluxComponent[], labels: Record<string, string>): KubeObject[] {
  const subjects = (names: FluxComponent[]) => names.map((name) => ({ kind: 'ServiceAccount', name, namespace }));
  const appliers = components.filter((c) => c === 'kustomize-controller' || c === 'helm-controller');
  const objects: KubeObject[] = components.map((name) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace, labels },
  }));
  objects.push(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `crd-controller-${namespace}`, labels },
      rules: [
        ...fluxGroups.map((group) => ({ apiGroups: [group], resources: ['*'], verbs: ['*'] })),
        { apiGroups: [''], resources: ['namespaces', 'secrets', 'configmaps', 'serviceaccounts'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['configmaps/status'], verbs: ['get', 'update', 'patch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['*'] },
        { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `crd-controller-${namespace}`, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `crd-controller-${namespace}` },
      subjects: subjects(components),
    },
  );
  if (appliers.length > 0) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `cluster-reconciler-${namespace}`, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: subjects(appliers),
    });
  }
  objects.push(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: `flux-edit-${namespace}`,
        labels: { ...labels, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
      },
      rules: [{ apiGroups: fluxGroups, resources: ['*'], verbs: ['create', 'delete', 'deletecollection', 'patch', 'update'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: `flux-view-${namespace}`,
        labels: {
          ...labels,
          'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
          'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
          'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        },
      },
      rules: [{ apiGroups: fluxGroups, resources: ['*'], verbs: ['get', 'list', 'watch'] }],
    },
  );
  return objects;
}
