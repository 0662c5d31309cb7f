// The public face of src/kube: import from here, not from the files behind it.
export { KubeClient } from './client.ts';
export type { ApplyOptions, ClientOptions, DeleteOptions, PatchType, RawRequestOptions, WatchOptions } from './client.ts';
export type { ConnectionConfig } from './connection.ts';
export { loadKubeconfig, parseKubeconfig, kubeconfigPaths } from './kubeconfig.ts';
export { loadInClusterConfig } from './in-cluster.ts';
export { parseApiVersion } from './discovery.ts';
export * from './errors.ts';
export type * from './types.ts';
