// A `tsflux controllers` process for an end-to-end test: sharded by a fresh label so it only takes
// the test's objects, its stderr (JSON logs) kept for failure messages, killed when the test ends
// (its objects' finalizers released, since it can no longer finalize them).
import type { TestContext } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { KubeClient } from '../../src/kube/index.ts';
import { releaseShard } from './release-shard.ts';

export interface ControllersProcess {
  child: ChildProcess;
  /** Put these on every object the process should reconcile. */
  labels: Record<string, string>;
  /** What it has logged so far. */
  logs(): string;
  exited: Promise<number | null>;
}

export function startControllersProcess(t: TestContext, cluster: { client: KubeClient; kubeconfigPath: string }, args: string[]): ControllersProcess {
  const shard = `proc-${randomBytes(3).toString('hex')}`;
  const child = spawn(
    process.execPath,
    ['src/cli/main.ts', '--kubeconfig', cluster.kubeconfigPath, 'controllers', '--watch-label-selector', `sharding.fluxcd.io/key=${shard}`, ...args],
    { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let logs = '';
  child.stderr!.on('data', (b: Buffer) => (logs += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const labels = { 'sharding.fluxcd.io/key': shard };
  t.after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    await releaseShard(cluster.client, labels);
  });
  return { child, labels, logs: () => logs, exited };
}
