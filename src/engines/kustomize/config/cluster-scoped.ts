// Which group/version/kinds live outside namespaces. kustomize v5.5 decides with the Kubernetes 1.21
// OpenAPI data it embeds, keyed by the full GVK: a kind it does not know under that apiVersion (a
// newer API, a CRD) counts as namespaced, so the namespace transformer sets a namespace on it.

const CLUSTER_SCOPED_GVKS = new Set(
  `
admissionregistration.k8s.io/v1 MutatingWebhookConfiguration
admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration
admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration
admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration
apiextensions.k8s.io/v1 CustomResourceDefinition
apiextensions.k8s.io/v1beta1 CustomResourceDefinition
apiregistration.k8s.io/v1 APIService
apiregistration.k8s.io/v1beta1 APIService
certificates.k8s.io/v1 CertificateSigningRequest
certificates.k8s.io/v1beta1 CertificateSigningRequest
flowcontrol.apiserver.k8s.io/v1alpha1 FlowSchema
flowcontrol.apiserver.k8s.io/v1alpha1 PriorityLevelConfiguration
flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema
flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration
networking.k8s.io/v1 IngressClass
networking.k8s.io/v1beta1 IngressClass
node.k8s.io/v1 RuntimeClass
node.k8s.io/v1alpha1 RuntimeClass
node.k8s.io/v1beta1 RuntimeClass
policy/v1beta1 PodSecurityPolicy
rbac.authorization.k8s.io/v1 ClusterRole
rbac.authorization.k8s.io/v1 ClusterRoleBinding
rbac.authorization.k8s.io/v1alpha1 ClusterRole
rbac.authorization.k8s.io/v1alpha1 ClusterRoleBinding
rbac.authorization.k8s.io/v1beta1 ClusterRole
rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding
scheduling.k8s.io/v1 PriorityClass
scheduling.k8s.io/v1alpha1 PriorityClass
scheduling.k8s.io/v1beta1 PriorityClass
storage.k8s.io/v1 CSIDriver
storage.k8s.io/v1 CSINode
storage.k8s.io/v1 StorageClass
storage.k8s.io/v1 VolumeAttachment
storage.k8s.io/v1alpha1 VolumeAttachment
storage.k8s.io/v1beta1 CSIDriver
storage.k8s.io/v1beta1 CSINode
storage.k8s.io/v1beta1 StorageClass
storage.k8s.io/v1beta1 VolumeAttachment
v1 ComponentStatus
v1 Namespace
v1 Node
v1 PersistentVolume
`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== ''),
);

/** `apiVersion` as written ("v1", "apps/v1"). */
export function isClusterScopedGvk(apiVersion: string, kind: string): boolean {
  return CLUSTER_SCOPED_GVKS.has(`${apiVersion} ${kind}`);
}
