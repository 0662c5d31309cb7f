// The kustomization CLI against the real control plane: `build kustomization` prints what the
// controller would apply for a local directory; `diff kustomization` dry-runs it on the server and
// exits 1 when something would change; the other verbs drive Kustomizations reconciled by the
// controllers running in this process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ResourceManager } from '../../src/ssa/index.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { eventually, testCluster, testNamespace } from './harness.ts';
import { configMap, getKs, KS_API, startKustomizeEnv, type KustomizeEnv } from './kustomization-env.ts';

let env: KustomizeEnv;
before(async () => {
  env = await startKustomizeEnv();
});
after(async () => {
  await env?.stop();
});

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

async function tsflux(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { kubeconfigPath } = await testCluster();
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [main, '--kubeconfig', kubeconfigPath, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('build and diff kustomization: substitutions included, exit code 1 only when something would change', async (t) => {
  const { client } = await testCluster();
  await fluxCrdsInstalled(client);
  const ns = await testNamespace(t);
  await client.create({
    apiVersion: KS_API,
    kind: 'Kustomization',
    metadata: { name: 'local', namespace: ns },
    spec: { interval: '10m', prune: true, suspend: true, targetNamespace: ns, sourceRef: { kind: 'GitRepository', name: 'unused' }, postBuild: { substitute: { color: 'blue' } } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'tsflux-cli-ks-'));
  writeFileSync(join(dir, 'cm.yaml'), configMap('settings', { color: '${color}' }));
  const sopsSecret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: ENC[AES256_GCM,data:abc=,iv:x=,tag:y=,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:m=,iv:x=,tag:y=,type:str]\n  version: 3.9.0\n';
  writeFileSync(join(dir, 'secret.yaml'), sopsSecret);

  const built = await tsflux('-n', ns, 'build', 'kustomization', 'local', '--path', dir);
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stdout, /color: blue/);
  // The encrypted Secret is printed masked, without its sops metadata, as flux build does.
  assert.match(built.stdout, /token: '\*\*SOPS\*\*'/);
  assert.doesNotMatch(built.stdout, /ENC\[|sops:/);
  rmSync(join(dir, 'secret.yaml'));
  assert.match(built.stdout, new RegExp(`namespace: ${ns}`));
  assert.match(built.stdout, /kustomize.toolkit.fluxcd.io\/name: local/);

  const before = await tsflux('-n', ns, 'diff', 'kustomization', 'local', '--path', dir);
  assert.equal(before.code, 1);
  assert.match(before.stderr, new RegExp(`► ConfigMap/${ns}/settings created`));

  const manager = new ResourceManager(client, 'kustomize-controller', { 'kustomize.toolkit.fluxcd.io/name': 'local', 'kustomize.toolkit.fluxcd.io/namespace': ns });
  await manager.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns }, data: { color: 'blue' } } as never);
  const same = await tsflux('-n', ns, 'diff', 'kustomization', 'local', '--path', dir);
  assert.equal(same.code, 0, same.stderr);

  writeFileSync(join(dir, 'cm.yaml'), configMap('settings', { color: 'red' }));
  const drifted = await tsflux('-n', ns, 'diff', 'kustomization', 'local', '--path', dir);
  assert.equal(drifted.code, 1);
  assert.match(drifted.stderr, new RegExp(`► ConfigMap/${ns}/settings drifted`));
  assert.match(drifted.stdout, /^- +color: blue\n\+ +color: red$/m);

  const listed = await tsflux('-n', ns, 'get', 'kustomizations');
  assert.match(listed.stdout, /^NAME\s+REVISION\s+SUSPENDED\s+READY\s+MESSAGE/);
  assert.match(listed.stdout, /local\s+True/);
});

test('create, get, tree, export, suspend, resume, reconcile --with-source, events, get all, delete kustomization', async (t) => {
  const ns = await testNamespace(t);
  const labels = env.kustomization(ns, 'x', {}).metadata.labels!;
  const shard = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  // The root Kustomization applies a nested one (JSON is YAML), which applies a ConfigMap.
  const child = env.kustomization(ns, 'child', { path: './apps', targetNamespace: ns, sourceRef: { kind: 'GitRepository', name: 'fleet' } });
  await env.repo(ns, 'fleet', { 'root/child.yaml': JSON.stringify(child), 'apps/cm.yaml': configMap('cli-app', { a: 'b' }) });

  const created = await tsflux('-n', ns, 'create', 'kustomization', 'root', '--source', 'GitRepository/fleet', '--path', './root', '--prune', '--interval', '10m', ...shard);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stderr, /✔ Kustomization root is ready/);
  assert.match(created.stderr, /✔ applied revision main@sha1:[0-9a-f]{40}/);
  await eventually('the nested Kustomization applied', async () => ((await getKs(env.client, ns, 'child')).status?.lastAppliedRevision ? true : undefined));

  const listed = await tsflux('-n', ns, 'get', 'kustomizations');
  assert.match(listed.stdout, /^child\s+main@sha1:[0-9a-f]+\s+False\s+True\s+Applied revision/m);
  assert.match(listed.stdout, /^root\s+main@sha1:[0-9a-f]+\s+False\s+True/m);

  const tree = await tsflux('-n', ns, 'tree', 'kustomization', 'root');
  assert.equal(tree.code, 0, tree.stderr);
  assert.equal(tree.stdout, `Kustomization/${ns}/root\n└── Kustomization/${ns}/child\n    └── ConfigMap/${ns}/cli-app\n`);

  const exported = await tsflux('-n', ns, 'export', 'kustomization', 'root');
  assert.match(exported.stdout, /^kind: Kustomization$/m);
  assert.match(exported.stdout, /^  path: \.\/root$/m);
  assert.doesNotMatch(exported.stdout, /status:|resourceVersion|uid:/);

  const suspended = await tsflux('-n', ns, 'suspend', 'kustomization', 'root');
  assert.equal(suspended.code, 0, suspended.stderr);
  assert.equal((await getKs(env.client, ns, 'root')).spec.suspend, true);
  assert.match((await tsflux('-n', ns, 'get', 'kustomizations', 'root')).stdout, /^root\s+\S+\s+True\s+True/m);
  const reconcileSuspended = await tsflux('-n', ns, 'reconcile', 'kustomization', 'root');
  assert.equal(reconcileSuspended.code, 1);
  assert.match(reconcileSuspended.stderr, /✗ resource is suspended/);
  const resumed = await tsflux('-n', ns, 'resume', 'kustomization', 'root');
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /✔ applied revision main@sha1:/);
  assert.equal((await getKs(env.client, ns, 'root')).spec.suspend, undefined);

  const reconciled = await tsflux('-n', ns, 'reconcile', 'kustomization', 'root', '--with-source');
  assert.equal(reconciled.code, 0, reconciled.stderr);
  assert.match(reconciled.stderr, /✔ GitRepository reconciliation completed/);

  const events = await tsflux('-n', ns, 'events', '--for', 'Kustomization/root');
  assert.match(events.stdout, /ReconciliationSucceeded\s+Kustomization\/root\s+Reconciliation finished in/);
  assert.match(events.stdout, /Progressing\s+Kustomization\/root\s+Kustomization\/.*child created/);
  // As flux does, the events of the Kustomization's source come with it; the nested one's do not.
  assert.match(events.stdout, /NewArtifact\s+GitRepository\/fleet\s+stored artifact/);
  assert.doesNotMatch(events.stdout, /Kustomization\/child/);

  const all = await tsflux('-n', ns, 'get', 'all');
  assert.match(all.stdout, /^gitrepository\/fleet\s+main@sha1:/m);
  assert.match(all.stdout, /^kustomization\/root\s+main@sha1:/m);

  const deleted = await tsflux('-n', ns, 'delete', 'kustomization', 'root', '--silent');
  assert.equal(deleted.code, 0, deleted.stderr);
  // prune: the nested Kustomization is deleted, and its own finalizer prunes the ConfigMap.
  await eventually('root, child and the ConfigMap gone', async () => {
    const left = await Promise.all([getKs(env.client, ns, 'root'), getKs(env.client, ns, 'child'), env.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'cli-app' })].map((p) => p.then(() => true, () => false)));
    return left.some(Boolean) ? undefined : true;
  });
});
