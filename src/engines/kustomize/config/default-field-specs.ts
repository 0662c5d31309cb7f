// kustomize v5's built-in transformer configuration (api/konfig/builtinpluginconsts), as data: which
// fields each built-in transformer touches. Written from the facts of that table, in our own notation.

import { specs, type FieldSpec, type NameBackReference } from './field-spec.ts';

export const NAME_PREFIX_SPECS: FieldSpec[] = specs('metadata/name');
export const NAME_SUFFIX_SPECS: FieldSpec[] = specs('metadata/name');

const TEMPLATE_LABELS = `
spec/template/metadata/labels kind=ReplicationController version=v1 create
spec/template/metadata/labels kind=Deployment create
spec/template/metadata/labels kind=ReplicaSet create
spec/template/metadata/labels kind=DaemonSet create
spec/template/metadata/labels kind=StatefulSet group=apps create
spec/volumeClaimTemplates[]/metadata/labels kind=StatefulSet group=apps create
spec/template/metadata/labels kind=Job group=batch create
spec/jobTemplate/metadata/labels kind=CronJob group=batch create
spec/jobTemplate/spec/template/metadata/labels kind=CronJob group=batch create
`;

export const TEMPLATE_LABEL_SPECS: FieldSpec[] = specs(TEMPLATE_LABELS);

export const COMMON_LABEL_SPECS: FieldSpec[] = specs(`
metadata/labels create
spec/selector kind=Service version=v1 create
spec/selector kind=ReplicationController version=v1 create
spec/template/metadata/labels kind=ReplicationController version=v1 create
spec/selector/matchLabels kind=Deployment create
spec/template/metadata/labels kind=Deployment create
spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels kind=Deployment group=apps
spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels kind=Deployment group=apps
spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels kind=Deployment group=apps
spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels kind=Deployment group=apps
spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels kind=Deployment group=apps
spec/selector/matchLabels kind=ReplicaSet create
spec/template/metadata/labels kind=ReplicaSet create
spec/selector/matchLabels kind=DaemonSet create
spec/template/metadata/labels kind=DaemonSet create
spec/selector/matchLabels kind=StatefulSet group=apps create
spec/template/metadata/labels kind=StatefulSet group=apps create
spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels kind=StatefulSet group=apps
spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels kind=StatefulSet group=apps
spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels kind=StatefulSet group=apps
spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels kind=StatefulSet group=apps
spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels kind=StatefulSet group=apps
spec/volumeClaimTemplates[]/metadata/labels kind=StatefulSet group=apps create
spec/selector/matchLabels kind=Job group=batch
spec/template/metadata/labels kind=Job group=batch create
spec/jobTemplate/spec/selector/matchLabels kind=CronJob group=batch
spec/jobTemplate/metadata/labels kind=CronJob group=batch create
spec/jobTemplate/spec/template/metadata/labels kind=CronJob group=batch create
spec/selector/matchLabels kind=PodDisruptionBudget group=policy
spec/podSelector/matchLabels kind=NetworkPolicy group=networking.k8s.io
spec/ingress/from/podSelector/matchLabels kind=NetworkPolicy group=networking.k8s.io
spec/egress/to/podSelector/matchLabels kind=NetworkPolicy group=networking.k8s.io
`);

export const COMMON_ANNOTATION_SPECS: FieldSpec[] = specs(`
metadata/annotations create
spec/template/metadata/annotations kind=ReplicationController version=v1 create
spec/template/metadata/annotations kind=Deployment create
spec/template/metadata/annotations kind=ReplicaSet create
spec/template/metadata/annotations kind=DaemonSet create
spec/template/metadata/annotations kind=StatefulSet group=apps create
spec/template/metadata/annotations kind=Job group=batch create
spec/jobTemplate/metadata/annotations kind=CronJob group=batch create
spec/jobTemplate/spec/template/metadata/annotations kind=CronJob group=batch create
`);

export const NAMESPACE_SPECS: FieldSpec[] = specs(`
metadata/namespace create
metadata/name kind=Namespace create
spec/service/namespace group=apiregistration.k8s.io kind=APIService create
spec/conversion/webhook/clientConfig/service/namespace group=apiextensions.k8s.io kind=CustomResourceDefinition
`);

export const IMAGE_SPECS: FieldSpec[] = specs(`
spec/containers[]/image
spec/initContainers[]/image
spec/template/spec/containers[]/image
spec/template/spec/initContainers[]/image
`);

export const REPLICA_SPECS: FieldSpec[] = specs(`
spec/replicas kind=Deployment create
spec/replicas kind=ReplicationController create
spec/replicas kind=ReplicaSet create
spec/replicas kind=StatefulSet create
`);

const POD_TEMPLATE_PATHS: Array<[string, string]> = [
  ['Deployment', 'spec/template/spec'],
  ['ReplicaSet', 'spec/template/spec'],
  ['DaemonSet', 'spec/template/spec'],
  ['StatefulSet', 'spec/template/spec'],
  ['Job', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
];

function podRefs(leaves: string[], podLeaves: string[] = leaves): string {
  const lines = podLeaves.map((l) => `spec/${l} kind=Pod version=v1`);
  for (const [kind, prefix] of POD_TEMPLATE_PATHS) for (const l of leaves) lines.push(`${prefix}/${l} kind=${kind}`);
  return lines.join('\n');
}

function podSpecRefs(leaf: string, kinds: string[]): string {
  const lines = [`spec/${leaf} kind=Pod`];
  for (const kind of kinds) {
    const prefix = kind === 'CronJob' ? 'spec/jobTemplate/spec/template/spec' : 'spec/template/spec';
    lines.push(`${prefix}/${leaf} kind=${kind}`);
  }
  return lines.join('\n');
}

const WORKLOADS = ['StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];

function backRef(target: string, referrers: string): NameBackReference {
  const t = specs(target)[0];
  return { group: t.group, version: t.version, kind: t.kind, referrers: specs(referrers) };
}

export const NAME_REFERENCE_SPECS: NameBackReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((k) => backRef(`- kind=${k}`, 'spec/scaleTargetRef/name kind=HorizontalPodAutoscaler')),
  backRef(
    '- kind=ConfigMap version=v1',
    [
      podRefs([
        'volumes/configMap/name',
        'containers/env/valueFrom/configMapKeyRef/name',
        'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name',
        'initContainers/envFrom/configMapRef/name',
        'volumes/projected/sources/configMap/name',
      ]),
      'spec/configSource/configMap kind=Node',
      'rules/resourceNames kind=Role',
      'rules/resourceNames kind=ClusterRole',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap kind=Ingress',
      'spec/template/spec/containers/env/valueFrom/configMapKeyRef/name kind=Service group=serving.knative.dev version=v1',
      'spec/template/spec/containers/envFrom/configMapRef/name kind=Service group=serving.knative.dev version=v1',
    ].join('\n'),
  ),
  backRef(
    '- kind=Secret version=v1',
    [
      podRefs([
        'volumes/secret/secretName',
        'containers/env/valueFrom/secretKeyRef/name',
        'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name',
        'initContainers/envFrom/secretRef/name',
        'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      'spec/tls/secretName kind=Ingress',
      'metadata/annotations/ingress.kubernetes.io\\/auth-secret kind=Ingress',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret kind=Ingress',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret kind=Ingress',
      'imagePullSecrets/name kind=ServiceAccount',
      'parameters/secretName kind=StorageClass',
      'parameters/adminSecretName kind=StorageClass',
      'parameters/userSecretName kind=StorageClass',
      'parameters/secretRef kind=StorageClass',
      'rules/resourceNames kind=Role',
      'rules/resourceNames kind=ClusterRole',
      'spec/template/spec/containers/env/valueFrom/secretKeyRef/name kind=Service group=serving.knative.dev version=v1',
      'spec/azureFile/secretName kind=PersistentVolume',
    ].join('\n'),
  ),
  backRef(
    '- kind=Service version=v1',
    `spec/serviceName kind=StatefulSet group=apps
spec/rules/http/paths/backend/serviceName kind=Ingress
spec/backend/serviceName kind=Ingress
spec/rules/http/paths/backend/service/name kind=Ingress
spec/defaultBackend/service/name kind=Ingress
spec/service/name kind=APIService group=apiregistration.k8s.io
webhooks/clientConfig/service kind=ValidatingWebhookConfiguration group=admissionregistration.k8s.io
webhooks/clientConfig/service kind=MutatingWebhookConfiguration group=admissionregistration.k8s.io`,
  ),
  backRef('- kind=Role group=rbac.authorization.k8s.io', 'roleRef/name kind=RoleBinding group=rbac.authorization.k8s.io'),
  backRef(
    '- kind=ClusterRole group=rbac.authorization.k8s.io',
    `roleRef/name kind=RoleBinding group=rbac.authorization.k8s.io
roleRef/name kind=ClusterRoleBinding group=rbac.authorization.k8s.io`,
  ),
  backRef(
    '- kind=ServiceAccount version=v1',
    `subjects kind=RoleBinding group=rbac.authorization.k8s.io
subjects kind=ClusterRoleBinding group=rbac.authorization.k8s.io
${podSpecRefs('serviceAccountName', WORKLOADS)}`,
  ),
  backRef('- kind=PersistentVolumeClaim version=v1', podSpecRefs('volumes/persistentVolumeClaim/claimName', WORKLOADS)),
  backRef('- kind=PersistentVolume version=v1', 'spec/volumeName kind=PersistentVolumeClaim\nrules/resourceNames kind=ClusterRole'),
  backRef(
    '- kind=StorageClass version=v1 group=storage.k8s.io',
    'spec/storageClassName kind=PersistentVolume\nspec/storageClassName kind=PersistentVolumeClaim\nspec/volumeClaimTemplates/spec/storageClassName kind=StatefulSet',
  ),
  backRef('- kind=PriorityClass version=v1 group=scheduling.k8s.io', podSpecRefs('priorityClassName', WORKLOADS)),
  backRef('- kind=IngressClass version=v1 group=networking.k8s.io/v1', 'spec/ingressClassName kind=Ingress'),
];

export const VAR_REFERENCE_SPECS: FieldSpec[] = specs(`
${['containers', 'initContainers']
  .flatMap((c) => ['args', 'command', 'env/value', 'volumeMounts/mountPath'].map((l) => `${c}/${l}`))
  .flatMap((l) => [`spec/jobTemplate/spec/template/spec/${l} kind=CronJob`, `spec/template/spec/${l} kind=DaemonSet`, `spec/template/spec/${l} kind=Deployment`, `spec/template/spec/${l} kind=Job`, `spec/${l} kind=Pod`, `spec/template/spec/${l} kind=ReplicaSet`, `spec/template/spec/${l} kind=StatefulSet`])
  .join('\n')}
spec/jobTemplate/spec/template/spec/volumes/nfs/server kind=CronJob
spec/template/spec/volumes/nfs/server kind=DaemonSet
spec/template/spec/volumes/nfs/server kind=Deployment
spec/template/spec/volumes/nfs/server kind=Job
spec/volumes/nfs/server kind=Pod
spec/template/spec/volumes/nfs/server kind=ReplicaSet
spec/volumeClaimTemplates/spec/nfs/server kind=StatefulSet
spec/rules/host kind=Ingress
spec/tls/hosts kind=Ingress
spec/tls/secretName kind=Ingress
spec/ports/port kind=Service
spec/ports/targetPort kind=Service
spec/nfs/server kind=PersistentVolume
metadata/labels
metadata/annotations
`);
