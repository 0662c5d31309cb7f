// The shapes every layer above the Kubernetes client speaks: plain JSON objects as the apiserver
// sends them, and the small vocabulary for naming a kind and an object.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object. Typed kinds in src/api extend this. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** Names a kind the way the REST mapper resolves it. `group` is '' for the core group. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** What discovery says about a kind: where it lives in the REST API and whether it is namespaced. */
export interface ResourceMapping extends GroupVersionKind {
  resource: string; // plural, e.g. "deployments"
  namespaced: boolean;
  subresources: string[]; // e.g. ["status", "scale"]
  verbs: string[];
}

/** One event of a watch stream, as the apiserver sends it. */
export type WatchEvent<T extends KubeObject = KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'BOOKMARK'; object: { kind: string; apiVersion: string; metadata: { resourceVersion: string } } }
  // KubeClient.watch never yields ERROR: it throws it as a typed error (410 → GoneError).
  | { type: 'ERROR'; object: Status };

/** metav1.Status: what the apiserver returns for failures. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    /** On the wire the cause type is the `reason` field (metav1.StatusCause); `type` is kept for callers that set it. */
    causes?: { reason?: string; type?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
}

/** Picks objects of one kind: everything, one namespace, and/or a label selector. */
export interface ListScope {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Names one object. `namespace` is ignored for cluster-scoped kinds and required for namespaced ones. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** Options every write verb accepts. `dryRun` asks the apiserver to validate and admit without persisting. */
export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
}
