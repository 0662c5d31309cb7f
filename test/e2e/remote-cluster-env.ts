// The "remote" cluster of the kubeConfig.configMapRef tests: the shared control plane itself, reached
// a second way, through the address and CA of its kubeconfig and a ServiceAccount token it issued.
import type { KubeClient } from '../../src/kube/index.ts';
import { loadKubeconfig } from '../../src/kube/index.ts';
import { testCluster } from './harness.ts';

export interface ApiserverAccess {
  address: string;
  ca: string;
  /** The service account issuer: the audience the apiserver accepts tokens for by default. */
  issuer: string;
}

export async function apiserverAccess(): Promise<ApiserverAccess> {
  const { client, kubeconfigPath } = await testCluster();
  const connection = await loadKubeconfig({ path: kubeconfigPath });
  if (!connection?.tls.ca) throw new Error(`the kubeconfig ${kubeconfigPath} names no cluster CA`);
  const discovery = (await client.request('GET', '/.well-known/openid-configuration')) as { issuer: string };
  return { address: connection.server, ca: connection.tls.ca, issuer: discovery.issuer };
}

/** The ConfigMap spec.kubeConfig.configMapRef names. */
export async function remoteClusterConfigMap(client: KubeClient, namespace: string, name: string, data: Record<string, string>): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
}
