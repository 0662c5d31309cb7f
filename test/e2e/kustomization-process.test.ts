// `tsflux controllers --only source,kustomize` as its own process: the GitOps loop end to end, from a
// git server to objects in the cluster, in the shape it runs in a cluster; stops cleanly on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../src/kube/index.ts';
import { startControllersProcess } from '../support/controllers-process.ts';
import { startGitHttpServer } from '../support/git-http-server.ts';
import { TestRepo } from '../support/git-fixtures.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { testCluster, testNamespace } from './harness.ts';
import { configMap, kustomization, waitReady } from './kustomization-env.ts';

test('tsflux controllers --only source,kustomize applies a Git repository and stops on SIGTERM', async (t) => {
  const { client, kubeconfigPath } = await testCluster();
  await fluxCrdsInstalled(client);
  const ns = await testNamespace(t);
  const root = await mkdtemp(join(tmpdir(), 'tsflux-e2e-ksproc-'));
  const http = await startGitHttpServer({ root });
  t.after(async () => {
    await http.close();
    await rm(root, { recursive: true, force: true });
  });
  const repo = TestRepo.create(root, 'fleet');
  t.after(() => repo.dispose());
  repo.write({ 'apps/cm.yaml': configMap('from-git', { hello: 'world' }) }).commit('initial');
  repo.push();

  const controllers = startControllersProcess(t, { client, kubeconfigPath }, [
    '--only', 'source,kustomize', '--storage-path', join(root, 'storage'), '--storage-addr', '127.0.0.1:0',
    '--metrics-addr', '127.0.0.1:0', '--health-addr', '127.0.0.1:0',
  ]);
  const { child, labels, exited } = controllers;
  await client.create({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'fleet', namespace: ns, labels },
    spec: { url: `${http.url}/fleet.git`, interval: '10m', ref: { branch: 'main' } },
  });
  const ks = kustomization(ns, 'apps', { path: './apps', targetNamespace: ns, sourceRef: { kind: 'GitRepository', name: 'fleet' } });
  ks.metadata.labels = labels;
  await client.create(ks);
  const ready = await waitReady(client, ns, 'apps', 'True', undefined, 90_000).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; controller logs: ${controllers.logs().slice(-2000)}`);
  });
  assert.equal(ready.status?.lastAppliedRevision, `main@sha1:${repo.head()}`);
  const cm = await client.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'from-git' });
  assert.equal(cm.data?.hello, 'world');
  assert.ok(controllers.logs().includes('"controller":"kustomization"'), 'the JSON logs name the kustomization controller');

  child.kill('SIGTERM');
  assert.equal(await exited, 0, controllers.logs().slice(-2000));
});
