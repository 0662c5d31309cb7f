// spec.kubeConfig.configMapRef: a remote cluster reached without a stored credential. The ConfigMap
// names a provider; for `generic` the remote apiserver trusts this cluster's service account issuer,
// so a TokenRequest token is the credential. The cloud providers need their cloud's API (EKS, AKS,
// GKE) to find the cluster and mint tokens, which tsflux does not talk to.
import { isNotFound, type ConnectionConfig, type KubeClient, type KubeObject } from '../../kube/index.ts';
import { controllerServiceAccount, requestServiceAccountToken } from './service-account-token.ts';
import { objectLevelWorkloadIdentityDisabled } from './workload-identity.ts';

export interface RemoteClusterOptions {
  /** --feature-gates=ObjectLevelWorkloadIdentity=true: a ConfigMap may name a ServiceAccount. */
  objectLevelWorkloadIdentity?: boolean;
  /** --default-kubeconfig-service-account: the ServiceAccount when the ConfigMap names none. */
  defaultKubeConfigServiceAccount?: string;
  /** Where the controller's own token is mounted (a test may point elsewhere). */
  serviceAccountDir?: string;
}

/** How long the token must stay valid: one client serves a whole reconciliation, health checks included. */
type TokenLifetime = { tokenLifetimeSeconds?: number };

const cloudApis: Record<string, string> = { aws: 'AWS EKS', azure: 'Azure AKS', gcp: 'Google GKE' };

/** The canonical https://host:port of an apiserver address, as upstream compares and dials it. */
export function canonicalClusterAddress(address: string): string {
  const withScheme = address.startsWith('http') ? address : `https://${address}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (err) {
    throw new Error(`failed to parse Kubernetes API server address '${withScheme}': ${(err as Error).message}`, { cause: err });
  }
  if (url.protocol !== 'https:') throw new Error(`the Kubernetes API server address '${withScheme}' must use https scheme`);
  return `https://${url.hostname.toLowerCase()}:${url.port || '443'}`;
}

/** `audiences` holds one audience per line; blank lines are ignored. */
export function parseAudiences(value: string | undefined): string[] {
  return (value ?? '').split('\n').map((a) => a.trim()).filter(Boolean);
}

async function tokenFor(client: KubeClient, namespace: string, data: Record<string, string>, audiences: string[], opts: RemoteClusterOptions & TokenLifetime): Promise<string> {
  const named = data.serviceAccountName || undefined;
  const name = named ?? (opts.defaultKubeConfigServiceAccount || undefined);
  if (!name) {
    try {
      const self = await controllerServiceAccount(opts.serviceAccountDir);
      return await requestServiceAccountToken(client, self.namespace, self.name, audiences, opts.tokenLifetimeSeconds);
    } catch (err) {
      throw new Error(`failed to create provider access token for the controller: ${(err as Error).message}`, { cause: err });
    }
  }
  try {
    await client.get<KubeObject>({ apiVersion: 'v1', kind: 'ServiceAccount', namespace, name });
  } catch (err) {
    const why = !named && isNotFound(err) ? 'default service account not found' : (err as Error).message;
    throw new Error(`failed to get service account '${namespace}/${name}': ${why}`, { cause: err });
  }
  if (!opts.objectLevelWorkloadIdentity) throw new Error(objectLevelWorkloadIdentityDisabled);
  return requestServiceAccountToken(client, namespace, name, audiences, opts.tokenLifetimeSeconds);
}

/** How to reach the cluster the ConfigMap `namespace/name` describes, authenticated as its ServiceAccount. */
export async function configMapConnection(client: KubeClient, namespace: string, name: string, opts: RemoteClusterOptions & TokenLifetime = {}): Promise<ConnectionConfig> {
  let data: Record<string, string>;
  try {
    data = (await client.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name })).data ?? {};
  } catch (err) {
    throw new Error(`failed to get configmap ${namespace}/${name}: ${(err as Error).message}`, { cause: err });
  }
  const provider = data.provider ?? '';
  const cloud = cloudApis[provider];
  if (cloud) {
    throw new Error(
      `provider '${provider}' (ConfigMap ${namespace}/${name}) is not supported by tsflux: it cannot call the ${cloud} API to look up the cluster and exchange the service account token; use provider 'generic' with the cluster's address and ca.crt, or spec.kubeConfig.secretRef`,
    );
  }
  if (provider !== 'generic') throw new Error(`provider '${provider}' not implemented`);
  if (!data.address) throw new Error(`cluster address is required to create a REST config (key 'address' of ConfigMap ${namespace}/${name})`);
  const server = canonicalClusterAddress(data.address);
  // Without explicit audiences the token is meant for the address itself, as upstream's generic provider does.
  const audiences = parseAudiences(data.audiences);
  let token: string;
  try {
    token = await tokenFor(client, namespace, data, audiences.length > 0 ? audiences : [data.address], opts);
  } catch (err) {
    throw new Error(`failed to get access token for cluster: ${(err as Error).message}`, { cause: err });
  }
  return {
    server,
    tls: { ca: data['ca.crt'] || undefined, insecureSkipVerify: false },
    auth: { token },
    namespace: 'default',
    origin: `ConfigMap/${namespace}/${name} (provider generic)`,
  };
}
