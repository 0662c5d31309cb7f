// A Kustomization whose kustomization.yaml points at a remote base: a git repository served by the
// real git smart-HTTP server on 127.0.0.1, fetched by the kustomize-controller's build with git. With
// remote bases refused (controllers started as `tsflux controllers --no-remote-bases` starts them), the
// build fails naming it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/kube/index.ts';
import { TestRepo } from '../support/git-fixtures.ts';
import { testNamespace } from './harness.ts';
import { configMap, startKustomizeEnv, waitReady, type KustomizeEnv } from './kustomization-env.ts';

let env: KustomizeEnv;
let shared: TestRepo;
before(async () => {
  env = await startKustomizeEnv();
  // The remote base lives in a repository of its own, tagged, beside the sources' repositories.
  shared = TestRepo.create(env.root, 'shared/platform');
  shared.write({
    'base/kustomization.yaml': 'namePrefix: platform-\nresources:\n- settings.yaml\n',
    'base/settings.yaml': configMap('settings', { tier: 'v1' }),
  });
  shared.commit('platform v1');
  shared.tag('v1');
  shared.write({ 'base/settings.yaml': configMap('settings', { tier: 'v2' }) }).commit('platform v2');
  shared.push('--all');
  shared.push('--tags');
});
after(async () => {
  shared?.dispose();
  await env?.stop();
});

type ConfigMap = KubeObject & { data?: Record<string, string> };

async function appWithRemoteBase(namespace: string, controllers = env): Promise<string> {
  const url = `${env.git.url}/shared/platform.git//base?ref=v1`;
  await controllers.repo(namespace, 'app', {
    'deploy/kustomization.yaml': `resources:\n- ${url}\n- local.yaml\n`,
    'deploy/local.yaml': configMap('local', { owner: 'app' }),
  });
  await controllers.client.create(controllers.kustomization(namespace, 'app', { path: './deploy', targetNamespace: namespace }));
  return url;
}

test('a remote git base is fetched at its ref and its objects applied with the local ones', async (t) => {
  const ns = await testNamespace(t);
  await appWithRemoteBase(ns);
  await waitReady(env.client, ns, 'app', 'True');
  const remote = await env.client.get<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'platform-settings' });
  assert.deepEqual(remote.data, { tier: 'v1' }, 'the tag v1, not the newer main');
  const local = await env.client.get<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'local' });
  assert.deepEqual(local.data, { owner: 'app' });
});

test('with remote bases refused, the build fails with Ready=False BuildFailed naming the URL', async (t) => {
  const ns = await testNamespace(t);
  const refusing = await startKustomizeEnv({ noRemoteBases: true });
  t.after(() => refusing.stop());
  const url = await appWithRemoteBase(ns, refusing);
  const ks = await waitReady(env.client, ns, 'app', 'False', 'BuildFailed');
  const message = ks.status?.conditions?.find((c) => c.type === 'Ready')?.message ?? '';
  assert.ok(message.includes(`remote bases are disabled: refusing to load '${url}'`), message);
  await assert.rejects(env.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'local' }), /not found/i, 'nothing applied');
});
