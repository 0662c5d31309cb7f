// The Kustomization `tsflux create kustomization` writes, from flux's flags.
import { KustomizationKind, type Kustomization } from '../../api/kustomize/kustomization.ts';

export interface CreateKustomizationFlags {
  source: string;
  path?: string;
  prune?: boolean;
  interval: string;
  retryInterval?: string;
  timeout?: string;
  wait?: boolean;
  targetNamespace?: string;
  serviceAccount?: string;
  dependsOn?: string[];
  healthCheck?: string[];
  decryptionProvider?: string;
  decryptionSecret?: string;
  kubeconfigSecretRef?: string;
  label?: string[];
}

const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'] as const;

/** `GitRepository/name.namespace` or `name` (a GitRepository), as flux parses --source. */
export function parseSourceFlag(value: string): Kustomization['spec']['sourceRef'] {
  const [kindPart, rest] = value.includes('/') ? value.split('/', 2) : ['GitRepository', value];
  const kind = SOURCE_KINDS.find((k) => k.toLowerCase() === kindPart!.toLowerCase());
  if (!kind) throw new Error(`invalid --source kind '${kindPart}', expected one of ${SOURCE_KINDS.join(', ')}`);
  const [name, namespace] = rest!.split('.', 2);
  if (!name) throw new Error(`invalid --source '${value}': want <kind>/<name>[.<namespace>]`);
  return namespace ? { kind, name, namespace } : { kind, name };
}

/** `name`, `namespace/name` → a dependsOn entry. */
function dependency(value: string): { name: string; namespace?: string } {
  const [a, b] = value.split('/', 2);
  return b ? { namespace: a!, name: b } : { name: a! };
}

/** `Kind/name.namespace` → a healthChecks entry (apiVersion left to the controller's lookup by kind). */
function healthCheck(value: string, defaultNamespace: string, apiVersionOf: (kind: string) => string) {
  const [kind, rest] = value.split('/', 2);
  if (!kind || !rest) throw new Error(`invalid --health-check '${value}': want <kind>/<name>.<namespace>`);
  const [name, namespace] = rest.split('.', 2);
  return { apiVersion: apiVersionOf(kind), kind, name: name!, namespace: namespace ?? defaultNamespace };
}

const BUILTIN_API_VERSIONS: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  Service: 'v1',
  ConfigMap: 'v1',
  HelmRelease: 'helm.toolkit.fluxcd.io/v2',
  Kustomization: KustomizationKind.apiVersion,
};

export function kustomizationFromFlags(name: string, namespace: string, flags: CreateKustomizationFlags): Kustomization {
  const labels = Object.fromEntries((flags.label ?? []).map((l) => {
    const [k, v] = l.split('=', 2);
    if (!k || v === undefined) throw new Error(`invalid --label '${l}': want key=value`);
    return [k, v];
  }));
  const spec: Kustomization['spec'] = {
    interval: flags.interval,
    path: flags.path ?? './',
    prune: flags.prune ?? false,
    sourceRef: parseSourceFlag(flags.source),
  };
  if (flags.retryInterval) spec.retryInterval = flags.retryInterval;
  if (flags.timeout) spec.timeout = flags.timeout;
  if (flags.wait) spec.wait = true;
  if (flags.targetNamespace) spec.targetNamespace = flags.targetNamespace;
  if (flags.serviceAccount) spec.serviceAccountName = flags.serviceAccount;
  if (flags.dependsOn?.length) spec.dependsOn = flags.dependsOn.map(dependency);
  if (flags.healthCheck?.length) {
    spec.healthChecks = flags.healthCheck.map((h) => healthCheck(h, namespace, (kind) => {
      const v = BUILTIN_API_VERSIONS[kind];
      if (!v) throw new Error(`--health-check kind '${kind}' is not known; use one of ${Object.keys(BUILTIN_API_VERSIONS).join(', ')}`);
      return v;
    }));
  }
  if (flags.decryptionProvider) {
    if (flags.decryptionProvider !== 'sops') throw new Error(`unsupported decryption provider '${flags.decryptionProvider}', must be one of: sops`);
    spec.decryption = { provider: 'sops', ...(flags.decryptionSecret ? { secretRef: { name: flags.decryptionSecret } } : {}) };
  }
  if (flags.kubeconfigSecretRef) spec.kubeConfig = { secretRef: { name: flags.kubeconfigSecretRef } };
  return {
    apiVersion: KustomizationKind.apiVersion,
    kind: KustomizationKind.kind,
    metadata: { name, namespace, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
    spec,
  } as Kustomization;
}
