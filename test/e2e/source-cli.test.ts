// The `tsflux ... source git` commands against the real control plane, with the source-controller
// running in this process and a git smart-HTTP server on 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { GitRepository } from '../../src/api/source/git-repository.ts';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.ts';
import { TestRepo } from '../support/git-fixtures.ts';
import { startSourceController, type RunningSourceController } from '../support/source-controller.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { eventually, testCluster, testNamespace } from './harness.ts';

const run = promisify(execFile);
let root: string;
let http: GitHttpServer;
let controller: RunningSourceController;
let repo: TestRepo;

before(async () => {
  const { client } = await testCluster();
  await fluxCrdsInstalled(client);
  root = await mkdtemp(join(tmpdir(), 'tsflux-e2e-cli-'));
  http = await startGitHttpServer({ root, basicAuth: { username: 'flux', password: 'pw' } });
  repo = TestRepo.create(root, 'cli');
  repo.write({ 'deploy/app.yaml': 'kind: ConfigMap\n' });
  repo.commit('first');
  repo.tag('v1.0.0');
  repo.push('main', '--tags');
  controller = await startSourceController(client);
});

after(async () => {
  await controller?.stop();
  await http?.close();
  repo?.dispose();
  await rm(root, { recursive: true, force: true });
});

const shard = () => Object.entries(controller.shardLabels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);

async function tsflux(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const { kubeconfigPath } = await testCluster();
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/cli/main.ts', '--kubeconfig', kubeconfigPath, ...args], {
      cwd: new URL('../..', import.meta.url).pathname,
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

test('create secret git, create/get/reconcile/suspend/resume/export/delete source git', async (t) => {
  const ns = await testNamespace(t);
  const url = `${http.url}/cli.git`;
  const secret = await tsflux('-n', ns, 'create', 'secret', 'git', 'auth', '--url', url, '-u', 'flux', '-p', 'pw');
  assert.equal(secret.code, 0, secret.stderr);

  const created = await tsflux('-n', ns, 'create', 'source', 'git', 'app', '--url', url, '--branch', 'main', '--secret-ref', 'auth', '--interval', '10m', ...shard());
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stderr, /✔ GitRepository source reconciliation completed/);
  assert.ok(created.stderr.includes(`✔ fetched revision: main@sha1:${repo.head()}`), created.stderr);
  const inline = await tsflux('-n', ns, 'create', 'source', 'git', 'inline', '--url', url, '--tag', 'v1.0.0', '-u', 'flux', '-p', 'pw', ...shard());
  assert.equal(inline.code, 0, inline.stderr);
  assert.ok(inline.stderr.includes(`✔ fetched revision: v1.0.0@sha1:`), inline.stderr);
  const broken = await tsflux('-n', ns, 'create', 'source', 'git', 'broken', '--url', url, '--tag', 'nope', '--secret-ref', 'auth', '--timeout', '30s', ...shard());
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /✗ GitRepository .*\/broken is not ready: failed to checkout and determine revision: unable to resolve tag 'nope'/);

  const table = await tsflux('-n', ns, 'get', 'sources', 'git');
  const lines = table.stdout.trimEnd().split('\n').map((l) => l.split('\t').map((c) => c.trim()));
  assert.deepEqual(lines[0], ['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE', '']);
  const appRow = lines.find((l) => l[0] === 'app')!;
  assert.deepEqual(appRow.slice(0, 4), ['app', `main@sha1:${repo.head().slice(0, 8)}`, 'False', 'True']);
  assert.equal(appRow[4], `stored artifact for revision 'main@sha1:${repo.head().slice(0, 8)}'`);
  const failing = await tsflux('get', 'sources', 'git', '-A', '--status-selector', 'ready=false');
  const failingRows = failing.stdout.trimEnd().split('\n').slice(1).map((l) => l.split('\t').map((c) => c.trim()));
  assert.ok(failingRows.some((r) => r[0] === ns && r[1] === 'broken'), failing.stdout);
  assert.ok(!failingRows.some((r) => r[1] === 'app'), failing.stdout);

  repo.write({ 'deploy/app.yaml': 'kind: Secret\n' });
  repo.commit('second');
  repo.push('main');
  const reconciled = await tsflux('-n', ns, 'reconcile', 'source', 'git', 'app');
  assert.equal(reconciled.code, 0, reconciled.stderr);
  assert.ok(reconciled.stderr.includes(`✔ fetched revision main@sha1:${repo.head()}`), reconciled.stderr);

  assert.equal((await tsflux('-n', ns, 'suspend', 'source', 'git', 'app')).code, 0);
  const { client } = await testCluster();
  const get = () => client.get<GitRepository>({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: ns, name: 'app' });
  assert.equal((await get()).spec.suspend, true);
  const resumed = await tsflux('-n', ns, 'resume', 'source', 'git', 'app');
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal((await get()).spec.suspend, undefined);

  const exported = await tsflux('-n', ns, 'export', 'source', 'git', 'app');
  const [doc] = parseAllDocuments(exported.stdout).map((d) => d.toJS() as GitRepository);
  assert.deepEqual(doc, {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'app', namespace: ns, labels: controller.shardLabels, annotations: (await get()).metadata.annotations },
    spec: { interval: '10m0s', ref: { branch: 'main' }, secretRef: { name: 'auth' }, timeout: '60s', url },
  });

  const deleted = await tsflux('-n', ns, 'delete', 'source', 'git', 'app', '--silent');
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.match(deleted.stderr, /✔ source git deleted/);
});

test('create source git --export applies nothing; reconcile refuses a suspended source; export --all; delete removes the object and its artifact', async (t) => {
  const ns = await testNamespace(t);
  const url = `${http.url}/cli.git`;
  const { client } = await testCluster();
  const get = (name: string) => client.get<GitRepository>({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: ns, name });

  // The layout of `flux create source git --export` (flux docs): sorted keys, Go durations.
  const printed = await tsflux('-n', ns, 'create', 'source', 'git', 'app', '--url', url, '--branch', 'main', '--interval', '90s', '--export');
  assert.equal(printed.code, 0, printed.stderr);
  assert.equal(printed.stdout, ['---', 'apiVersion: source.toolkit.fluxcd.io/v1', 'kind: GitRepository', 'metadata:', '  name: app', `  namespace: ${ns}`, 'spec:', '  interval: 1m30s', '  ref:', '    branch: main', `  url: ${url}`, ''].join('\n'));
  await assert.rejects(get('app'), /not found/i);

  for (const name of ['app', 'other']) {
    const created = await tsflux('-n', ns, 'create', 'source', 'git', name, '--url', url, '--branch', 'main', '-u', 'flux', '-p', 'pw', ...shard());
    assert.equal(created.code, 0, created.stderr);
  }
  const all = parseAllDocuments((await tsflux('-n', ns, 'export', 'source', 'git', '--all')).stdout).map((d) => (d.toJS() as GitRepository).metadata.name);
  assert.deepEqual(all.sort(), ['app', 'other']);

  assert.equal((await tsflux('-n', ns, 'suspend', 'source', 'git', 'app')).code, 0);
  const refused = await tsflux('-n', ns, 'reconcile', 'source', 'git', 'app');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /✗ resource is suspended/);

  const artifactUrl = (await get('app')).status!.artifact!.url;
  assert.equal((await fetch(artifactUrl)).status, 200);
  const deleted = await tsflux('-n', ns, 'delete', 'source', 'git', 'app', '--silent');
  assert.equal(deleted.code, 0, deleted.stderr);
  await eventually('the GitRepository to be gone', () => get('app').then(() => undefined, (err: Error) => (/not found/i.test(err.message) ? true : undefined)));
  assert.equal((await fetch(artifactUrl)).status, 404);
  const missing = await tsflux('-n', ns, 'delete', 'source', 'git', 'app', '--silent');
  assert.equal(missing.code, 1);
});
