// Installs the Flux CRDs on a cluster. Other tests and controllers share the cluster, so installing is
// a server-side apply (idempotent, never a delete) followed by a wait for the apiserver to serve them.
import type { CustomResourceDefinition } from '../api/crd.ts';
import type { KubeClient } from '../kube/index.ts';
import type { KubeObject } from '../kube/types.ts';

export const installFieldManager = 'tsflux';

export interface InstallCrdsOptions {
  /** How long to wait for every CRD to be Established. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface CrdStatus extends KubeObject {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

export async function installCrds(client: KubeClient, crds: CustomResourceDefinition[], opts: InstallCrdsOptions = {}): Promise<void> {
  for (const crd of crds) {
    try {
      await client.apply(crd, { fieldManager: installFieldManager, force: true });
    } catch (err) {
      throw new Error(`installing CRD ${crd.metadata.name}: ${(err as Error).message}`, { cause: err });
    }
    opts.log?.(`applied CustomResourceDefinition/${crd.metadata.name}`);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (const crd of crds) await waitEstablished(client, crd.metadata.name as string, deadline);
  opts.log?.(`${crds.length} CRDs established`);
}

async function waitEstablished(client: KubeClient, name: string, deadline: number): Promise<void> {
  let last = 'no status yet';
  for (;;) {
    const current = await client.get<CrdStatus>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name });
    const conditions = current.status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
    const problem = conditions.find((c) => c.type === 'NamesAccepted' && c.status === 'False');
    if (problem) throw new Error(`CRD ${name} was not accepted: ${problem.reason}: ${problem.message}`);
    last = conditions.map((c) => `${c.type}=${c.status}${c.message ? ` (${c.message})` : ''}`).join(', ') || last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for CRD ${name} to be Established: ${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
