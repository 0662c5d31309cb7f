// Versions of the local control plane. tools/k8s/go.mod and tools/k8s/kwok/go.mod pin the modules;
// these strings are what the binaries report and what the build stamps into them.
export const KUBERNETES_VERSION = 'v1.36.3';
export const CONTROL_PLANE_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'etcd', 'kwok'] as const;
export type ControlPlaneBinary = (typeof CONTROL_PLANE_BINARIES)[number];
