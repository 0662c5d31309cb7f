// The controller runtime on a real apiserver: a sample reconciler over 1000 ConfigMaps with 4 workers.
// Proves: every object is reconciled, never two workers on one key, updates made while an object is
// being reconciled are reconciled again with the latest state, failures back off exponentially, and
// requeue-after is honoured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, testCluster, testNamespace } from './harness.ts';
import { defineController } from '../../src/runtime/controller.ts';
import { Logger } from '../../src/runtime/logger.ts';
import { Manager } from '../../src/runtime/manager.ts';
import { RuntimeMetrics } from '../../src/runtime/metrics.ts';
import type { KubeClient, KubeObject } from '../../src/kube/index.ts';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

async function createConfigMaps(client: KubeClient, namespace: string, count: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `cm-${i}`);
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(
      names.slice(i, i + 50).map((name) => client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { v: '0' } })),
    );
  }
}

function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

void test('a sample reconciler with 4 workers processes 1000 objects, never two workers on one key', async (t) => {
  const { client } = await testCluster();
  const namespace = await testNamespace(t);
  await createConfigMaps(client, namespace, 1000);

  const active = new Set<string>();
  let overlaps = 0;
  let maxParallel = 0;
  const reconciles = new Map<string, number>();
  const lastSeen = new Map<string, string>();
  const attemptTimes = new Map<string, number[]>();
  const failing = new Set(Array.from({ length: 10 }, (_, i) => `${namespace}/cm-${i}`));
  const requeued = `${namespace}/cm-10`;
  const baseDelayMs = 20;

  const sample = defineController<ConfigMap>({
    name: 'sample',
    kind: { apiVersion: 'v1', kind: 'ConfigMap' },
    conventions: 'none',
    async reconcile(cm) {
      const key = `${cm.metadata.namespace}/${cm.metadata.name}`;
      if (active.has(key)) overlaps++;
      active.add(key);
      maxParallel = Math.max(maxParallel, active.size);
      try {
        const times = attemptTimes.get(key) ?? [];
        times.push(performance.now());
        attemptTimes.set(key, times);
        await sleep(Math.random() * 2);
        reconciles.set(key, (reconciles.get(key) ?? 0) + 1);
        lastSeen.set(key, cm.data?.v ?? '');
        if (failing.has(key) && times.length <= 3) throw new Error(`attempt ${times.length} of ${key} fails on purpose`);
        if (key === requeued && times.length === 1) return { requeueAfterMs: 500 };
      } finally {
        active.delete(key);
      }
    },
  });

  const logs: string[] = [];
  const metrics = new RuntimeMetrics({ processMetrics: false });
  const manager = new Manager({
    client,
    logger: new Logger({ write: (l) => logs.push(l) }),
    metrics,
    namespace,
    concurrent: 4,
    retry: { baseDelayMs, maxDelayMs: 10_000, qps: 1000, burst: 1000 },
  });
  manager.add(sample, { fieldManager: 'sample-controller' });
  const stop = new AbortController();
  const running = manager.run(stop.signal);
  t.after(async () => {
    stop.abort();
    await running;
  });

  // kube-root-ca.crt, which Kubernetes adds to every namespace, is reconciled too: count ours.
  const ours = () => [...reconciles.keys()].filter((k) => k.startsWith(`${namespace}/cm-`)).length;
  await eventually('every ConfigMap reconciled at least once', async () => (ours() === 1000 ? true : undefined), 120_000);
  await eventually('the failing keys to succeed on their 4th attempt', async () =>
    [...failing].every((k) => (attemptTimes.get(k)?.length ?? 0) >= 4) ? true : undefined,
  );
  await eventually('the requeue-after reconcile', async () => ((attemptTimes.get(requeued)?.length ?? 0) >= 2 ? true : undefined));

  // Changes made while workers are busy: each object ends up reconciled with its latest data.
  const updated = Array.from({ length: 50 }, (_, i) => `cm-${100 + i}`);
  for (const round of ['1', '2']) {
    await Promise.all(updated.map((name) => client.patch({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace }, { data: { v: round } }, 'merge')));
  }
  await eventually('the updated ConfigMaps reconciled with their latest data', async () =>
    updated.every((name) => lastSeen.get(`${namespace}/${name}`) === '2') ? true : undefined,
  );

  assert.equal(overlaps, 0, 'two workers held the same key at once');
  assert.ok(maxParallel > 1 && maxParallel <= 4, `workers in parallel: ${maxParallel}`);
  // Backoff: the gap before retry n is at least base * 2^(n-1) (timers never fire early).
  for (const key of failing) {
    const times = attemptTimes.get(key)!;
    for (let n = 1; n <= 3; n++) {
      const gap = times[n]! - times[n - 1]!;
      assert.ok(gap >= baseDelayMs * 2 ** (n - 1) - 1, `${key}: retry ${n} came after ${gap.toFixed(1)}ms, before its backoff`);
    }
    assert.equal(times.length, 4, `${key} must not be retried after it succeeded`);
  }
  const [first, second] = attemptTimes.get(requeued)!;
  assert.ok(second! - first! >= 499, `requeue-after 500ms honoured (came after ${(second! - first!).toFixed(0)}ms)`);

  const text = await metrics.text();
  assert.equal(metricValue(text, 'controller_runtime_reconcile_errors_total{controller="sample"}'), 30);
  assert.ok(metricValue(text, 'controller_runtime_reconcile_total{controller="sample",result="requeue_after"}') >= 1);
  assert.ok(metricValue(text, 'controller_runtime_reconcile_total{controller="sample",result="success"}') >= 1000);
  assert.equal(metricValue(text, 'workqueue_retries_total{name="sample"}'), 30);
  assert.ok(logs.every((l) => typeof JSON.parse(l) === 'object'), 'every log line is JSON');
  const errorLine = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'Reconciler error')!;
  assert.equal(errorLine.controller, 'sample');
  assert.equal(errorLine.controllerKind, 'ConfigMap');
  assert.equal(errorLine.namespace, namespace);
  assert.match(String(errorLine.error), /fails on purpose/);
  assert.match(String(errorLine.reconcileID), /^[0-9a-f-]{36}$/);
});

void test('sharding: a manager with a label selector reconciles only its shard, secondary watches are not sharded', async (t) => {
  const { client } = await testCluster();
  const namespace = await testNamespace(t);
  const seen = new Set<string>();
  const triggeredBy: string[] = [];
  const sharded = defineController<ConfigMap>({
    name: 'sharded',
    kind: { apiVersion: 'v1', kind: 'ConfigMap' },
    conventions: 'none',
    // Secrets are not Flux objects: they must be seen whatever their shard label.
    watches: [{ kind: { apiVersion: 'v1', kind: 'Secret' }, toKeys: (secret) => (triggeredBy.push(secret.metadata.name!), []) }],
    async reconcile(cm) {
      seen.add(cm.metadata.name!);
    },
  });
  const manager = new Manager({
    client,
    logger: new Logger({ write: () => {} }),
    metrics: new RuntimeMetrics({ processMetrics: false }),
    namespace,
    labelSelector: 'sharding.fluxcd.io/key=shard1',
  });
  manager.add(sharded, { fieldManager: 'sharded-controller' });
  const stop = new AbortController();
  const running = manager.run(stop.signal);
  t.after(async () => {
    stop.abort();
    await running;
  });
  const create = (name: string, shard?: string) =>
    client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: shard ? { 'sharding.fluxcd.io/key': shard } : {} } });
  await create('mine', 'shard1');
  await create('other-shard', 'shard2');
  await create('unsharded');
  await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'any-secret', namespace } });
  await create('mine-too', 'shard1');
  await eventually('both objects of the shard reconciled', async () => (seen.has('mine') && seen.has('mine-too') ? true : undefined));
  await eventually('the unlabelled Secret seen by the secondary watch', async () => (triggeredBy.includes('any-secret') ? true : undefined));
  assert.deepEqual([...seen].sort(), ['mine', 'mine-too']);
});
