// GitRepository end to end: the source-controller runs in this process against the real control
// plane, fetching from real git servers on 127.0.0.1 (git http-backend with basic/bearer auth, an
// SSH server running git-upload-pack) and serving artifacts from its real file server.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, access } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitRepository } from '../../src/api/source/git-repository.ts';
import { ArtifactCache } from '../../src/artifact/index.ts';
import type { KubeObject } from '../../src/kube/types.ts';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.ts';
import { startHttpProxy } from '../support/http-proxy.ts';
import { generateSshKey, startGitSshServer, type GitSshServer, type SshKeyPair } from '../support/git-ssh-server.ts';
import { TestRepo, generateGpgKey, type GpgKey } from '../support/git-fixtures.ts';
import { startSourceController, type RunningSourceController } from '../support/source-controller.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { eventually, testCluster, testNamespace } from './harness.ts';

const API = 'source.toolkit.fluxcd.io/v1';
let root: string;
let http: GitHttpServer;
let bearer: GitHttpServer;
let ssh: GitSshServer;
let sshClient: SshKeyPair;
let controller: RunningSourceController;
let gpg: GpgKey;
let cache: ArtifactCache;

before(async () => {
  const { client } = await testCluster();
  await fluxCrdsInstalled(client);
  root = await mkdtemp(join(tmpdir(), 'tsflux-e2e-git-'));
  http = await startGitHttpServer({ root, basicAuth: { username: 'flux', password: 'right' } });
  bearer = await startGitHttpServer({ root, bearerToken: 'token-1' });
  sshClient = generateSshKey('flux');
  ssh = await startGitSshServer({ root, hostKey: generateSshKey('host'), authorizedKeys: [sshClient.publicKey] });
  gpg = generateGpgKey('E2E Signer');
  cache = new ArtifactCache({ dir: join(root, 'consumer-cache') });
  controller = await startSourceController(client);
});

after(async () => {
  await controller?.stop();
  await Promise.all([http?.close(), bearer?.close(), ssh?.close()]);
  await rm(root, { recursive: true, force: true });
  if (gpg) await rm(gpg.home, { recursive: true, force: true });
});

const exists = (p: string) => access(p).then(() => true, () => false);

async function secret(namespace: string, name: string, data: Record<string, string>): Promise<void> {
  const { client } = await testCluster();
  await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, stringData: data });
}

async function createRepo(namespace: string, name: string, spec: Partial<GitRepository['spec']>): Promise<void> {
  const { client } = await testCluster();
  await client.create({ apiVersion: API, kind: 'GitRepository', metadata: { name, namespace, labels: controller.shardLabels }, spec: { interval: '10m', ...spec } });
}

async function getRepo(namespace: string, name: string): Promise<GitRepository> {
  const { client } = await testCluster();
  return client.get<GitRepository>({ apiVersion: API, kind: 'GitRepository', namespace, name });
}

const readyCondition = (obj: GitRepository) => obj.status?.conditions?.find((c) => c.type === 'Ready');

/** Waits until Ready has `status` for the current generation (and, if given, the artifact revision). */
async function waitReady(namespace: string, name: string, status: 'True' | 'False' = 'True', revision?: string): Promise<GitRepository> {
  return eventually(`GitRepository ${namespace}/${name} Ready=${status}${revision ? ` at ${revision}` : ''}`, async () => {
    const obj = await getRepo(namespace, name);
    const ready = readyCondition(obj);
    if (ready?.status !== status) return undefined;
    if (status === 'True' && obj.status?.observedGeneration !== obj.metadata.generation) return undefined;
    if (revision && obj.status?.artifact?.revision !== revision) return undefined;
    return obj;
  });
}

async function requestReconcile(namespace: string, name: string): Promise<void> {
  const { client } = await testCluster();
  await client.patch({ apiVersion: API, kind: 'GitRepository', namespace, name }, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() } } }, 'merge');
}

async function servedDigest(url: string): Promise<string> {
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

function newRepo(t: TestContext, name: string): TestRepo {
  const repo = TestRepo.create(root, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  t.after(() => repo.dispose());
  return repo;
}
const repoPath = (repo: TestRepo) => repo.bare.slice(root.length);

test('basic auth: the right password gives a Ready artifact whose digest matches the served bytes; a wrong one fails', async (t) => {
  const ns = await testNamespace(t);
  const repo = newRepo(t, 'basic');
  repo.write({ 'deploy/app.yaml': 'kind: ConfigMap\n' });
  repo.commit('initial');
  repo.push('main');
  await secret(ns, 'right', { username: 'flux', password: 'right' });
  await secret(ns, 'wrong', { username: 'flux', password: 'wrong' });
  await createRepo(ns, 'ok', { url: `${http.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'right' } });
  await createRepo(ns, 'denied', { url: `${http.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'wrong' } });

  const ok = await waitReady(ns, 'ok');
  const artifact = ok.status!.artifact!;
  assert.equal(artifact.revision, `main@sha1:${repo.head()}`);
  assert.equal(artifact.path, `gitrepository/${ns}/ok/${repo.head()}.tar.gz`);
  assert.equal(await servedDigest(artifact.url), artifact.digest);
  assert.equal(readyCondition(ok)!.message, `stored artifact for revision '${artifact.revision}'`);
  assert.ok(ok.metadata.finalizers?.includes('finalizers.fluxcd.io'));
  const content = await cache.obtain(artifact);
  assert.equal(await readFile(join(content, 'deploy/app.yaml'), 'utf8'), 'kind: ConfigMap\n');

  const denied = await waitReady(ns, 'denied', 'False');
  assert.equal(readyCondition(denied)!.reason, 'GitOperationFailed');
  assert.match(readyCondition(denied)!.message, /Authentication failed/);
  assert.equal(denied.status!.conditions!.find((c) => c.type === 'FetchFailed')?.status, 'True');

  const { client } = await testCluster();
  const events = await eventually('a NewArtifact event', async () => {
    const list = await client.list<KubeObject & { reason: string; message: string; involvedObject: { name: string } }>('v1', 'Event', { namespace: ns });
    return list.items.find((e) => e.reason === 'NewArtifact' && e.involvedObject.name === 'ok');
  });
  assert.equal(events.message, `stored artifact for commit 'initial'`);
});

test('bearer token auth', async (t) => {
  const ns = await testNamespace(t);
  const repo = newRepo(t, 'bearer');
  repo.write({ 'a.yaml': 'a' });
  repo.commit('c');
  repo.push('main');
  await secret(ns, 'token', { bearerToken: 'token-1' });
  await createRepo(ns, 'tok', { url: `${bearer.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'token' } });
  assert.equal((await waitReady(ns, 'tok')).status!.artifact!.revision, `main@sha1:${repo.head()}`);
});

test('ssh: an authorized identity with known_hosts is accepted; a changed host key is refused', async (t) => {
  const ns = await testNamespace(t);
  const repo = newRepo(t, 'ssh');
  repo.write({ 'a.yaml': 'a' });
  repo.commit('c');
  repo.push('main');
  await secret(ns, 'ssh', { identity: sshClient.privateKey, known_hosts: ssh.knownHosts });
  const [type, blob] = generateSshKey('impostor').publicKey.split(' ');
  await secret(ns, 'ssh-changed', { identity: sshClient.privateKey, known_hosts: `[127.0.0.1]:${ssh.port} ${type} ${blob}` });
  await createRepo(ns, 'good', { url: `${ssh.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'ssh' } });
  await createRepo(ns, 'changed', { url: `${ssh.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'ssh-changed' } });
  assert.equal((await waitReady(ns, 'good')).status!.artifact!.revision, `main@sha1:${repo.head()}`);
  const changed = await waitReady(ns, 'changed', 'False');
  assert.match(readyCondition(changed)!.message, /Host key verification failed/);
});

test('every ref kind resolves to upstream revision strings; semver picks the highest match', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  const repo = newRepo(t, 'refs');
  repo.write({ 'v.txt': '1' });
  const first = repo.commit('one');
  repo.tag('v1.0.0');
  repo.write({ 'v.txt': '2' });
  const second = repo.commit('two');
  repo.tag('v1.3.0', { message: 'annotated' });
  repo.git('branch', 'master', first);
  repo.push('main', 'master', '--tags');
  repo.push(`${second}:refs/pull/1/head`);
  const url = `${http.url}${repoPath(repo)}`;
  const cases: [string, GitRepository['spec']['ref'] | undefined, string][] = [
    ['default', undefined, `master@sha1:${first}`],
    ['branch', { branch: 'main' }, `main@sha1:${second}`],
    ['tag', { tag: 'v1.0.0' }, `v1.0.0@sha1:${first}`],
    ['semver', { semver: '>=1.0.0 <2.0.0' }, `v1.3.0@sha1:${second}`],
    ['name', { name: 'refs/pull/1/head' }, `refs/pull/1/head@sha1:${second}`],
    ['commit', { commit: first }, `sha1:${first}`],
    ['commit-branch', { commit: first, branch: 'main' }, `main@sha1:${first}`],
  ];
  for (const [name, ref] of cases) await createRepo(ns, name, { url, ref, secretRef: { name: 'auth' } });
  for (const [name, , revision] of cases) {
    assert.equal((await waitReady(ns, name)).status!.artifact!.revision, revision, name);
  }

  // A commit with a branch must be in that branch: `second` is on main only.
  await createRepo(ns, 'commit-elsewhere', { url, ref: { commit: second, branch: 'master' }, secretRef: { name: 'auth' } });
  const elsewhere = await waitReady(ns, 'commit-elsewhere', 'False');
  assert.equal(readyCondition(elsewhere)!.reason, 'GitOperationFailed');
  assert.match(readyCondition(elsewhere)!.message, new RegExp(`^failed to checkout and determine revision: unable to resolve commit object for '${second}': it .* branch 'master'$`));
  assert.equal(elsewhere.status!.artifact, undefined);
});

test('a force-push and a moved tag are followed', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  const repo = newRepo(t, 'moving');
  repo.write({ 'a.txt': 'one' });
  const one = repo.commit('one');
  repo.tag('stable');
  repo.push('main', '--tags');
  const url = `${http.url}${repoPath(repo)}`;
  await createRepo(ns, 'branch', { url, ref: { branch: 'main' }, secretRef: { name: 'auth' } });
  await createRepo(ns, 'tag', { url, ref: { tag: 'stable' }, secretRef: { name: 'auth' } });
  await waitReady(ns, 'branch', 'True', `main@sha1:${one}`);
  await waitReady(ns, 'tag', 'True', `stable@sha1:${one}`);

  repo.git('checkout', '--quiet', '--orphan', 'rewritten');
  repo.write({ 'a.txt': 'rewritten' });
  const rewritten = repo.commit('rewritten history');
  repo.tag('stable');
  repo.push('rewritten:main', '--tags');
  await requestReconcile(ns, 'branch');
  await requestReconcile(ns, 'tag');
  const branch = await waitReady(ns, 'branch', 'True', `main@sha1:${rewritten}`);
  await waitReady(ns, 'tag', 'True', `stable@sha1:${rewritten}`);
  const content = await cache.obtain(branch.status!.artifact!);
  assert.equal(await readFile(join(content, 'a.txt'), 'utf8'), 'rewritten');
});

test('signed commits and tags are verified; unsigned or wrongly signed ones are rejected', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  await secret(ns, 'keys', { 'signer.asc': gpg.publicKey });
  const stranger = generateGpgKey('Stranger');
  t.after(() => rm(stranger.home, { recursive: true, force: true }));
  const repo = newRepo(t, 'signed');
  repo.write({ 'a.txt': 'signed' });
  repo.commit('signed', gpg);
  repo.tag('v1.0.0', { sign: gpg });
  repo.tag('v1.0.1', { sign: stranger });
  repo.push('main', '--tags');
  repo.git('checkout', '--quiet', '-b', 'unsigned');
  repo.commit('unsigned');
  repo.push('unsigned');
  const url = `${http.url}${repoPath(repo)}`;
  await createRepo(ns, 'head', { url, ref: { branch: 'main' }, secretRef: { name: 'auth' }, verify: { mode: 'HEAD', secretRef: { name: 'keys' } } });
  await createRepo(ns, 'tag', { url, ref: { tag: 'v1.0.0' }, secretRef: { name: 'auth' }, verify: { mode: 'TagAndHEAD', secretRef: { name: 'keys' } } });
  await createRepo(ns, 'unsigned', { url, ref: { branch: 'unsigned' }, secretRef: { name: 'auth' }, verify: { mode: 'HEAD', secretRef: { name: 'keys' } } });
  await createRepo(ns, 'stranger', { url, ref: { tag: 'v1.0.1' }, secretRef: { name: 'auth' }, verify: { mode: 'Tag', secretRef: { name: 'keys' } } });
  for (const name of ['head', 'tag']) {
    const obj = await waitReady(ns, name);
    assert.equal(obj.status!.conditions!.find((c) => c.type === 'SourceVerified')?.status, 'True', name);
  }
  for (const name of ['unsigned', 'stranger']) {
    const obj = await waitReady(ns, name, 'False');
    assert.equal(readyCondition(obj)!.reason, 'VerificationError', name);
    assert.equal(obj.status!.conditions!.find((c) => c.type === 'SourceVerified')?.status, 'False', name);
    assert.equal(obj.status!.artifact, undefined, name);
  }
});

test('.sourceignore and spec.ignore shape the artifact; include copies another artifact', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  const lib = newRepo(t, 'lib');
  lib.write({ 'base/lib.yaml': 'lib' });
  lib.commit('lib');
  lib.push('main');
  const app = newRepo(t, 'app');
  app.write({ '.sourceignore': '*.md\n', 'README.md': 'x', 'apps/a.yaml': 'a', 'tests/t.yaml': 't' });
  app.commit('app');
  app.push('main');
  await createRepo(ns, 'lib', { url: `${http.url}${repoPath(lib)}`, ref: { branch: 'main' }, secretRef: { name: 'auth' } });
  await createRepo(ns, 'app', {
    url: `${http.url}${repoPath(app)}`,
    ref: { branch: 'main' },
    secretRef: { name: 'auth' },
    ignore: 'tests/\n',
    include: [{ repository: { name: 'lib' }, fromPath: 'base', toPath: 'vendor/lib' }],
  });
  const obj = await waitReady(ns, 'app');
  const content = await cache.obtain(obj.status!.artifact!);
  assert.equal(await exists(join(content, 'README.md')), false);
  assert.equal(await exists(join(content, 'tests/t.yaml')), false);
  assert.equal(await readFile(join(content, 'apps/a.yaml'), 'utf8'), 'a');
  assert.equal(await readFile(join(content, 'vendor/lib/lib.yaml'), 'utf8'), 'lib');
  assert.equal(obj.status!.includedArtifacts?.length, 1);
  assert.equal(obj.status!.observedIgnore, 'tests/\n');

  // A new revision of the included repository rebuilds the including one.
  lib.write({ 'base/lib.yaml': 'lib v2' });
  lib.commit('lib v2');
  lib.push('main');
  await requestReconcile(ns, 'lib');
  const rebuilt = await eventually('app rebuilt with lib v2', async () => {
    const o = await getRepo(ns, 'app');
    return o.status?.artifact?.digest !== obj.status!.artifact!.digest ? o : undefined;
  });
  assert.equal(await readFile(join(await cache.obtain(rebuilt.status!.artifact!), 'vendor/lib/lib.yaml'), 'utf8'), 'lib v2');
});

test('an unreachable server gives Ready=False FetchFailed with the git error; the previous artifact is still served', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  const repo = newRepo(t, 'gone');
  repo.write({ 'a.yaml': 'a' });
  repo.commit('c');
  repo.push('main');
  await createRepo(ns, 'gone', { url: `${http.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'auth' } });
  const ok = await waitReady(ns, 'gone');
  const { client } = await testCluster();
  await client.patch({ apiVersion: API, kind: 'GitRepository', namespace: ns, name: 'gone' }, { spec: { url: `http://127.0.0.1:1${repoPath(repo)}` } }, 'merge');
  const failed = await waitReady(ns, 'gone', 'False');
  assert.equal(readyCondition(failed)!.reason, 'GitOperationFailed');
  assert.match(readyCondition(failed)!.message, /failed to checkout and determine revision: .*(Failed to connect|Could not connect|Connection refused)/);
  assert.equal(failed.status!.conditions!.find((c) => c.type === 'FetchFailed')?.status, 'True');
  assert.deepEqual(failed.status!.artifact, ok.status!.artifact);
  assert.equal(await servedDigest(ok.status!.artifact!.url), ok.status!.artifact!.digest);
});

test('deleting a GitRepository removes its artifacts', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  const repo = newRepo(t, 'del');
  repo.write({ 'a.yaml': 'a' });
  repo.commit('c');
  repo.push('main');
  await createRepo(ns, 'del', { url: `${http.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'auth' } });
  const obj = await waitReady(ns, 'del');
  const { client } = await testCluster();
  await client.delete({ apiVersion: API, kind: 'GitRepository', namespace: ns, name: 'del' });
  await eventually('the artifact URL to stop serving', async () => ((await fetch(obj.status!.artifact!.url)).status === 404 ? true : undefined));
  await eventually('the object to be gone', async () => (await getRepo(ns, 'del').then(() => undefined, () => true)));
});

test('spec.interval polls the remote; spec.suspend stops following it until resumed', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  const repo = newRepo(t, 'poll');
  repo.write({ 'a.yaml': '1' });
  const first = repo.commit('one');
  repo.push('main');
  await createRepo(ns, 'poll', { url: `${http.url}${repoPath(repo)}`, ref: { branch: 'main' }, secretRef: { name: 'auth' }, interval: '2s' });
  await waitReady(ns, 'poll', 'True', `main@sha1:${first}`);
  repo.write({ 'a.yaml': '2' });
  const second = repo.commit('two');
  repo.push('main');
  await waitReady(ns, 'poll', 'True', `main@sha1:${second}`); // no reconcile request: the interval does it

  const { client } = await testCluster();
  const ref = { apiVersion: API, kind: 'GitRepository', namespace: ns, name: 'poll' };
  await client.patch(ref, { spec: { suspend: true } }, 'merge');
  await new Promise((r) => setTimeout(r, 2_500)); // let an in-flight reconcile finish
  repo.write({ 'a.yaml': '3' });
  const third = repo.commit('three');
  repo.push('main');
  await new Promise((r) => setTimeout(r, 5_000)); // two intervals
  assert.equal((await getRepo(ns, 'poll')).status!.artifact!.revision, `main@sha1:${second}`);
  await client.patch(ref, { spec: { suspend: null } }, 'merge');
  await waitReady(ns, 'poll', 'True', `main@sha1:${third}`);
});

test('sparseCheckout, recurseSubmodules and proxySecretRef shape the artifact; changing them rebuilds it at the same revision', async (t) => {
  const ns = await testNamespace(t);
  await secret(ns, 'auth', { username: 'flux', password: 'right' });
  const proxy = await startHttpProxy({ username: 'p', password: 'q' });
  t.after(() => proxy.close());
  await secret(ns, 'proxy', { address: proxy.url, username: 'p', password: 'q' });
  const sub = newRepo(t, 'sub');
  sub.write({ 'lib.yaml': 'from submodule' });
  sub.commit('sub');
  sub.push('main');
  const parent = newRepo(t, 'parent');
  parent.write({ 'apps/a.yaml': 'a', 'infra/i.yaml': 'i', 'root.yaml': 'r' });
  parent.gitWith({}, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', sub.bare, 'vendor/sub');
  parent.git('config', '-f', '.gitmodules', 'submodule.vendor/sub.url', `${http.url}${repoPath(sub)}`);
  parent.commit('parent');
  parent.push('main');
  const url = `${http.url}${repoPath(parent)}`;
  await createRepo(ns, 'parent', {
    url,
    ref: { branch: 'main' },
    secretRef: { name: 'auth' },
    proxySecretRef: { name: 'proxy' },
    sparseCheckout: ['apps', 'vendor'],
    recurseSubmodules: true,
  });
  const obj = await waitReady(ns, 'parent');
  const files = async (o: GitRepository) => {
    const content = await cache.obtain(o.status!.artifact!);
    const present = await Promise.all(['apps/a.yaml', 'infra/i.yaml', 'root.yaml', 'vendor/sub/lib.yaml'].map(async (f) => ((await exists(join(content, f))) ? [f] : [])));
    return present.flat();
  };
  assert.deepEqual(await files(obj), ['apps/a.yaml', 'vendor/sub/lib.yaml']);
  assert.deepEqual(obj.status!.observedSparseCheckout, ['apps', 'vendor']);
  assert.equal(obj.status!.observedRecurseSubmodules, true);
  // Both repositories were fetched through the proxy of the Secret.
  assert.ok(proxy.forwarded.some((u) => u.startsWith(`${url}/info/refs`)), proxy.forwarded.join('\n'));
  assert.ok(proxy.forwarded.some((u) => u.startsWith(`${http.url}${repoPath(sub)}/info/refs`)), proxy.forwarded.join('\n'));

  const { client } = await testCluster();
  await client.patch({ apiVersion: API, kind: 'GitRepository', namespace: ns, name: 'parent' }, { spec: { sparseCheckout: null, recurseSubmodules: null } }, 'merge');
  const rebuilt = await eventually('the artifact rebuilt without sparse checkout and submodules', async () => {
    const o = await getRepo(ns, 'parent');
    return o.status?.observedGeneration === o.metadata.generation && o.status?.artifact?.digest !== obj.status!.artifact!.digest ? o : undefined;
  });
  assert.equal(rebuilt.status!.artifact!.revision, obj.status!.artifact!.revision);
  assert.deepEqual(await files(rebuilt), ['apps/a.yaml', 'infra/i.yaml', 'root.yaml']);
  assert.equal(rebuilt.status!.observedSparseCheckout, undefined);
  assert.equal(rebuilt.status!.observedRecurseSubmodules, undefined);
});

test('spec.timeout bounds the git operations: a server that never answers fails in time, and the failure is retried', async (t) => {
  const ns = await testNamespace(t);
  // Accepts connections and never says a word.
  const held = new Set<Socket>();
  const silent = createServer((socket) => void held.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    for (const s of held) s.destroy();
    silent.close(() => resolve());
  }));
  const { port } = silent.address() as { port: number };
  await createRepo(ns, 'silent', { url: `http://127.0.0.1:${port}/repo.git`, ref: { branch: 'main' }, timeout: '2s' });
  const failed = await waitReady(ns, 'silent', 'False');
  assert.equal(readyCondition(failed)!.reason, 'GitOperationFailed');
  assert.match(readyCondition(failed)!.message, /^failed to checkout and determine revision: git ls-remote timed out after 2s/);
  assert.equal(failed.status!.conditions!.find((c) => c.type === 'Reconciling')?.reason, 'ProgressingWithRetry');
  assert.equal(failed.status!.conditions!.find((c) => c.type === 'Stalled'), undefined);
});
