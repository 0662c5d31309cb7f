// Runs the source-controller in the test process against a real cluster: artifact store on a temp
// directory, file server on 127.0.0.1, the controller runtime's Manager with the source bundle.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeClient } from '../../src/kube/index.ts';
import { releaseShard } from './release-shard.ts';
import { Logger } from '../../src/runtime/logger.ts';
import { Manager } from '../../src/runtime/manager.ts';
import { RuntimeMetrics } from '../../src/runtime/metrics.ts';
import { gitRepositoryController, openSourceStorage, type SourceStorage } from '../../src/controllers/source/index.ts';

export interface RunningSourceController {
  store: SourceStorage;
  /**
   * Labels to put on every object this controller should reconcile: each test process runs its own
   * controller, sharded (`sharding.fluxcd.io/key`, as upstream shards) so they never fight.
   */
  shardLabels: Record<string, string>;
  stop(): Promise<void>;
}

export async function startSourceController(client: KubeClient, options: { namespace?: string; logLevel?: 'info' | 'error' } = {}): Promise<RunningSourceController> {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-source-'));
  const store = await openSourceStorage({ storagePath: join(dir, 'storage'), storageAddr: '127.0.0.1:0' });
  const shard = `test-${randomBytes(4).toString('hex')}`;
  const shardLabels = { 'sharding.fluxcd.io/key': shard };
  const manager = new Manager({
    client,
    // Reconcile errors are expected in failure tests; TSFLUX_E2E_LOGS=1 shows them.
    logger: new Logger({ level: options.logLevel ?? 'error', write: process.env.TSFLUX_E2E_LOGS ? undefined : () => {} }),
    metrics: new RuntimeMetrics({ processMetrics: false }),
    namespace: options.namespace,
    labelSelector: `sharding.fluxcd.io/key=${shard}`,
    retry: { baseDelayMs: 200, maxDelayMs: 2_000 },
  });
  manager.add(gitRepositoryController(store), { fieldManager: 'source-controller', concurrent: 4 });
  const stop = new AbortController();
  const running = manager.run(stop.signal);
  return {
    store,
    shardLabels,
    stop: async () => {
      stop.abort();
      await running;
      // Also the shard's Kustomizations when a test ran a kustomize-controller on it (kustomization-env).
      await releaseShard(client, shardLabels);
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
