// Our Kubernetes client against a real kube-apiserver: every verb, server-side apply semantics,
// watches, typed errors, impersonation and discovery of CRDs that appear while we run.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { eventually, testCluster, testNamespace } from './harness.ts';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  InvalidError,
  NotFoundError,
  UnknownKindError,
  isNotFound,
  KubeClient,
  type KubeObject,
  type ResourceMapping,
  type WatchEvent,
} from '../../src/kube/index.ts';
import { Discovery } from '../../src/kube/discovery.ts';
import { widgetCrd } from '../support/widget-crd.ts';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const cm = (namespace: string, name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels },
  data,
});

async function client(): Promise<KubeClient> {
  return (await testCluster()).client;
}

void test('create, get, update, merge and JSON patch, list with pagination, delete', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);

  const created = await kube.create(cm(ns, 'one', { a: '1' }));
  assert.ok(created.metadata.uid);
  const got = await kube.get<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', name: 'one', namespace: ns });
  assert.deepEqual(got.data, { a: '1' });

  got.data = { a: '2' };
  const updated = await kube.update(got);
  assert.equal(updated.data?.a, '2');
  // A stale resourceVersion is a conflict, not a silent overwrite.
  await assert.rejects(kube.update({ ...got, data: { a: 'stale' } }), (e: unknown) => e instanceof ConflictError && /the object has been modified/.test(e.message));

  const merged = await kube.patch<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', name: 'one', namespace: ns }, { data: { b: 'x' } }, 'merge');
  assert.deepEqual(merged.data, { a: '2', b: 'x' });
  const jsonPatched = await kube.patch<ConfigMap>(
    { apiVersion: 'v1', kind: 'ConfigMap', name: 'one', namespace: ns },
    [{ op: 'remove', path: '/data/a' }],
    'json',
  );
  assert.deepEqual(jsonPatched.data, { b: 'x' });
  const strategic = await kube.patch<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', name: 'one', namespace: ns }, { data: { c: 'y' } }, 'strategic');
  assert.deepEqual(strategic.data, { b: 'x', c: 'y' });

  for (let i = 0; i < 5; i++) await kube.create(cm(ns, `page-${i}`, {}, { set: 'paged' }));
  // The apiserver really splits this list: the first page of 2 carries a continue token.
  const firstPage = (await kube.request('GET', `/api/v1/namespaces/${ns}/configmaps`, { query: { labelSelector: 'set=paged', limit: '2' } })) as {
    items: unknown[];
    metadata: { continue?: string };
  };
  assert.equal(firstPage.items.length, 2);
  assert.ok(firstPage.metadata.continue);
  const all = await kube.list<ConfigMap>('v1', 'ConfigMap', { namespace: ns, labelSelector: 'set=paged', limit: 2 });
  assert.deepEqual(all.items.map((i) => i.metadata.name).sort(), ['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
  assert.ok(all.items.every((i) => i.apiVersion === 'v1' && i.kind === 'ConfigMap'), 'list items carry apiVersion and kind');
  assert.match(all.metadata.resourceVersion ?? '', /^\d+$/);

  await kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'one', namespace: ns });
  await assert.rejects(kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'one', namespace: ns }), NotFoundError);
  await assert.rejects(
    kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'one', namespace: ns }),
    (e: unknown) => isNotFound(e) && e.message === `deleting v1 ConfigMap ${ns}/one: configmaps "one" not found`,
  );
  await assert.rejects(kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }), /ConfigMap is namespaced but no namespace was given/);
});

void test('server-side apply: field managers, a conflict with the apiserver message, force, dry-run', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owned', namespace: ns };

  const applied = await kube.apply<ConfigMap>(cm(ns, 'owned', { shared: 'alpha', mine: 'a' }), { fieldManager: 'alpha' });
  assert.deepEqual(applied.data, { shared: 'alpha', mine: 'a' });

  const conflict = await kube.apply(cm(ns, 'owned', { shared: 'beta' }), { fieldManager: 'beta' }).catch((e: unknown) => e);
  assert.ok(conflict instanceof ConflictError, `want ConflictError, got ${String(conflict)}`);
  assert.equal(conflict.code, 409);
  assert.match(conflict.message, new RegExp(`^applying v1 ConfigMap ${ns}/owned: Apply failed with 1 conflict: conflict with "alpha".*\\.data\\.shared`));

  const dry = await kube.apply<ConfigMap>(cm(ns, 'owned', { shared: 'beta' }), { fieldManager: 'beta', force: true, dryRun: true });
  assert.equal(dry.data?.shared, 'beta', 'dry-run answers with the would-be object');
  assert.equal((await kube.get<ConfigMap>(ref)).data?.shared, 'alpha', 'dry-run changed nothing');
  await kube.create(cm(ns, 'dry-created'), { dryRun: true });
  await assert.rejects(kube.get({ ...ref, name: 'dry-created' }), NotFoundError);

  const forced = await kube.apply<ConfigMap>(cm(ns, 'owned', { shared: 'beta' }), { fieldManager: 'beta', force: true });
  assert.deepEqual(forced.data, { shared: 'beta', mine: 'a' });
  const managers = (forced.metadata.managedFields as { manager: string; fieldsV1: { 'f:data'?: Record<string, unknown> } }[]).map((m) => ({
    manager: m.manager,
    fields: Object.keys(m.fieldsV1['f:data'] ?? {}).sort(),
  }));
  assert.deepEqual(
    managers.sort((a, b) => a.manager.localeCompare(b.manager)),
    [
      { manager: 'alpha', fields: ['f:mine'] },
      { manager: 'beta', fields: ['f:shared'] },
    ],
    'force moved ownership of data.shared to beta',
  );

  // alpha no longer applies `mine`: SSA removes the field it alone owned.
  const pruned = await kube.apply<ConfigMap>(cm(ns, 'owned', {}), { fieldManager: 'alpha' });
  assert.deepEqual(pruned.data, { shared: 'beta' });
});

void test('invalid objects are rejected with InvalidError listing the field causes', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  };
  const err = await kube.apply(deployment, { fieldManager: 'test' }).catch((e: unknown) => e);
  assert.ok(err instanceof InvalidError, `want InvalidError, got ${String(err)}`);
  assert.match(err.message, new RegExp(`^applying apps/v1 Deployment ${ns}/web: Deployment\\.apps "web" is invalid: .*spec\\.selector: Required value`));
  assert.ok(err.causes.some((c) => c.field === 'spec.selector' && c.reason === 'FieldValueRequired'), JSON.stringify(err.causes));
});

void test('a Deployment created through the client becomes Available on the kwok nodes', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  await kube.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'registry.example/web:1' }] } },
    },
  });
  type Deployment = KubeObject & { status?: { availableReplicas?: number; conditions?: { type: string; status: string }[] } };
  const available = await eventually('deployment web to have 2 available replicas', async () => {
    const d = await kube.get<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: ns });
    return d.status?.availableReplicas === 2 ? d : undefined;
  }, 120_000);
  assert.ok(available.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True'));
});

void test('delete honours propagation policy, preconditions and dry-run', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  const ref = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace: ns });
  const withOwner = async (owner: ConfigMap, name: string, finalizers?: string[]) =>
    kube.create({
      ...cm(ns, name),
      metadata: {
        name,
        namespace: ns,
        finalizers,
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name!, uid: owner.metadata.uid!, blockOwnerDeletion: true }],
      },
    });

  const owner = await kube.create(cm(ns, 'owner'));
  await kube.delete(ref('owner'), { dryRun: true });
  await kube.get(ref('owner'));
  await assert.rejects(kube.delete(ref('owner'), { preconditions: { uid: 'not-the-uid' } }), ConflictError);

  // Orphan: the dependent survives and loses its owner reference.
  await withOwner(owner, 'orphaned');
  await kube.delete(ref('owner'), { propagationPolicy: 'Orphan', preconditions: { uid: owner.metadata.uid } });
  await eventually('owner to be gone', async () => (await kube.get(ref('owner')).catch((e: unknown) => (isNotFound(e) ? 'gone' : undefined))) === 'gone' || undefined);
  await eventually('orphan to lose its owner reference', async () => ((await kube.get(ref('orphaned'))).metadata.ownerReferences?.length ? undefined : true));

  // Foreground: the owner waits, with the foregroundDeletion finalizer, until its dependent is gone.
  const parent = await kube.create(cm(ns, 'parent'));
  await withOwner(parent, 'held', ['tsflux.test/hold']);
  await kube.delete(ref('parent'), { propagationPolicy: 'Foreground' });
  const waiting = await kube.get(ref('parent'));
  assert.ok(waiting.metadata.deletionTimestamp);
  assert.ok(waiting.metadata.finalizers?.includes('foregroundDeletion'));
  await eventually('the garbage collector to delete the dependent', async () => ((await kube.get(ref('held'))).metadata.deletionTimestamp ? true : undefined));
  await kube.patch(ref('held'), { metadata: { finalizers: null } }, 'merge');
  await eventually('parent to be deleted after its dependent', async () => (await kube.get(ref('parent')).catch((e: unknown) => (isNotFound(e) ? 'gone' : undefined))) === 'gone' || undefined);

  // Background: the owner goes at once, the garbage collector removes the dependent afterwards.
  const bg = await kube.create(cm(ns, 'bg-owner'));
  await withOwner(bg, 'bg-dependent');
  await kube.delete(ref('bg-owner'), { propagationPolicy: 'Background' });
  await eventually('the dependent to be collected', async () => (await kube.get(ref('bg-dependent')).catch((e: unknown) => (isNotFound(e) ? 'gone' : undefined))) === 'gone' || undefined);
});

void test('watch from a resourceVersion delivers only later changes and ends when the server closes it; abort ends it quietly', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  await kube.create(cm(ns, 'before'));
  const { metadata } = await kube.list('v1', 'ConfigMap', { namespace: ns });
  await kube.create(cm(ns, 'after'));
  await kube.patch({ apiVersion: 'v1', kind: 'ConfigMap', name: 'before', namespace: ns }, { data: { changed: 'yes' } }, 'merge');

  const changes: string[] = [];
  // timeoutSeconds makes the server end the watch: the loop must then simply finish.
  for await (const e of kube.watch<ConfigMap>('v1', 'ConfigMap', { namespace: ns, resourceVersion: metadata.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 2 })) {
    // The namespace's kube-root-ca.crt appears whenever the controller manager gets to it: not ours.
    if (e.type !== 'BOOKMARK' && (e.object as ConfigMap).metadata.name !== 'kube-root-ca.crt') changes.push(`${e.type} ${(e.object as ConfigMap).metadata.name}`);
  }
  assert.deepEqual(changes, ['ADDED after', 'MODIFIED before']);

  const abort = new AbortController();
  const seen: string[] = [];
  const latest = (await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'before', namespace: ns })).metadata.resourceVersion;
  const watching = (async () => {
    for await (const e of kube.watch<ConfigMap>('v1', 'ConfigMap', { namespace: ns, resourceVersion: latest, signal: abort.signal })) {
      if ((e.object as ConfigMap).metadata.name === 'kube-root-ca.crt') continue; // the controller manager's, as above
      seen.push(`${e.type} ${(e.object as ConfigMap).metadata.name}`);
      abort.abort();
    }
  })();
  await kube.create(cm(ns, 'late'));
  await watching;
  assert.deepEqual(seen, ['ADDED late']);
});

void test('a streaming-list watch sends the current objects, then a bookmark marking their end, then changes', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  await kube.create(cm(ns, 'a', {}, { pick: 'me' }));
  await kube.create(cm(ns, 'b', {}, { pick: 'me' }));
  await kube.create(cm(ns, 'other'));
  const abort = new AbortController();
  const events: WatchEvent<ConfigMap>[] = [];
  for await (const e of kube.watch<ConfigMap>('v1', 'ConfigMap', { namespace: ns, labelSelector: 'pick=me', sendInitialEvents: true, signal: abort.signal })) {
    events.push(e);
    if (e.type === 'BOOKMARK') void kube.create(cm(ns, 'c', {}, { pick: 'me' }));
    if (e.type === 'ADDED' && e.object.metadata.name === 'c') abort.abort();
  }
  const shape = events.map((e) => (e.type === 'BOOKMARK' ? 'BOOKMARK' : `${e.type} ${(e.object as ConfigMap).metadata.name}`));
  assert.deepEqual(shape.slice(0, 2).sort(), ['ADDED a', 'ADDED b']);
  assert.deepEqual(shape.slice(2), ['BOOKMARK', 'ADDED c']);
  const bookmark = events[2]!.object as { metadata: { resourceVersion: string; annotations?: Record<string, string> } };
  assert.equal(bookmark.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
  assert.match(bookmark.metadata.resourceVersion, /^\d+$/);
});

void test('watching from a resourceVersion older than the watch cache throws GoneError', async (t) => {
  const kube = await client();
  // A new CRD's watch cache starts at the current resourceVersion, so "1" is certainly too old for it.
  const { apiVersion, kind } = await createCrd(t, kube);
  await eventually('the new kind to be discovered', () => kube.mapping(apiVersion, kind));
  const err = await (async () => {
    for await (const _ of kube.watch(apiVersion, kind, { resourceVersion: '1', timeoutSeconds: 10 })) {
      // no event is expected before the error
    }
  })().catch((e: unknown) => e);
  assert.ok(err instanceof GoneError, `want GoneError, got ${String(err)}`);
  assert.equal(err.code, 410);
  assert.match(err.message, new RegExp(`^watching ${apiVersion} ${kind} in all namespaces: too old resource version: 1 \\(\\d+\\)`));
});

void test('an impersonated user without RBAC is Forbidden until a Role is bound to the user or a group', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  const jane = kube.impersonate('jane');
  const err = await jane.list('v1', 'ConfigMap', { namespace: ns }).catch((e: unknown) => e);
  assert.ok(err instanceof ForbiddenError, `want ForbiddenError, got ${String(err)}`);
  assert.match(err.message, new RegExp(`^listing v1 ConfigMap in namespace ${ns}: .*User "jane" cannot list resource "configmaps" in API group "" in the namespace "${ns}"`));

  await kube.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'cm-reader', namespace: ns },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
  });
  const bind = (name: string, subject: { kind: string; name: string }) =>
    kube.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
    });
  await bind('jane', { kind: 'User', name: 'jane' });
  await eventually('jane to be allowed to list configmaps', () => jane.list('v1', 'ConfigMap', { namespace: ns }));

  const bob = kube.impersonate('bob', ['readers']);
  await assert.rejects(bob.list('v1', 'ConfigMap', { namespace: ns }), ForbiddenError);
  await bind('readers', { kind: 'Group', name: 'readers' });
  await eventually('group readers to be allowed to list configmaps', () => bob.list('v1', 'ConfigMap', { namespace: ns }));
  await assert.rejects(bob.create(cm(ns, 'nope')), ForbiddenError);
});

void test('kubeconfig impersonation (as, as-groups, as-uid, as-user-extra) is what the apiserver sees', async (t) => {
  const { kubeconfigPath } = await testCluster();
  const config = parse(await readFile(kubeconfigPath, 'utf8')) as { users: { user: Record<string, unknown> }[] };
  for (const { user } of config.users) {
    Object.assign(user, { as: 'jane', 'as-groups': ['readers', 'ops'], 'as-uid': 'uid-1234', 'as-user-extra': { 'example.com/scopes': ['view', 'edit'], reason: ['e2e'] } });
  }
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-impersonate-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'kubeconfig'), stringify(config));
  const asJane = await KubeClient.fromKubeconfig({ path: join(dir, 'kubeconfig') });
  t.after(() => asJane.close());
  // SelfSubjectReview answers with the identity the apiserver authenticated, impersonation applied.
  const review = await asJane.create<KubeObject & { status?: { userInfo: Record<string, unknown> } }>({
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: {},
  });
  assert.deepEqual(review.status?.userInfo, {
    username: 'jane',
    uid: 'uid-1234',
    groups: ['readers', 'ops', 'system:authenticated'],
    extra: { 'example.com/scopes': ['view', 'edit'], reason: ['e2e'] },
  });
});

/** A namespaced CRD with a status subresource and a schema that keeps unknown fields, deleted after the test. */
async function createCrd(t: TestContext, kube: KubeClient) {
  const group = `e2e-${randomBytes(4).toString('hex')}.tsflux.io`;
  const crdName = `widgets.${group}`;
  await kube.create(
    widgetCrd(group, {
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', properties: { phase: { type: 'string' } } },
    }),
  );
  t.after(() => kube.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crdName }).catch(() => {}));
  await eventually(`CRD ${crdName} to be Established`, async () => {
    const crd = await kube.get<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: crdName,
    });
    return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') || undefined;
  });
  return { apiVersion: `${group}/v1`, kind: 'Widget' };
}

void test('a CRD created while the client runs is discovered, and its objects keep every field through apply', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  await kube.mapping('v1', 'ConfigMap'); // discovery is cached from here on
  await assert.rejects(kube.mapping('nothing.tsflux.io/v1', 'Widget'), UnknownKindError);

  const { apiVersion, kind } = await createCrd(t, kube);
  const mapping = await eventually('the new kind to be discovered', () => kube.mapping(apiVersion, kind));
  assert.deepEqual(
    { resource: mapping.resource, namespaced: mapping.namespaced, subresources: mapping.subresources },
    { resource: 'widgets', namespaced: true, subresources: ['status'] },
  );

  const spec = { size: 3, nested: { list: [1, 'two', { three: true }], 'odd-key': null, intOrString: '50%' } };
  const applied = await kube.apply<KubeObject & { spec: unknown }>({ apiVersion, kind, metadata: { name: 'w', namespace: ns }, spec }, { fieldManager: 'e2e' });
  assert.deepEqual(applied.spec, spec);
  assert.deepEqual((await kube.get<KubeObject & { spec: unknown }>({ apiVersion, kind, name: 'w', namespace: ns })).spec, spec);
});

void test('the status subresource is written through its own endpoint', async (t) => {
  const kube = await client();
  const ns = await testNamespace(t);
  const { apiVersion, kind } = await createCrd(t, kube);
  await eventually('the new kind to be discovered', () => kube.mapping(apiVersion, kind));
  type Widget = KubeObject & { spec?: { size?: number }; status?: { phase?: string } };
  const ref = { apiVersion, kind, name: 'w', namespace: ns };
  await kube.create<Widget>({ apiVersion, kind, metadata: { name: 'w', namespace: ns }, spec: { size: 1 }, status: { phase: 'ignored' } });
  assert.equal((await kube.get<Widget>(ref)).status, undefined, 'status is not written through the main resource');

  const patched = await kube.patch<Widget>(ref, { status: { phase: 'Ready' }, spec: { size: 99 } }, 'merge', { subresource: 'status' });
  assert.equal(patched.status?.phase, 'Ready');
  assert.equal(patched.spec?.size, 1, 'the status endpoint ignores spec');

  const current = await kube.get<Widget>(ref);
  const updated = await kube.update<Widget>({ ...current, status: { phase: 'Done' } }, { subresource: 'status' });
  assert.equal(updated.status?.phase, 'Done');
  const appliedStatus = await kube.apply<Widget>({ apiVersion, kind, metadata: { name: 'w', namespace: ns }, status: { phase: 'Applied' } }, { fieldManager: 'status-writer', subresource: 'status', force: true });
  assert.equal(appliedStatus.status?.phase, 'Applied');
});

void test('legacy per-group discovery agrees with the aggregated discovery the client uses', async () => {
  const kube = await client();
  // Asking with a plain Accept header makes the apiserver answer the legacy way.
  const legacy = new Discovery((path) => kube.request('GET', path), kube.server);
  const shape = (all: ResourceMapping[]) =>
    all
      .filter((m) => !m.group.endsWith('.tsflux.io')) // CRDs of concurrent tests come and go
      .map((m) => `${m.group}/${m.version} ${m.kind} ${m.resource} ${m.namespaced} [${[...m.subresources].sort().join(',')}]`)
      .sort();
  const fromLegacy = await legacy.all();
  assert.ok(shape(fromLegacy).includes('apps/v1 Deployment deployments true [scale,status]'));
  assert.ok(shape(fromLegacy).includes('/v1 Namespace namespaces false [finalize,status]'));
  const fromClient = await Promise.all(fromLegacy.map((m) => kube.mapping(m.group ? `${m.group}/${m.version}` : m.version, m.kind)));
  assert.deepEqual(shape(fromClient), shape(fromLegacy));
});

void test('lookups of an unknown kind share discovery refreshes instead of flooding the apiserver', async () => {
  const kube = await client();
  const requested: string[] = [];
  const discovery = new Discovery((path, accept) => {
    requested.push(path);
    return kube.request('GET', path, { accept });
  }, kube.server);
  await discovery.mapping('apps/v1', 'Deployment');
  assert.deepEqual(requested, ['/api', '/apis'], 'aggregated discovery: two requests for the whole cluster');
  const misses = await Promise.all(Array.from({ length: 5 }, () => discovery.mapping('absent.tsflux.io/v1', 'Nothing').catch((e: unknown) => e)));
  assert.ok(misses.every((e) => e instanceof UnknownKindError));
  assert.match(String(misses[0]), /no kind "Nothing" is registered for version "absent\.tsflux\.io\/v1" on https:\/\/.* \(is its CRD installed\?\)/);
  assert.equal(requested.length, 4, 'five concurrent misses, one refresh');
  await discovery.mapping('apps/v1', 'Deployment');
  assert.equal(requested.length, 4, 'known kinds come from the cache');
});
