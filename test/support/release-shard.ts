// Test teardown for controllers that ran in a test process, sharded by label.
import type { KubeClient, KubeObject } from '../../src/kube/index.ts';

/**
 * Drops the finalizers of a stopped shard's objects of `kinds` in namespaces being deleted. Their
 * controller is gone, so nobody would finalize them: on a long-lived cluster (TSFLUX_E2E_KUBECONFIG)
 * their namespaces would stay Terminating, retried by the namespace controller for ever.
 */
export async function releaseShard(client: KubeClient, labels: Record<string, string>, kinds: { apiVersion: string; kind: string }[]): Promise<void> {
  const namespaces = await client.list<KubeObject & { status?: { phase?: string } }>('v1', 'Namespace');
  const terminating = new Set(namespaces.items.filter((n) => n.status?.phase === 'Terminating').map((n) => n.metadata.name));
  const labelSelector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  for (const { apiVersion, kind } of kinds) {
    const objects = await client.list(apiVersion, kind, { labelSelector });
    for (const obj of objects.items) {
      if (!terminating.has(obj.metadata.namespace) || !obj.metadata.finalizers?.length) continue;
      const ref = { apiVersion, kind, namespace: obj.metadata.namespace, name: obj.metadata.name! };
      await client.patch(ref, { metadata: { finalizers: null } }, 'merge').catch(() => {});
    }
  }
}
