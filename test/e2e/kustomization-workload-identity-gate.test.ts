// Object-level workload identity with the controller's default: the ObjectLevelWorkloadIdentity
// feature gate off. A Kustomization naming a ServiceAccount for decryption or for a remote cluster
// fails the way upstream's does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testNamespace } from './harness.ts';
import { configMap, readyOf, startKustomizeEnv, waitReady, type KustomizeEnv } from './kustomization-env.ts';
import { apiserverAccess, remoteClusterConfigMap } from './remote-cluster-env.ts';

let env: KustomizeEnv;
before(async () => {
  env = await startKustomizeEnv();
});
after(async () => {
  await env?.stop();
});

test('decryption.serviceAccountName without the gate: Ready=False and Stalled, reason FeatureGateDisabled', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'app', { 'cm.yaml': configMap('app-settings', { color: 'blue' }) });
  await env.client.create(env.kustomization(ns, 'app', { targetNamespace: ns, decryption: { provider: 'sops', serviceAccountName: 'kms-reader' } }));
  const ks = await waitReady(env.client, ns, 'app', 'False', 'FeatureGateDisabled');
  assert.equal(readyOf(ks)!.message, 'to use spec.decryption.serviceAccountName for decryption authentication please enable the ObjectLevelWorkloadIdentity feature gate in the controller');
  const stalled = ks.status?.conditions?.find((c) => c.type === 'Stalled');
  assert.equal(stalled?.status, 'True');
  assert.equal(stalled?.reason, 'FeatureGateDisabled');
  // Nothing was fetched or applied.
  assert.equal(ks.status?.lastAttemptedRevision, undefined);
  await assert.rejects(env.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'app-settings' }), /not found/);
});

test('configMapRef naming a ServiceAccount without the gate: no token is requested, Ready=False ReconciliationFailed', async (t) => {
  const ns = await testNamespace(t);
  const apiserver = await apiserverAccess();
  await env.client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'remote-applier', namespace: ns } });
  await remoteClusterConfigMap(env.client, ns, 'remote', { provider: 'generic', address: apiserver.address, 'ca.crt': apiserver.ca, audiences: apiserver.issuer, serviceAccountName: 'remote-applier' });
  await env.repo(ns, 'app', { 'cm.yaml': configMap('app-settings', { color: 'blue' }) });
  await env.client.create(env.kustomization(ns, 'app', { targetNamespace: ns, kubeConfig: { configMapRef: { name: 'remote' } } }));
  const ks = await waitReady(env.client, ns, 'app', 'False', 'ReconciliationFailed');
  assert.equal(readyOf(ks)!.message, 'failed to get access token for cluster: ObjectLevelWorkloadIdentity feature gate is not enabled');
});
