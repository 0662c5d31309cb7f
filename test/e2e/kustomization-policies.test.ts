// Kustomization end to end, beyond the happy path: dependsOn ordering, health checks that fail or time
// out, impersonation, force recreation, SOPS decryption with a key made by the real sops, and what
// deleting a Kustomization does to its objects per deletionPolicy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGoTool } from '../../src/dev/go-build.ts';
import { isNotFound, type KubeObject } from '../../src/kube/index.ts';
import { eventually, testCluster, testNamespace } from './harness.ts';
import { configMap, getKs, KS_API, readyOf, serviceAccountBoundTo, startKustomizeEnv, waitReady, type KustomizeEnv } from './kustomization-env.ts';

let env: KustomizeEnv;
before(async () => {
  env = await startKustomizeEnv();
});
after(async () => {
  await env?.stop();
});

type ConfigMap = KubeObject & { data?: Record<string, string> };
const getCm = (namespace: string, name: string) => env.client.get<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });
const gone = (namespace: string, name: string) =>
  eventually(`ConfigMap ${namespace}/${name} deleted`, async () => getCm(namespace, name).then(() => undefined, (err: unknown) => (isNotFound(err) ? true : undefined)));

test('dependsOn: a Kustomization waits until its dependency is Ready at the same revision', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'fleet', { 'infra/cm.yaml': configMap('infra', { a: 'b' }), 'apps/cm.yaml': configMap('app', { a: 'b' }) });
  await env.client.create(env.kustomization(ns, 'apps', { path: './apps', targetNamespace: ns, sourceRef: { kind: 'GitRepository', name: 'fleet' }, dependsOn: [{ name: 'infra' }] }));
  const waiting = await waitReady(env.client, ns, 'apps', 'False', 'DependencyNotReady');
  assert.match(readyOf(waiting)!.message, new RegExp(`unable to get '${ns}/infra' dependency`));
  await assert.rejects(getCm(ns, 'app'), isNotFound);

  await env.client.create(env.kustomization(ns, 'infra', { path: './infra', targetNamespace: ns, sourceRef: { kind: 'GitRepository', name: 'fleet' } }));
  const infra = await waitReady(env.client, ns, 'infra', 'True');
  const apps = await waitReady(env.client, ns, 'apps', 'True');
  assert.equal(apps.status?.lastAppliedRevision, infra.status?.lastAppliedRevision);
  const [infraCm, appCm] = await Promise.all([getCm(ns, 'infra'), getCm(ns, 'app')]);
  assert.ok(Date.parse(appCm.metadata.creationTimestamp!) >= Date.parse(infraCm.metadata.creationTimestamp!));
});

test('a failing health check (CEL failed expression) makes Ready=False naming the object, with Healthy=False', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'sick', { 'cm.yaml': configMap('probe', { state: 'broken' }) });
  await env.client.create(env.kustomization(ns, 'sick', {
    targetNamespace: ns,
    wait: true,
    healthCheckExprs: [{ apiVersion: 'v1', kind: 'ConfigMap', current: "data.state == 'ok'", failed: "data.state == 'broken'" }],
  }));
  const ks = await waitReady(env.client, ns, 'sick', 'False', 'HealthCheckFailed');
  assert.match(readyOf(ks)!.message, new RegExp(`ConfigMap/${ns}/probe status: 'Failed'`));
  assert.equal(ks.status?.conditions?.find((c) => c.type === 'Healthy')?.status, 'False');
  // The objects were applied and are in the inventory even though they are not healthy.
  assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id), [`${ns}_probe__ConfigMap`]);
  assert.equal(ks.status?.history?.[0]?.lastReconciledStatus, 'HealthCheckFailed');
  assert.equal(ks.status?.history?.[0]?.metadata?.revision, ks.status?.lastAttemptedRevision);
});

test('an invalid CEL expression (healthCheckExprs, dependsOn readyExpr) stalls with InvalidCELExpression before anything is applied', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'cel', { 'cm.yaml': configMap('never-applied', { a: 'b' }) });
  await env.client.create(env.kustomization(ns, 'bad-health', { targetNamespace: ns, sourceRef: { kind: 'GitRepository', name: 'cel' }, healthCheckExprs: [{ apiVersion: 'v1', kind: 'ConfigMap', current: 'data.state ==' }] }));
  await env.client.create(env.kustomization(ns, 'bad-dep', { targetNamespace: ns, sourceRef: { kind: 'GitRepository', name: 'cel' }, dependsOn: [{ name: 'bad-health', readyExpr: 'dep.status.(' }] }));
  for (const name of ['bad-health', 'bad-dep']) {
    const ks = await waitReady(env.client, ns, name, 'False', 'InvalidCELExpression');
    assert.match(readyOf(ks)!.message, /^Reconciliation failed terminally due to configuration error: /);
    assert.equal(ks.status?.conditions?.find((c) => c.type === 'Stalled')?.status, 'True');
  }
  await assert.rejects(getCm(ns, 'never-applied'), isNotFound);
});

/** A Kustomization whose health check waits until the live ConfigMap `probe` says state: ok (Git says pending). */
async function pendingProbe(namespace: string, name: string, timeout: string): Promise<void> {
  await env.repo(namespace, name, { 'cm.yaml': configMap('probe', { state: 'pending' }) });
  await env.client.create(env.kustomization(namespace, name, {
    targetNamespace: namespace,
    timeout,
    healthChecks: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'probe', namespace }],
    healthCheckExprs: [{ apiVersion: 'v1', kind: 'ConfigMap', current: "data.state == 'ok'" }],
  }));
}

test('a health check that never passes times out with Ready=False naming the object', async (t) => {
  const ns = await testNamespace(t);
  await pendingProbe(ns, 'slow', '30s');
  const ks = await waitReady(env.client, ns, 'slow', 'False', 'HealthCheckFailed', 90_000);
  assert.match(readyOf(ks)!.message, new RegExp(`timeout waiting for: \\[ConfigMap/${ns}/probe status: 'InProgress'`));
});

test('a long health check shows its step in status while it runs (Reconciling, Healthy and Ready Unknown), then the outcome replaces it', async (t) => {
  const ns = await testNamespace(t);
  await pendingProbe(ns, 'progress', '1m');
  const condition = (ks: Awaited<ReturnType<typeof getKs>>, type: string) => ks.status?.conditions?.find((c) => c.type === type);
  const waiting = await eventually('the health check step in status', async () => {
    const ks = await getKs(env.client, ns, 'progress');
    return condition(ks, 'Reconciling')?.message.startsWith('Running health checks') ? ks : undefined;
  });
  assert.match(condition(waiting, 'Reconciling')!.message, /^Running health checks for revision main@sha1:[0-9a-f]{40} with a timeout of 1m0s$/);
  assert.deepEqual([condition(waiting, 'Healthy')?.status, condition(waiting, 'Healthy')?.reason, condition(waiting, 'Healthy')?.message], ['Unknown', 'Progressing', condition(waiting, 'Reconciling')!.message]);
  assert.deepEqual([readyOf(waiting)?.status, readyOf(waiting)?.message], ['Unknown', 'Reconciliation in progress']);

  await env.client.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'probe' }, { data: { state: 'ok' } }, 'merge');
  const ready = await waitReady(env.client, ns, 'progress', 'True', 'ReconciliationSucceeded', 60_000);
  assert.equal(condition(ready, 'Reconciling'), undefined);
  assert.equal(condition(ready, 'Healthy')?.status, 'True');
});

test('impersonation: the service account may only do what its RBAC allows', async (t) => {
  const ns = await testNamespace(t);
  await env.client.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'configmaps', namespace: ns }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] });
  await serviceAccountBoundTo(env.client, ns, 'limited', { kind: 'Role', name: 'configmaps' });
  const repo = await env.repo(ns, 'tenant', { 'cm.yaml': configMap('allowed', { a: 'b' }) });
  await env.client.create(env.kustomization(ns, 'tenant', { targetNamespace: ns, serviceAccountName: 'limited' }));
  await waitReady(env.client, ns, 'tenant', 'True');
  assert.equal((await getCm(ns, 'allowed')).metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'tenant');

  repo.write({ 'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: forbidden\nstringData:\n  k: v\n` });
  await env.push(repo, ns, 'tenant', 'add a secret');
  const ks = await waitReady(env.client, ns, 'tenant', 'False', 'ReconciliationFailed');
  assert.match(readyOf(ks)!.message, /system:serviceaccount:.*:limited/);
  assert.match(readyOf(ks)!.message, /secrets/);
});

test('an object annotated reconcile: disabled in the cluster is neither updated nor pruned', async (t) => {
  const ns = await testNamespace(t);
  const repo = await env.repo(ns, 'paused', { 'cm.yaml': configMap('paused', { v: '1' }) });
  await env.client.create(env.kustomization(ns, 'paused', { targetNamespace: ns }));
  await waitReady(env.client, ns, 'paused', 'True');
  await env.client.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'paused' }, { metadata: { annotations: { 'kustomize.toolkit.fluxcd.io/reconcile': 'disabled' } } }, 'merge');
  repo.write({ 'cm.yaml': configMap('paused', { v: '2' }) });
  const second = await env.push(repo, ns, 'paused', 'v2');
  await eventually('v2 reconciled', async () => ((await getKs(env.client, ns, 'paused')).status?.lastAppliedRevision === `main@sha1:${second}` ? true : undefined));
  assert.equal((await getCm(ns, 'paused')).data?.v, '1');
  assert.deepEqual((await getKs(env.client, ns, 'paused')).status?.inventory?.entries, [], 'a skipped object leaves the inventory');
  repo.remove('cm.yaml').write({ 'other.yaml': configMap('other', { v: '1' }) });
  const third = await env.push(repo, ns, 'paused', 'remove it');
  await eventually('removal reconciled', async () => ((await getKs(env.client, ns, 'paused')).status?.lastAppliedRevision === `main@sha1:${third}` ? true : undefined));
  assert.equal((await getCm(ns, 'paused')).data?.v, '1');
});

test('force: an immutable-field change recreates the object when annotated force: Enabled', async (t) => {
  const ns = await testNamespace(t);
  const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\n  annotations:\n    kustomize.toolkit.fluxcd.io/force: Enabled\nimmutable: true\ndata:\n  v: "${v}"\n`;
  const repo = await env.repo(ns, 'frozen', { 'cm.yaml': cm('1') });
  await env.client.create(env.kustomization(ns, 'frozen', { targetNamespace: ns }));
  await waitReady(env.client, ns, 'frozen', 'True');
  const before = await getCm(ns, 'frozen');
  repo.write({ 'cm.yaml': cm('2') });
  const commit = await env.push(repo, ns, 'frozen', 'change immutable data');
  await eventually('the new revision applied', async () => ((await getKs(env.client, ns, 'frozen')).status?.lastAppliedRevision === `main@sha1:${commit}` ? true : undefined));
  const after = await getCm(ns, 'frozen');
  assert.equal(after.data?.v, '2');
  assert.notEqual(after.metadata.uid, before.metadata.uid);
});

test('deletion: MirrorPrune with prune deletes the objects, Orphan keeps them', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'fleet', { 'a/cm.yaml': configMap('pruned', { a: 'b' }), 'b/cm.yaml': configMap('orphaned', { a: 'b' }) });
  const source = { kind: 'GitRepository' as const, name: 'fleet' };
  await env.client.create(env.kustomization(ns, 'mirror', { path: './a', targetNamespace: ns, sourceRef: source }));
  await env.client.create(env.kustomization(ns, 'orphan', { path: './b', targetNamespace: ns, sourceRef: source, deletionPolicy: 'Orphan' }));
  await Promise.all([waitReady(env.client, ns, 'mirror', 'True'), waitReady(env.client, ns, 'orphan', 'True')]);
  for (const name of ['mirror', 'orphan']) await env.client.delete({ apiVersion: KS_API, kind: 'Kustomization', namespace: ns, name });
  await gone(ns, 'pruned');
  await eventually('both Kustomizations gone', async () => {
    const left = await Promise.all(['mirror', 'orphan'].map((n) => getKs(env.client, ns, n).then(() => true, () => false)));
    return left.some(Boolean) ? undefined : true;
  });
  assert.equal((await getCm(ns, 'orphaned')).metadata.name, 'orphaned');
});

test('deletion: Delete removes the objects without prune; WaitForTermination holds the Kustomization until they are gone', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'doomed', {
    'a/cm.yaml': configMap('removed', { a: 'b' }),
    'b/cm.yaml': configMap('held', { a: 'b' }, '  finalizers:\n    - example.com/hold\n'),
  });
  const source = { kind: 'GitRepository' as const, name: 'doomed' };
  await env.client.create(env.kustomization(ns, 'delete', { path: './a', targetNamespace: ns, sourceRef: source, prune: false, deletionPolicy: 'Delete' }));
  await env.client.create(env.kustomization(ns, 'wait', { path: './b', targetNamespace: ns, sourceRef: source, prune: false, deletionPolicy: 'WaitForTermination', timeout: '2m' }));
  await Promise.all([waitReady(env.client, ns, 'delete', 'True'), waitReady(env.client, ns, 'wait', 'True')]);
  for (const name of ['delete', 'wait']) await env.client.delete({ apiVersion: KS_API, kind: 'Kustomization', namespace: ns, name });
  await gone(ns, 'removed');
  await eventually('the held ConfigMap marked for deletion', async () => ((await getCm(ns, 'held')).metadata.deletionTimestamp ? true : undefined));
  await new Promise((r) => setTimeout(r, 2000));
  assert.ok((await getKs(env.client, ns, 'wait')).metadata.deletionTimestamp, 'the Kustomization waits for its objects');
  await env.client.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'held' }, { metadata: { finalizers: null } }, 'merge');
  await gone(ns, 'held');
  await eventually('the waiting Kustomization gone', async () => getKs(env.client, ns, 'wait').then(() => undefined, (err: unknown) => (isNotFound(err) ? true : undefined)));
});

test('SOPS: a Secret encrypted by the real sops with age is decrypted with the key from the decryption Secret', async (t) => {
  const ns = await testNamespace(t);
  const moduleDir = fileURLToPath(new URL('../../tools/oracles/sops/', import.meta.url));
  const sops = await ensureGoTool(moduleDir, 'github.com/getsops/sops/v3/cmd/sops', 'sops');
  const ageKeygen = await ensureGoTool(moduleDir, 'filippo.io/age/cmd/age-keygen', 'age-keygen');
  const ageKey = execFileSync(ageKeygen, { encoding: 'utf8' });
  const recipient = /public key: (age1\S+)/.exec(ageKey)![1]!;
  const work = mkdtempSync(join(tmpdir(), 'tsflux-e2e-sops-'));
  const plain = join(work, 'secret.yaml');
  writeFileSync(plain, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: hunter2\n');
  const encrypted = execFileSync(sops, ['encrypt', '--age', recipient, '--encrypted-regex', '^(data|stringData)$', plain], { encoding: 'utf8', env: { ...process.env, SOPS_DISABLE_VERSION_CHECK: '1' } });
  assert.doesNotMatch(encrypted, /hunter2/);

  await env.repo(ns, 'secrets', { 'secret.yaml': encrypted });
  await env.client.create(env.kustomization(ns, 'secrets', { targetNamespace: ns }));
  const refused = await waitReady(env.client, ns, 'secrets', 'False', 'BuildFailed');
  assert.match(readyOf(refused)!.message, /is SOPS encrypted, configuring decryption is required/);

  await env.client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sops-age', namespace: ns }, stringData: { 'identity.agekey': ageKey } });
  await env.client.patch({ apiVersion: KS_API, kind: 'Kustomization', namespace: ns, name: 'secrets' }, { spec: { decryption: { provider: 'sops', secretRef: { name: 'sops-age' } } } }, 'merge');
  await waitReady(env.client, ns, 'secrets', 'True');
  const secret = await env.client.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'db' });
  assert.equal(Buffer.from(secret.data!.password!, 'base64').toString(), 'hunter2');
});

test('a new revision cancels a running health check and is applied at once', async (t) => {
  const ns = await testNamespace(t);
  const repo = await env.repo(ns, 'moving', { 'cm.yaml': configMap('probe', { state: 'pending' }) });
  await env.client.create(env.kustomization(ns, 'moving', {
    targetNamespace: ns,
    timeout: '10m',
    wait: true,
    healthCheckExprs: [{ apiVersion: 'v1', kind: 'ConfigMap', current: "data.state == 'ok'" }],
  }));
  await eventually('the first revision applied and being health-checked', async () => ((await getCm(ns, 'probe').catch(() => undefined))?.data?.state === 'pending' ? true : undefined));
  repo.write({ 'cm.yaml': configMap('probe', { state: 'ok' }) });
  const commit = await env.push(repo, ns, 'moving', 'fix the probe');
  // Without cancellation the first check would hold the Kustomization for its 10 minute timeout.
  const ks = await waitReady(env.client, ns, 'moving', 'True');
  assert.equal(ks.status?.lastAppliedRevision, `main@sha1:${commit}`);
  // Healthy after a cancelled check: the recovery is announced in an event, as upstream does.
  const events = (await env.client.list<KubeObject & { message?: string }>('v1', 'Event', { namespace: ns })).items;
  assert.ok(events.some((e) => /^Health check passed in /.test(e.message ?? '')), events.map((e) => e.message).join('\n'));
});

test('a watched ConfigMap of substituteFrom triggers a reconcile when it changes', async (t) => {
  const ns = await testNamespace(t);
  await env.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vars', namespace: ns, labels: { 'reconcile.fluxcd.io/watch': 'Enabled' } }, data: { color: 'blue' } });
  await env.repo(ns, 'watched', { 'cm.yaml': configMap('out', { color: '${color}' }) });
  await env.client.create(env.kustomization(ns, 'watched', { targetNamespace: ns, postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'vars' }] } }));
  await waitReady(env.client, ns, 'watched', 'True');
  assert.equal((await getCm(ns, 'out')).data?.color, 'blue');
  await env.client.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'vars' }, { data: { color: 'green' } }, 'merge');
  // The interval is 10m: only the watch can explain a re-apply within the minute.
  await eventually('the new value applied', async () => ((await getCm(ns, 'out')).data?.color === 'green' ? true : undefined));
});

test('kubeConfig.secretRef: objects are applied through the kubeconfig held in a Secret; a change of that watched Secret triggers a reconcile', async (t) => {
  const ns = await testNamespace(t);
  const { kubeconfigPath } = await testCluster();
  await env.client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'remote', namespace: ns }, stringData: { 'value.yaml': readFileSync(kubeconfigPath, 'utf8') } } as KubeObject);
  await env.repo(ns, 'remote', { 'cm.yaml': configMap('far', { a: 'b' }) });
  await env.client.create(env.kustomization(ns, 'remote', { targetNamespace: ns, kubeConfig: { secretRef: { name: 'remote' } } }));
  await waitReady(env.client, ns, 'remote', 'True');
  assert.equal((await getCm(ns, 'far')).metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'remote');

  const watched = { 'reconcile.fluxcd.io/watch': 'Enabled' };
  await env.client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'empty', namespace: ns, labels: watched }, stringData: { other: 'x' } } as KubeObject);
  await env.client.patch({ apiVersion: KS_API, kind: 'Kustomization', namespace: ns, name: 'remote' }, { spec: { kubeConfig: { secretRef: { name: 'empty' } } } }, 'merge');
  const ks = await waitReady(env.client, ns, 'remote', 'False', 'ReconciliationFailed');
  assert.match(readyOf(ks)!.message, /^KubeConfig secret '.*' does not contain a 'value' key/);
  // As upstream, the Warning event names the step the Ready message leaves out.
  await eventually('the failure event', async () => {
    const events = (await env.client.list<KubeObject & { message?: string; type?: string }>('v1', 'Event', { namespace: ns })).items;
    return events.some((e) => e.type === 'Warning' && /^failed to build kube client: KubeConfig secret '.*' does not contain a 'value' key/.test(e.message ?? '')) || undefined;
  });

  // The retry interval is the 10m interval: once the 1s requeue left from the first reconcile (source not
  // ready yet) is spent, only the watch on the labelled Secret can explain a recovery.
  await new Promise((r) => setTimeout(r, 1500));
  await env.client.patch({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'empty' }, { stringData: { value: readFileSync(kubeconfigPath, 'utf8') } }, 'merge');
  await waitReady(env.client, ns, 'remote', 'True', undefined, 45_000);
});
