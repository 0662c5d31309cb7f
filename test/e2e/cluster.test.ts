// The local control plane as a user drives it: `tsflux cluster start` on a fresh folder, a real
// apiserver answering with the pinned version, and `tsflux cluster stop` leaving no process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KubeClient } from '../../src/kube/index.ts';
import { isAlive, readState } from '../../src/dev/processes.ts';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '..', '..', 'bin', 'tsflux.js');

test('cluster start serves Kubernetes v1.36 with Ready kwok nodes and cluster stop leaves no process', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-cluster-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  let pids: number[] = [];
  t.after(async () => {
    // Even when an assertion failed, no component may survive the test.
    await run(process.execPath, [cli, 'cluster', 'stop', '--dir', dir]).catch(() => {});
  });

  const started = await run(process.execPath, [cli, 'cluster', 'start', '--dir', dir, '--nodes', '2'], { timeout: 600_000 });
  assert.equal(started.stdout.trim(), `export KUBECONFIG=${join(dir, 'kubeconfig')}`);

  const state = readState(dir);
  assert.ok(state, 'state.json records the running components');
  pids = state.components.map((c) => c.pid);
  assert.deepEqual(state.components.map((c) => c.name).sort(), ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok']);
  assert.ok(pids.every(isAlive), 'every component is running after start');

  const client = await KubeClient.fromKubeconfig({ path: join(dir, 'kubeconfig') });
  const version = (await client.request('GET', '/version')) as { gitVersion: string; major: string; minor: string };
  assert.match(version.gitVersion, /^v1\.36\.\d+$/);
  assert.equal(version.minor, '36');
  const nodes = await client.list<{ apiVersion: string; kind: string; metadata: { name?: string }; status?: { conditions?: { type: string; status: string }[] } }>('v1', 'Node');
  assert.equal(nodes.items.length, 2);
  for (const n of nodes.items) assert.ok(n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'), `${n.metadata.name} is Ready`);
  const logs = await readFile(join(dir, 'logs', 'kube-apiserver.log'), 'utf8');
  assert.ok(logs.length > 0, 'the apiserver writes its log under DIR/logs');

  await run(process.execPath, [cli, 'cluster', 'stop', '--dir', dir]);
  assert.deepEqual(pids.filter(isAlive), [], 'no component survives cluster stop');
  assert.equal(readState(dir), undefined);
});
