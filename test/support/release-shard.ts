// Test teardown for controllers that ran in a test process, sharded by label.
import type { KubeClient } from '../../src/kube/index.ts';

/** The Flux kinds test controllers put finalizers on. */
export const FINALIZED_KINDS = [
  { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository' },
];

/**
 * Drops the finalizers of a stopped shard's objects. Their controller is gone, so nobody would ever
 * finalize them: their test namespaces would stay Terminating for the rest of the run (on a long-lived
 * cluster, TSFLUX_E2E_KUBECONFIG, for ever), retried by the namespace controller all along.
 */
export async function releaseShard(client: KubeClient, labels: Record<string, string>, kinds = FINALIZED_KINDS): Promise<void> {
  const labelSelector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  for (const { apiVersion, kind } of kinds) {
    const objects = await client.list(apiVersion, kind, { labelSelector }).catch(() => ({ items: [] }));
    for (const obj of objects.items) {
      if (!obj.metadata.finalizers?.length) continue;
      const ref = { apiVersion, kind, namespace: obj.metadata.namespace, name: obj.metadata.name! };
      await client.patch(ref, { metadata: { finalizers: null } }, 'merge').catch(() => {});
    }
  }
}
