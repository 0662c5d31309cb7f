// The client objects are applied with: the controller's own, a remote cluster's (kubeConfig.secretRef)
// and/or one impersonating the Kustomization's service account, so RBAC limits what Git may change.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { KubeClient, parseKubeconfig, type KubeObject } from '../../kube/index.ts';

export interface TargetClient {
  client: KubeClient;
  /** Releases connections of a remote-cluster client. */
  close(): void;
}

export async function targetClient(controllerClient: KubeClient, ks: Kustomization, defaultServiceAccount: string | undefined): Promise<TargetClient> {
  const namespace = ks.metadata.namespace!;
  let base = controllerClient;
  let close = () => {};
  const secretRef = ks.spec.kubeConfig?.secretRef;
  if (secretRef) {
    const secret = await controllerClient.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', namespace, name: secretRef.name });
    const key = secretRef.key ?? ['value', 'value.yaml'].find((k) => secret.data?.[k]);
    const encoded = key ? secret.data?.[key] : undefined;
    if (!encoded) throw new Error(`KubeConfig secret '${namespace}/${secretRef.name}' does not contain a '${secretRef.key ?? 'value'}' key with a kubeconfig`);
    const connection = await parseKubeconfig(Buffer.from(encoded, 'base64').toString('utf8'), { file: `Secret/${namespace}/${secretRef.name}` });
    base = KubeClient.fromConnection(connection);
    const remote = base;
    close = () => void remote.close();
  }
  const serviceAccount = ks.spec.serviceAccountName || defaultServiceAccount;
  const client = serviceAccount ? base.impersonate(`system:serviceaccount:${namespace}:${serviceAccount}`) : base;
  return { client, close };
}
