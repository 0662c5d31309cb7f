// --feature-gates reaches the kustomize-controller of a `tsflux controllers` process: the same
// Kustomization (decryption.serviceAccountName, source not created) stalls with FeatureGateDisabled
// under the default, and goes on to look for its source with ObjectLevelWorkloadIdentity=true.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startControllersProcess } from '../support/controllers-process.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { eventually, testCluster, testNamespace } from './harness.ts';
import { getKs, kustomization, readyOf } from './kustomization-env.ts';

async function readyReasonWith(t: TestContext, gates: string[]): Promise<string> {
  const { client, kubeconfigPath } = await testCluster();
  await fluxCrdsInstalled(client);
  const ns = await testNamespace(t);
  const controllers = startControllersProcess(t, { client, kubeconfigPath }, ['--only', 'kustomize', '--metrics-addr', '', '--health-addr', '', ...gates]);
  const ks = kustomization(ns, 'app', { decryption: { provider: 'sops', serviceAccountName: 'kms-reader' } });
  ks.metadata.labels = controllers.labels;
  await client.create(ks);
  return eventually('a Ready condition', async () => readyOf(await getKs(client, ns, 'app'))?.reason, 60_000).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; controller logs: ${controllers.logs().slice(-2000)}`);
  });
}

test('tsflux controllers without --feature-gates: decryption.serviceAccountName stalls with FeatureGateDisabled', async (t) => {
  assert.equal(await readyReasonWith(t, []), 'FeatureGateDisabled');
});

test('tsflux controllers --feature-gates=ObjectLevelWorkloadIdentity=true: the same Kustomization goes on to its (missing) source', async (t) => {
  assert.equal(await readyReasonWith(t, ['--feature-gates=ObjectLevelWorkloadIdentity=true']), 'ArtifactFailed');
});
