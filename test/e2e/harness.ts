// What every end-to-end test needs: the shared real control plane (TSFLUX_E2E_KUBECONFIG, set by
// scripts/run-tests.ts, or one started for this process when a file is run alone) and a fresh
// namespace per test, deleted after it.
import type { TestContext } from 'node:test';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from '../../src/kube/index.ts';
import { requireGo, startCluster } from '../../src/dev/cluster.ts';

export interface TestCluster {
  kubeconfigPath: string;
  client: KubeClient;
}

let shared: Promise<TestCluster> | undefined;

export function testCluster(): Promise<TestCluster> {
  shared ??= connect();
  return shared;
}

async function connect(): Promise<TestCluster> {
  let kubeconfigPath = process.env.TSFLUX_E2E_KUBECONFIG;
  if (!kubeconfigPath) {
    // Run alone (node --test test/e2e/x.test.ts): start a private control plane for this process.
    requireGo('the end-to-end tests (or set TSFLUX_E2E_KUBECONFIG to the kubeconfig of an existing cluster)');
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-e2e-'));
    const local = await startCluster({ dir, nodes: 2 });
    kubeconfigPath = local.kubeconfigPath;
    process.once('beforeExit', () => void local.stop().then(() => rm(dir, { recursive: true, force: true })));
  }
  const client = await KubeClient.fromKubeconfig({ path: kubeconfigPath, qps: 200, burst: 400 });
  return { kubeconfigPath, client };
}

/** Creates a namespace named after the test, deleted (without waiting) when the test ends. */
export async function testNamespace(t: TestContext): Promise<string> {
  const { client } = await testCluster();
  const slug = t.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  const name = `${slug || 'test'}-${randomBytes(3).toString('hex')}`.replace(/^-/, '');
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'tsflux.test/e2e': 'true' } } });
  t.after(async () => {
    await client.delete({ apiVersion: 'v1', kind: 'Namespace', name }).catch(() => {});
  });
  return name;
}

/** Polls until `check` returns a value other than undefined; the error says what was awaited. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
