// Two managers with leader election on one Lease: only the leader reconciles; when it stops, the
// standby takes over within the lease duration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, testCluster, testNamespace } from './harness.ts';
import { defineController } from '../../src/runtime/controller.ts';
import type { LeaseSpec } from '../../src/runtime/leader-election.ts';
import { Logger } from '../../src/runtime/logger.ts';
import { Manager } from '../../src/runtime/manager.ts';
import { RuntimeMetrics } from '../../src/runtime/metrics.ts';
import type { KubeObject } from '../../src/kube/index.ts';

void test('two managers with leader election: one leads, abort it, the other takes over within the lease', async (t) => {
  const { client } = await testCluster();
  const namespace = await testNamespace(t);
  const leaseDurationMs = 4000;
  const reconciledBy = new Map<string, string>();

  const start = (identity: string) => {
    const manager = new Manager({
      client,
      logger: new Logger({ write: () => {} }),
      metrics: new RuntimeMetrics({ processMetrics: false }),
      namespace,
      leaderElection: { name: 'sample-leader-election', namespace, identity, leaseDurationMs, renewDeadlineMs: 3000, retryPeriodMs: 500 },
    });
    manager.add(
      defineController({
        name: 'sample',
        kind: { apiVersion: 'v1', kind: 'ConfigMap' },
        conventions: 'none',
        async reconcile(cm) {
          reconciledBy.set(cm.metadata.name!, identity);
        },
      }),
      { fieldManager: 'sample-controller' },
    );
    const stop = new AbortController();
    const running = manager.run(stop.signal);
    t.after(async () => {
      stop.abort();
      await running;
    });
    return { manager, stop, running };
  };
  const lease = () => client.get<KubeObject & { spec: LeaseSpec }>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: 'sample-leader-election', namespace });
  const createConfigMap = (name: string) => client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace } });

  const a = start('replica-a');
  await eventually('replica-a to lead', async () => (a.manager.leading ? true : undefined));
  const b = start('replica-b');
  await eventually('replica-b to be ready as a standby', async () => (b.manager.ready ? true : undefined));
  assert.equal(b.manager.leading, false);
  assert.equal((await lease()).spec.holderIdentity, 'replica-a');
  assert.equal((await lease()).spec.leaseDurationSeconds, 4);

  await createConfigMap('first');
  await eventually('the leader to reconcile', async () => reconciledBy.get('first'));
  assert.equal(reconciledBy.get('first'), 'replica-a');
  const transitions = (await lease()).spec.leaseTransitions ?? 0;

  const stoppedAt = performance.now();
  a.stop.abort();
  await a.running;
  assert.equal((await lease()).spec.holderIdentity !== 'replica-a', true, 'a graceful stop releases the lease');
  await eventually('replica-b to take over', async () => (b.manager.leading ? true : undefined), leaseDurationMs * 3);
  const takeoverMs = performance.now() - stoppedAt;
  assert.ok(takeoverMs <= leaseDurationMs, `took over after ${takeoverMs.toFixed(0)}ms, within the ${leaseDurationMs}ms lease`);
  const after = (await lease()).spec;
  assert.equal(after.holderIdentity, 'replica-b');
  assert.equal(after.leaseTransitions, transitions + 1);

  await createConfigMap('second');
  await eventually('the new leader to reconcile', async () => reconciledBy.get('second'));
  assert.equal(reconciledBy.get('second'), 'replica-b');
  assert.equal(a.manager.leading, false);
});

void test('a leader that cannot renew (another holder took the lease) stops reconciling and fails', async (t) => {
  const { client } = await testCluster();
  const namespace = await testNamespace(t);
  const manager = new Manager({
    client,
    logger: new Logger({ write: () => {} }),
    metrics: new RuntimeMetrics({ processMetrics: false }),
    namespace,
    leaderElection: { name: 'stolen', namespace, identity: 'victim', leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 250 },
  });
  manager.add(
    defineController({ name: 'sample', kind: { apiVersion: 'v1', kind: 'ConfigMap' }, conventions: 'none', async reconcile() {} }),
    { fieldManager: 'sample-controller' },
  );
  const stop = new AbortController();
  t.after(() => stop.abort());
  const running = manager.run(stop.signal);
  await eventually('the manager to lead', async () => (manager.leading ? true : undefined));

  const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: 'stolen', namespace };
  const lease = await client.get<KubeObject & { spec: LeaseSpec }>(ref);
  const now = new Date().toISOString().replace('Z', '000Z');
  await client.update({ ...lease, spec: { ...lease.spec, holderIdentity: 'thief', renewTime: now, acquireTime: now } });

  await assert.rejects(running, /leader election lost/);
  assert.equal(manager.leading, false);
  assert.equal((await client.get<KubeObject & { spec: LeaseSpec }>(ref)).spec.holderIdentity, 'thief', 'the lost lease is not released or retaken');
});
