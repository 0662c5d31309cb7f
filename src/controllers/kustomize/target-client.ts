// The client objects are applied with: the controller's own, a remote cluster's (kubeConfig.secretRef
// kubeconfig, or kubeConfig.configMapRef for a token-authenticated one) and/or one impersonating the
// Kustomization's service account, so RBAC limits what Git may change.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { KubeClient, parseKubeconfig, type ConnectionConfig, type KubeObject } from '../../kube/index.ts';
import { configMapConnection, type RemoteClusterOptions } from './remote-cluster.ts';
import { timingOf } from './timing.ts';

export interface TargetClient {
  client: KubeClient;
  /** Releases connections of a remote-cluster client. */
  close(): void;
}

export interface TargetClientOptions extends RemoteClusterOptions {
  /** --default-service-account: impersonated when the Kustomization names none. */
  defaultServiceAccount?: string;
}

async function secretConnection(client: KubeClient, namespace: string, ref: { name: string; key?: string }): Promise<ConnectionConfig> {
  const secret = await client.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', namespace, name: ref.name });
  const key = ref.key ?? ['value', 'value.yaml'].find((k) => secret.data?.[k]);
  const encoded = key ? secret.data?.[key] : undefined;
  if (!encoded) throw new Error(`KubeConfig secret '${namespace}/${ref.name}' does not contain a '${ref.key ?? 'value'}' key with a kubeconfig`);
  return parseKubeconfig(Buffer.from(encoded, 'base64').toString('utf8'), { file: `Secret/${namespace}/${ref.name}` });
}

/** The remote cluster of spec.kubeConfig, or undefined for the controller's own cluster. */
async function remoteConnection(client: KubeClient, ks: Kustomization, opts: RemoteClusterOptions): Promise<ConnectionConfig | undefined> {
  const kubeConfig = ks.spec.kubeConfig;
  if (!kubeConfig) return undefined;
  const namespace = ks.metadata.namespace!;
  const { secretRef, configMapRef } = kubeConfig;
  if (secretRef && configMapRef) {
    throw new Error('invalid .spec.kubeConfig: .secretRef and .configMapRef are mutually exclusive, set only one of them');
  }
  if (secretRef) return secretConnection(client, namespace, secretRef);
  if (configMapRef) {
    // Upstream mints a token per request; this client lives for one reconciliation, so its token must
    // outlast the Kustomization's timeout (apply, health checks, waiting for termination).
    const tokenLifetimeSeconds = Math.max(3600, Math.ceil(timingOf(ks).timeoutMs / 1000) + 600);
    return configMapConnection(client, namespace, configMapRef.name, { ...opts, tokenLifetimeSeconds });
  }
  throw new Error('invalid .spec.kubeConfig, neither .spec.kubeConfig.configMapRef nor .spec.kubeConfig.secretRef is set');
}

export async function targetClient(controllerClient: KubeClient, ks: Kustomization, opts: TargetClientOptions = {}): Promise<TargetClient> {
  const namespace = ks.metadata.namespace!;
  let base = controllerClient;
  let close = () => {};
  const remote = await remoteConnection(controllerClient, ks, opts);
  if (remote) {
    const remoteClient = KubeClient.fromConnection(remote);
    base = remoteClient;
    close = () => void remoteClient.close();
  }
  const serviceAccount = ks.spec.serviceAccountName || opts.defaultServiceAccount;
  const client = serviceAccount ? base.impersonate(`system:serviceaccount:${namespace}:${serviceAccount}`) : base;
  return { client, close };
}
