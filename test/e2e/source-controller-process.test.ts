// `tsflux controllers --only source` as its own process (the way it runs in a cluster): it serves
// artifacts on --storage-addr, reconciles GitRepositories of its shard, and stops cleanly on SIGTERM.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitRepository } from '../../src/api/source/git-repository.ts';
import { startControllersProcess } from '../support/controllers-process.ts';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.ts';
import { TestRepo } from '../support/git-fixtures.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { eventually, testCluster, testNamespace } from './harness.ts';

let root: string;
let http: GitHttpServer;
let repo: TestRepo;

before(async () => {
  const { client } = await testCluster();
  await fluxCrdsInstalled(client);
  root = await mkdtemp(join(tmpdir(), 'tsflux-e2e-srcproc-'));
  http = await startGitHttpServer({ root });
  repo = TestRepo.create(root, 'proc');
  repo.write({ 'a.yaml': 'a' });
  repo.commit('c');
  repo.push('main');
});
after(async () => {
  await http?.close();
  repo?.dispose();
  await rm(root, { recursive: true, force: true });
});

test('tsflux controllers --only source reconciles, serves artifacts and stops on SIGTERM', async (t) => {
  const { client, kubeconfigPath } = await testCluster();
  const ns = await testNamespace(t);
  const controllers = startControllersProcess(t, { client, kubeconfigPath }, [
    '--only', 'source', '--storage-path', join(root, 'storage'), '--storage-addr', '127.0.0.1:0',
    '--metrics-addr', '127.0.0.1:0', '--health-addr', '127.0.0.1:0',
  ]);
  const { child, exited } = controllers;

  await client.create({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'proc', namespace: ns, labels: controllers.labels },
    spec: { url: `${http.url}/proc.git`, interval: '10m', ref: { branch: 'main' } },
  });
  const ready = await eventually(`GitRepository ${ns}/proc Ready (logs: ${controllers.logs().slice(-2000)})`, async () => {
    const o = await client.get<GitRepository>({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: ns, name: 'proc' });
    return o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? o : undefined;
  });
  const artifact = ready.status!.artifact!;
  assert.equal(artifact.revision, `main@sha1:${repo.head()}`);
  assert.match(artifact.url, /^http:\/\/127\.0\.0\.1:\d+\/gitrepository\//);
  const body = Buffer.from(await (await fetch(artifact.url)).arrayBuffer());
  assert.equal(`sha256:${createHash('sha256').update(body).digest('hex')}`, artifact.digest);

  child.kill('SIGTERM');
  assert.equal(await exited, 0, controllers.logs().slice(-2000));
});
