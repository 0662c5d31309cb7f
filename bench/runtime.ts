// Benchmark of the controller runtime:
// 1. work queue throughput in-process (adds, de-duplication, 4 workers), no cluster involved;
// 2. reconcile throughput on a real apiserver: N ConfigMaps through list+watch, queue and 4 workers,
//    with a no-op reconcile and with a reconcile that writes one object per key;
// 3. watch-event latency: from a change acknowledged by the apiserver to the cache event.
// Uses TSFLUX_BENCH_KUBECONFIG (or TSFLUX_E2E_KUBECONFIG) when set, else starts a local control plane.
import { randomBytes } from 'node:crypto';
import { setImmediate as tick } from 'node:timers/promises';
import { KubeClient, type KubeObject } from '../src/kube/index.ts';
import { SharedCache, type CacheEvent } from '../src/runtime/cache.ts';
import { defineController } from '../src/runtime/controller.ts';
import { Logger } from '../src/runtime/logger.ts';
import { Manager } from '../src/runtime/manager.ts';
import { RuntimeMetrics } from '../src/runtime/metrics.ts';
import { runWorkers, WorkQueue } from '../src/runtime/queue.ts';
import { benchCluster } from './cluster.ts';

const quiet = new Logger({ write: () => {} });
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function queueThroughput(): Promise<void> {
  const adds = 1_000_000;
  const distinct = 10_000;
  const metrics = new RuntimeMetrics({ processMetrics: false });
  const queue = new WorkQueue({ name: 'bench', observer: metrics.queueObserver('bench') });
  let processed = 0;
  const workers = runWorkers(queue, 4, async () => {
    processed++;
    await tick();
  }, () => {});
  const started = performance.now();
  for (let i = 0; i < adds; i++) {
    queue.add(`ns/key-${i % distinct}`);
    if (i % 1000 === 999) await tick(); // let workers run, as watch events arrive between batches
  }
  while (queue.length > 0) await tick();
  await queue.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  queue.shutDown();
  await workers;
  console.log(`queue: ${fmt(adds)} adds over ${fmt(distinct)} keys, 4 workers: ${fmt(adds / seconds)} adds/s, ${fmt(processed)} reconciles after de-duplication (${fmt(processed / seconds)}/s), ${fmt(seconds * 1000)} ms`);
}

async function createConfigMaps(client: KubeClient, namespace: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, (_, j) =>
        client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i + j}`, namespace }, data: { v: '0' } }),
      ),
    );
  }
}

async function reconcileThroughput(client: KubeClient, namespace: string, count: number, writes: boolean): Promise<void> {
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const manager = new Manager({ client, logger: quiet, metrics: new RuntimeMetrics({ processMetrics: false }), namespace, concurrent: 4 });
  manager.add(
    defineController<KubeObject>({
      name: writes ? 'bench-write' : 'bench-noop',
      kind: { apiVersion: 'v1', kind: 'ConfigMap' },
      conventions: 'none',
      async reconcile(cm, ctx) {
        if (!cm.metadata.name!.startsWith('cm-')) return;
        if (writes) {
          // one write per key, to a Secret so the watched ConfigMaps do not change
          await ctx.client.apply(
            { apiVersion: 'v1', kind: 'Secret', metadata: { name: `out-${cm.metadata.name}`, namespace }, stringData: { v: '1' } },
            { fieldManager: 'bench', force: true },
          );
        }
        if (++done === count) finished();
      },
    }),
    { fieldManager: 'bench' },
  );
  const stop = new AbortController();
  const started = performance.now();
  const running = manager.run(stop.signal);
  await all;
  const seconds = (performance.now() - started) / 1000;
  stop.abort();
  await running;
  const what = writes ? 'reconcile with one server-side apply each' : 'no-op reconcile';
  console.log(`reconcile: ${fmt(count)} ConfigMaps, 4 workers, ${what}: ${fmt(count / seconds)} objects/s (${fmt(seconds * 1000)} ms from start, list included)`);
}

async function watchLatency(client: KubeClient, namespace: string, samples: number): Promise<void> {
  const cache = new SharedCache(client, quiet);
  const informer = cache.informer({ apiVersion: 'v1', kind: 'ConfigMap', namespace });
  const waiting = new Map<string, (at: number) => void>();
  informer.subscribe((e: CacheEvent<KubeObject>) => {
    const v = (e.object as { data?: { v?: string } }).data?.v;
    const resolve = v && waiting.get(`${e.object.metadata.name}:${v}`);
    if (resolve) resolve(performance.now());
  });
  const stop = new AbortController();
  cache.start(stop.signal);
  await informer.waitForSync();
  const latencies: number[] = [];
  const roundTrips: number[] = [];
  for (let i = 0; i < samples; i++) {
    const name = `cm-${i % 50}`;
    const seen = new Promise<number>((resolve) => waiting.set(`${name}:s${i}`, resolve));
    const sent = performance.now();
    await client.patch({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace }, { data: { v: `s${i}` } }, 'merge');
    roundTrips.push(performance.now() - sent);
    latencies.push((await seen) - sent);
  }
  roundTrips.sort((a, b) => a - b);
  stop.abort();
  await cache.stopped();
  latencies.sort((a, b) => a - b);
  const summary = (xs: number[]) =>
    `p50 ${fmt(percentile(xs, 50), 2)} ms, p95 ${fmt(percentile(xs, 95), 2)} ms, p99 ${fmt(percentile(xs, 99), 2)} ms, max ${fmt(xs.at(-1)!, 2)} ms`;
  console.log(`watch latency (patch sent → cache event), ${samples} samples: ${summary(latencies)}`);
  console.log(`  for comparison, the patch round trip itself: ${summary(roundTrips)}`);
}

await queueThroughput();

const cluster = await benchCluster('runtime');
const kubeconfig = cluster.kubeconfig;
// Setup and teardown use their own client so the runtime's connections see only runtime traffic.
const admin = await KubeClient.fromKubeconfig({ path: kubeconfig, qps: 1000, burst: 1000 });
const namespace = `bench-runtime-${randomBytes(3).toString('hex')}`;
await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
try {
  const count = 2000;
  await createConfigMaps(admin, namespace, count);
  for (const writes of [false, true]) {
    const client = await KubeClient.fromKubeconfig({ path: kubeconfig, qps: 1000, burst: 1000 });
    await reconcileThroughput(client, namespace, count, writes);
    await client.close();
  }
  await watchLatency(admin, namespace, 300);
} finally {
  await admin.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => {});
  await admin.close();
  await cluster.stop();
}
