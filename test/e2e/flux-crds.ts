// Installs the Flux CRDs once per test process, for every e2e test that creates Flux objects. CRDs are
// cluster-scoped and shared between test files running in parallel: installing is an idempotent
// server-side apply, and nothing ever deletes them.
import { allCrds } from '../../src/api/index.ts';
import { installCrds } from '../../src/install/crds.ts';
import type { KubeClient } from '../../src/kube/index.ts';

let installed: Promise<void> | undefined;

export function fluxCrdsInstalled(client: KubeClient): Promise<void> {
  installed ??= installCrds(client, allCrds()).catch((err: unknown) => {
    installed = undefined; // let the next test retry instead of inheriting a stale failure
    throw err;
  });
  return installed;
}
