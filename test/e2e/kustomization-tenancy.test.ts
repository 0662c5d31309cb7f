// Multi-tenancy lockdown, with the controller flags upstream recommends for it: --no-cross-namespace-refs
// (a Kustomization may only use sources of its own namespace) and --default-service-account (every
// Kustomization without serviceAccountName applies as that account of its namespace).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/kube/index.ts';
import { eventually, testNamespace } from './harness.ts';
import { configMap, getKs, readyOf, serviceAccountBoundTo, startKustomizeEnv, waitReady, type KustomizeEnv } from './kustomization-env.ts';

let env: KustomizeEnv;
before(async () => {
  env = await startKustomizeEnv({ noCrossNamespaceRefs: true, defaultServiceAccount: 'tenant' });
});
after(async () => {
  await env?.stop();
});

test('--no-cross-namespace-refs: a source of another namespace is AccessDenied and Stalled', async (t) => {
  const sourceNs = await testNamespace(t);
  const tenantNs = await testNamespace(t);
  await env.repo(sourceNs, 'shared', { 'cm.yaml': configMap('x', { a: 'b' }) });
  await env.client.create(env.kustomization(tenantNs, 'borrow', { sourceRef: { kind: 'GitRepository', name: 'shared', namespace: sourceNs } }));
  const ks = await waitReady(env.client, tenantNs, 'borrow', 'False', 'AccessDenied');
  assert.equal(readyOf(ks)!.message, `can't access 'GitRepository/${sourceNs}/shared', cross-namespace references have been blocked`);
  assert.equal(ks.status?.conditions?.find((c) => c.type === 'Stalled')?.status, 'True');
  assert.equal(ks.status?.observedGeneration, ks.metadata.generation);
});

test('--default-service-account: without its RBAC nothing is applied; once bound, the Kustomization applies as it', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'app', { 'cm.yaml': configMap('app-settings', { a: 'b' }) });
  await env.client.create(env.kustomization(ns, 'app', { targetNamespace: ns, interval: '2s', retryInterval: '2s' }));
  const denied = await waitReady(env.client, ns, 'app', 'False', 'ReconciliationFailed');
  assert.match(readyOf(denied)!.message, new RegExp(`system:serviceaccount:${ns}:tenant`));

  await serviceAccountBoundTo(env.client, ns, 'tenant', { kind: 'ClusterRole', name: 'edit' });
  await waitReady(env.client, ns, 'app', 'True');
  const cm = await env.client.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'app-settings' });
  assert.equal(cm.metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'app');
  await eventually('inventory recorded', async () => ((await getKs(env.client, ns, 'app')).status?.inventory?.entries.length === 1 ? true : undefined));
});
