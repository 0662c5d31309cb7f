// The kustomization CLI against the real control plane: `build kustomization` prints what the
// controller would apply for a local directory; `diff kustomization` dry-runs it on the server and
// exits 1 when something would change; `get kustomizations` and `tree kustomization` read status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ResourceManager } from '../../src/ssa/index.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { testCluster, testNamespace } from './harness.ts';
import { configMap, KS_API } from './kustomization-env.ts';

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

  const built = await tsflux('-n', ns, 'build', 'kustomization', 'local', '--path', dir);
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stdout, /color: blue/);
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
