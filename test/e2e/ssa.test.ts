// The apply engine on a real apiserver: staged server-side apply, no-op detection, immutable fields,
// health waiting on kwok workloads, and pruning limited to what we own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/kube/index.ts';
import { deleteObjects, HealthCheckError, objectId, ResourceManager, staleObjects, waitForSet, ApplyError } from '../../src/ssa/index.ts';
import { testCluster, testNamespace } from './harness.ts';

const owner = (ns: string) => ({ 'kustomize.toolkit.fluxcd.io/name': 'ssa-test', 'kustomize.toolkit.fluxcd.io/namespace': ns });

function deployment(ns: string, name: string, extra: { selector?: string; nodeSelector?: Record<string, string>; replicas?: number } = {}): KubeObject {
  const app = extra.selector ?? name;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: extra.replicas ?? 1,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'app', image: 'example.com/app:1' }], ...(extra.nodeSelector ? { nodeSelector: extra.nodeSelector } : {}) },
      },
    },
  };
}

const configMap = (ns: string, name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data });

test('apply creates, then reports unchanged objects without writing, then configures only what changed', async (t) => {
  const ns = await testNamespace(t);
  const { client } = await testCluster();
  const rm = new ResourceManager(client, 'kustomize-controller', owner(ns));
  const objects = [configMap(ns, 'settings', { a: '1' }), deployment(ns, 'web')];

  const first = await rm.applyAllStaged(objects);
  assert.deepEqual(first.map((e) => e.action), ['created', 'created']);
  const rv = (await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: ns })).metadata.resourceVersion;

  const second = await rm.applyAllStaged(objects);
  assert.deepEqual(second.map((e) => e.action), ['unchanged', 'unchanged']);
  const after = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: ns });
  assert.equal(after.metadata.resourceVersion, rv, 'an unchanged object is not written');
  assert.equal(after.metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'ssa-test', 'owner labels are stamped');

  const third = await rm.applyAllStaged([configMap(ns, 'settings', { a: '2' }), deployment(ns, 'web')]);
  assert.deepEqual(third.map((e) => [e.id.kind, e.action]), [['ConfigMap', 'configured'], ['Deployment', 'unchanged']]);
});

test('a CRD and an object of its kind apply in one set: the CRD stage is established first', async (t) => {
  const ns = await testNamespace(t);
  const { client } = await testCluster();
  const group = `${ns}.tsflux.test`;
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
    },
  };
  t.after(() => client.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `widgets.${group}` }).catch(() => {}));
  const widget: KubeObject = { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1', namespace: ns }, spec: { size: 3 } };
  const rm = new ResourceManager(client, 'kustomize-controller', owner(ns));
  const entries = await rm.applyAllStaged([widget, crd]);
  assert.deepEqual(entries.map((e) => `${e.id.kind} ${e.action}`), ['CustomResourceDefinition created', 'Widget created']);
  const got = await client.get({ apiVersion: `${group}/v1`, kind: 'Widget', name: 'w1', namespace: ns });
  assert.deepEqual(got.spec, { size: 3 });
});

test('an immutable field change fails with the apiserver message, and is recreated when forced', async (t) => {
  const ns = await testNamespace(t);
  const { client } = await testCluster();
  const rm = new ResourceManager(client, 'kustomize-controller', owner(ns));
  await rm.apply(deployment(ns, 'api'));
  const uid = (await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: ns })).metadata.uid;

  const changed = deployment(ns, 'api', { selector: 'api-v2' });
  await assert.rejects(rm.apply(changed), (err: unknown) => err instanceof ApplyError && /Deployment\/.*\/api/.test(err.message) && /field is immutable/.test(err.message));
  const entry = await rm.apply(changed, { force: () => true });
  assert.equal(entry.action, 'created');
  const recreated = await client.get<KubeObject & { spec: { selector: { matchLabels: Record<string, string> } } }>({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: ns });
  assert.notEqual(recreated.metadata.uid, uid);
  assert.deepEqual(recreated.spec.selector.matchLabels, { app: 'api-v2' });
});

test('waitForSet sees a kwok Deployment become Current and names an unschedulable one on timeout', async (t) => {
  const ns = await testNamespace(t);
  const { client } = await testCluster();
  const rm = new ResourceManager(client, 'kustomize-controller', owner(ns));
  const good = deployment(ns, 'good', { replicas: 2 });
  const stuck = deployment(ns, 'stuck', { nodeSelector: { 'tsflux.test/no-such-node': 'true' } });
  await rm.applyAllStaged([good, stuck]);

  await waitForSet(client, [objectId(good)], { timeoutMs: 60_000, pollMs: 500 });
  await assert.rejects(
    waitForSet(client, [objectId(good), objectId(stuck)], { timeoutMs: 3000, pollMs: 500 }),
    (err: unknown) => err instanceof HealthCheckError && err.failing.length === 1 && err.message.includes(`Deployment/${ns}/stuck status: 'InProgress'`) && err.message.includes('timeout waiting for'),
  );
  // The caller's own deadline running out first is reported the same way, not as a bare abort.
  await assert.rejects(
    waitForSet(client, [objectId(stuck)], { timeoutMs: 60_000, pollMs: 500, signal: AbortSignal.timeout(1500) }),
    (err: unknown) => err instanceof HealthCheckError && err.message.includes(`Deployment/${ns}/stuck status: 'InProgress'`) && err.message.includes('timeout waiting for'),
  );
  // Any other abort (a newer revision cancelling the check) is passed through as it is.
  const cancel = new AbortController();
  setTimeout(() => cancel.abort(new Error('superseded by a new revision')), 1000);
  await assert.rejects(waitForSet(client, [objectId(stuck)], { timeoutMs: 60_000, pollMs: 500, signal: cancel.signal }), /superseded by a new revision/);
});

test('prune deletes stale objects we own and keeps the ones we do not own or must keep', async (t) => {
  const ns = await testNamespace(t);
  const { client } = await testCluster();
  const labels = owner(ns);
  const rm = new ResourceManager(client, 'kustomize-controller', labels);
  const before = [configMap(ns, 'keep', {}), configMap(ns, 'stale', {}), configMap(ns, 'pinned', {})];
  await rm.applyAllStaged(before);
  await client.create(configMap(ns, 'foreign', {})); // same name pattern, no owner labels
  await client.patch({ apiVersion: 'v1', kind: 'ConfigMap', name: 'pinned', namespace: ns }, { metadata: { annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' } } }, 'merge');

  const previous = [...before.map(objectId), objectId(configMap(ns, 'foreign', {}))];
  const stale = staleObjects(previous, [objectId(configMap(ns, 'keep', {}))]);
  const entries = await deleteObjects(client, stale, { ownerLabels: labels, keep: (o) => o.metadata.annotations?.['kustomize.toolkit.fluxcd.io/prune'] === 'disabled' });
  assert.deepEqual(entries.map((e) => `${e.id.name} ${e.action}`).sort(), ['foreign skipped', 'pinned skipped', 'stale deleted']);
  const names = (await client.list('v1', 'ConfigMap', { namespace: ns })).items.map((c) => c.metadata.name).sort();
  assert.ok(!names.includes('stale') || (await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'stale', namespace: ns })).metadata.deletionTimestamp);
  assert.ok(names.includes('keep') && names.includes('foreign') && names.includes('pinned'));
});
