// Kustomization end to end, the GitOps loop: Git → GitRepository artifact → build → server-side apply
// → status, on the real control plane with both controllers running in this process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureControlPlaneBinaries } from '../../src/dev/binaries.ts';
import { isNotFound, type KubeObject } from '../../src/kube/index.ts';
import { eventually, testCluster, testNamespace } from './harness.ts';
import { configMap, getKs, KS_API, readyOf, startKustomizeEnv, waitReady, type KustomizeEnv } from './kustomization-env.ts';

let env: KustomizeEnv;
before(async () => {
  env = await startKustomizeEnv();
});
after(async () => {
  await env?.stop();
});

type ConfigMap = KubeObject & { data?: Record<string, string> };
const getCm = (namespace: string, name: string) => env.client.get<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

test('applies the manifests of a Git path, records inventory and revision, then follows Git: update and prune', async (t) => {
  const ns = await testNamespace(t);
  const repo = await env.repo(ns, 'app', {
    'deploy/a.yaml': configMap('a', { v: '1' }),
    'deploy/b.yaml': configMap('b', { v: '1' }),
    'README.md': 'not a manifest',
  });
  await env.client.create(env.kustomization(ns, 'app', { path: './deploy', targetNamespace: ns }));
  const ks = await waitReady(env.client, ns, 'app', 'True');
  const head = repo.head();
  assert.equal(readyOf(ks)?.reason, 'ReconciliationSucceeded');
  assert.equal(ks.status?.lastAppliedRevision, `main@sha1:${head}`);
  assert.equal(ks.status?.lastAttemptedRevision, `main@sha1:${head}`);
  assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id).sort(), [`${ns}_a__ConfigMap`, `${ns}_b__ConfigMap`]);
  const a = await getCm(ns, 'a');
  assert.equal(a.metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'app');
  assert.equal(a.metadata.labels?.['kustomize.toolkit.fluxcd.io/namespace'], ns);
  assert.ok((a.metadata.managedFields as { manager?: string }[] | undefined)?.some((f) => f.manager === 'kustomize-controller'));

  repo.write({ 'deploy/a.yaml': configMap('a', { v: '2' }) }).remove('deploy/b.yaml');
  const next = await env.push(repo, ns, 'app', 'update a, remove b');
  await eventually('the new revision applied', async () => ((await getKs(env.client, ns, 'app')).status?.lastAppliedRevision === `main@sha1:${next}` ? true : undefined));
  assert.equal((await getCm(ns, 'a')).data?.v, '2');
  await eventually('b pruned', async () => getCm(ns, 'b').then(() => undefined, (err: unknown) => (isNotFound(err) ? true : undefined)));
  const updated = await getKs(env.client, ns, 'app');
  assert.deepEqual(updated.status?.inventory?.entries.map((e) => e.id), [`${ns}_a__ConfigMap`]);
  // status.history: one snapshot per built state, newest first, each with its revision.
  const history = updated.status?.history ?? [];
  assert.deepEqual(history.map((s) => [s.metadata?.revision, s.lastReconciledStatus]), [[`main@sha1:${next}`, 'ReconciliationSucceeded'], [`main@sha1:${head}`, 'ReconciliationSucceeded']]);
  assert.notEqual(history[0]!.digest, history[1]!.digest);
  assert.match(history[0]!.digest, /^sha256:[0-9a-f]{64}$/);
});

test('drift is corrected: a manual edit is reverted on the next reconcile', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'drift', { 'cm.yaml': configMap('settings', { mode: 'git' }) });
  await env.client.create(env.kustomization(ns, 'drift', { targetNamespace: ns, interval: '2s' }));
  await waitReady(env.client, ns, 'drift', 'True');
  await env.client.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' }, { data: { mode: 'manual' } }, 'merge');
  assert.equal((await getCm(ns, 'settings')).data?.mode, 'manual');
  await eventually('the manual edit reverted', async () => ((await getCm(ns, 'settings')).data?.mode === 'git' ? true : undefined));
});

const requestReconcile = (namespace: string, name: string) =>
  env.client.patch({ apiVersion: KS_API, kind: 'Kustomization', namespace, name }, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': String(Date.now()) } } }, 'merge');

test('kubectl drift is taken back: kubectl apply fields and its annotation are removed, except on ssa: Merge objects', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'kubectl', {
    'a.yaml': configMap('override', { mode: 'git' }),
    'b.yaml': configMap('merged', { mode: 'git' }, '  annotations:\n    kustomize.toolkit.fluxcd.io/ssa: Merge\n'),
  });
  // A long interval and an explicit request below, so the kubectl edits are followed by a reconcile.
  await env.client.create(env.kustomization(ns, 'kubectl', { targetNamespace: ns, interval: '1h' }));
  await waitReady(env.client, ns, 'kubectl', 'True');
  const kubectl = (await ensureControlPlaneBinaries()).path('kubectl');
  const { kubeconfigPath } = await testCluster();
  for (const name of ['override', 'merged']) {
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { mode: 'git', extra: 'by-hand' } });
    const child = execFile(kubectl, ['--kubeconfig', kubeconfigPath, 'apply', '-f', '-']);
    let printed = '';
    child.stdout!.on('data', (b: Buffer) => (printed += b.toString()));
    child.stdin!.end(manifest);
    await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kubectl apply exited ${code}`)))));
    // kubectl's own word that it wrote the field: reading it back could race a reconcile already queued.
    assert.match(printed, new RegExp(`configmap/${name} configured`));
  }
  const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
  await requestReconcile(ns, 'kubectl');
  await eventually('the kubectl field and annotation removed', async () => {
    const cm = await getCm(ns, 'override');
    return cm.data?.extra === undefined && cm.metadata.annotations?.[lastApplied] === undefined ? true : undefined;
  });
  const merged = await getCm(ns, 'merged');
  assert.equal(merged.data?.extra, 'by-hand');
  assert.ok(merged.metadata.annotations?.[lastApplied]);
});

test('spec.ignore: ignored fields keep what the cluster says while the rest is corrected', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'ignoring', { 'cm.yaml': configMap('tuned', { managed: 'git', tuned: 'git' }), 'other.yaml': configMap('plain', { tuned: 'git' }) });
  await env.client.create(env.kustomization(ns, 'ignoring', {
    targetNamespace: ns,
    interval: '1h',
    ignore: [{ paths: ['/data/tuned'], target: { kind: 'ConfigMap', name: 'tuned' } }],
  }));
  await waitReady(env.client, ns, 'ignoring', 'True');
  for (const name of ['tuned', 'plain']) {
    await env.client.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name }, { data: { managed: 'by-hand', tuned: 'by-hand' } }, 'merge', { fieldManager: 'tuner' });
  }
  await requestReconcile(ns, 'ignoring');
  await eventually('drift corrected outside the ignored field', async () => {
    const [tuned, plain] = await Promise.all([getCm(ns, 'tuned'), getCm(ns, 'plain')]);
    return tuned.data?.managed === 'git' && plain.data?.tuned === 'git' ? true : undefined;
  });
  assert.equal((await getCm(ns, 'tuned')).data?.tuned, 'by-hand');
});

test('invalid YAML in Git fails with BuildFailed naming the file', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'broken', { 'good.yaml': configMap('good', { a: 'b' }), 'apps/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [oops\n' });
  await env.client.create(env.kustomization(ns, 'broken', { targetNamespace: ns }));
  const ks = await waitReady(env.client, ns, 'broken', 'False', 'BuildFailed');
  assert.match(readyOf(ks)!.message, /apps\/bad\.yaml/);
  assert.ok(ks.status?.lastAttemptedRevision?.startsWith('main@sha1:'));
  assert.equal(ks.status?.lastAppliedRevision, undefined);
  assert.equal(ks.status?.history, undefined, 'a build failure applies nothing, so history records nothing');
});

test('a missing source fails with ArtifactFailed', async (t) => {
  const ns = await testNamespace(t);
  await env.client.create(env.kustomization(ns, 'orphan', { sourceRef: { kind: 'GitRepository', name: 'does-not-exist' } }));
  const ks = await waitReady(env.client, ns, 'orphan', 'False', 'ArtifactFailed');
  assert.equal(readyOf(ks)!.message, `Source 'GitRepository/${ns}/does-not-exist' not found`);
});

test('postBuild substitution from inline values, a Secret and a ConfigMap (later wins); strict mode fails on an undefined variable', async (t) => {
  const ns = await testNamespace(t);
  await env.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vars', namespace: ns }, data: { color: 'blue', size: 'small' } });
  await env.client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secret-vars', namespace: ns }, stringData: { word: 'swordfish', color: 'green' } } as KubeObject);
  const repo = await env.repo(ns, 'subst', { 'cm.yaml': configMap('out', { color: '${color}', size: '${size}', region: '${region:=eu}', literal: '$${color}', word: '${word}' }) });
  await env.client.create(env.kustomization(ns, 'subst', {
    targetNamespace: ns,
    postBuild: {
      substitute: { size: 'large' },
      // Later sources override earlier ones; inline values override all.
      substituteFrom: [{ kind: 'Secret', name: 'secret-vars' }, { kind: 'ConfigMap', name: 'vars' }, { kind: 'Secret', name: 'absent', optional: true }],
    },
  }));
  await waitReady(env.client, ns, 'subst', 'True');
  assert.deepEqual((await getCm(ns, 'out')).data, { color: 'blue', size: 'large', region: 'eu', literal: '${color}', word: 'swordfish' });

  repo.write({ 'cm.yaml': configMap('out', { color: '${undefined_thing}' }) });
  await env.push(repo, ns, 'subst', 'undefined variable');
  const ks = await waitReady(env.client, ns, 'subst', 'False', 'BuildFailed');
  assert.match(readyOf(ks)!.message, /undefined_thing/);
  assert.match(readyOf(ks)!.message, /ConfigMap\/.*out/);
});

test('a suspended Kustomization does nothing', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'sleepy', { 'cm.yaml': configMap('never', { a: 'b' }) });
  await env.client.create(env.kustomization(ns, 'sleepy', { targetNamespace: ns, suspend: true }));
  // The GitRepository becoming ready proves the controllers had time to act.
  await eventually('the GitRepository artifact', async () => {
    const src = await env.client.get<KubeObject & { status?: { artifact?: unknown } }>({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: ns, name: 'sleepy' });
    return src.status?.artifact ? true : undefined;
  });
  await new Promise((r) => setTimeout(r, 2000));
  await assert.rejects(getCm(ns, 'never'), isNotFound);
  assert.equal((await getKs(env.client, ns, 'sleepy')).status?.lastAppliedRevision, undefined);
});

test('kubectl wait --for=condition=ready kustomization/NAME works', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'waited', { 'cm.yaml': configMap('w', { a: 'b' }) });
  await env.client.create(env.kustomization(ns, 'waited', { targetNamespace: ns }));
  const kubectl = (await ensureControlPlaneBinaries()).path('kubectl');
  const { kubeconfigPath } = await testCluster();
  const { stdout } = await promisify(execFile)(kubectl, ['--kubeconfig', kubeconfigPath, '-n', ns, 'wait', '--for=condition=ready', 'kustomization/waited', '--timeout=60s']);
  assert.match(stdout, /kustomization.kustomize.toolkit.fluxcd.io\/waited condition met/);
});
