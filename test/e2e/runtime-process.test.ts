// `tsflux controllers` as real processes: every output line is a JSON log line, /metrics serves Flux's
// and controller-runtime's names, /healthz and /readyz answer, a killed leader (SIGKILL, no release) is
// replaced within the lease, SIGTERM stops gracefully and releases the lease, events reach --events-addr.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventually, testCluster, testNamespace } from './harness.ts';
import type { LeaseSpec } from '../../src/runtime/leader-election.ts';
import type { KubeObject } from '../../src/kube/index.ts';

const fixture = fileURLToPath(new URL('./runtime-sample-controllers.ts', import.meta.url));

interface Controllers {
  child: ChildProcess;
  lines: string[];
  /** Parsed log entries (a line that is not JSON fails the test when checked). */
  entries(): Record<string, unknown>[];
  exited: Promise<number | null>;
}

function startControllers(t: TestContext, kubeconfig: string, namespace: string, leaseSeconds: number, eventsAddr: string): Controllers {
  const child = spawn(
    process.execPath,
    [
      fixture,
      'controllers',
      '--kubeconfig', kubeconfig,
      '--namespace', namespace,
      '--only', 'sample',
      '--metrics-addr', '127.0.0.1:0',
      '--health-addr', '127.0.0.1:0',
      '--watch-all-namespaces=false',
      '--enable-leader-election',
      '--leader-election-lease-duration', `${leaseSeconds}s`,
      '--leader-election-renew-deadline', `${leaseSeconds - 2}s`,
      '--leader-election-retry-period', '1s',
      '--events-addr', eventsAddr,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop()!;
      lines.push(...parts.filter((l) => l !== ''));
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, lines, exited, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const logged = (c: Controllers, msg: string, extra: (e: Record<string, unknown>) => boolean = () => true) =>
  eventually(`"${msg}" in the logs`, async () => c.entries().find((e) => e.msg === msg && extra(e)), 60_000);

const metricNames = [
  'gotk_reconcile_duration_seconds',
  'controller_runtime_reconcile_total',
  'controller_runtime_reconcile_errors_total',
  'controller_runtime_reconcile_time_seconds',
  'workqueue_depth',
  'workqueue_adds_total',
  'workqueue_queue_duration_seconds',
  'workqueue_work_duration_seconds',
  'workqueue_retries_total',
  'workqueue_unfinished_work_seconds',
  'workqueue_longest_running_processor_seconds',
  'leader_election_master_status',
];

void test('tsflux controllers: JSON logs, /metrics names, probes, leader failover on SIGKILL, graceful SIGTERM', async (t) => {
  const { client, kubeconfigPath } = await testCluster();
  const namespace = await testNamespace(t);
  const leaseSeconds = 6;
  const retrySeconds = 1;
  const lease = async () =>
    (await client.get<KubeObject & { spec: LeaseSpec }>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: 'sample-controller-leader-election', namespace })).spec;

  // notification-controller stand-in: a real HTTP server collecting the POSTed events
  const posted: Record<string, unknown>[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posted.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t.after(() => receiver.close());
  const eventsAddr = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;

  const a = startControllers(t, kubeconfigPath, namespace, leaseSeconds, eventsAddr);
  await logged(a, 'successfully acquired lease');
  const b = startControllers(t, kubeconfigPath, namespace, leaseSeconds, eventsAddr);
  await logged(b, 'attempting to acquire leader lease...');

  const metricsAddr = String((await logged(a, 'Starting metrics server'))['bind-address']);
  const healthAddr = String((await logged(a, 'Starting health probe server'))['bind-address']);
  await logged(a, 'caches synced, starting controllers');
  await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first', namespace }, data: { k: 'v' } });
  await logged(a, 'sample reconciled', (e) => e.name === 'first');
  const payload = await eventually('the event POSTed to --events-addr', async () =>
    posted.find((p) => (p.involvedObject as { name: string }).name === 'first'),
  );
  assert.equal(payload.reason, 'Reconciled');
  assert.equal(payload.severity, 'info');
  assert.equal(payload.reportingController, 'sample-controller');
  assert.equal(typeof (payload.metadata as Record<string, string>)['sample/revision'], 'string');
  const kubeEvents = await eventually('the Kubernetes Event', async () => {
    const list = await client.list<KubeObject & { reason: string; involvedObject: { name: string } }>('v1', 'Event', { namespace });
    return list.items.find((e) => e.reason === 'Reconciled' && e.involvedObject.name === 'first');
  });
  assert.equal((kubeEvents.source as { component: string }).component, 'sample-controller');

  const metrics = await (await fetch(`http://${metricsAddr}/metrics`)).text();
  for (const name of metricNames) assert.match(metrics, new RegExp(`^# TYPE ${name} `, 'm'), `${name} is served`);
  assert.match(metrics, /^controller_runtime_reconcile_total\{controller="sample",result="success"\} [1-9]/m);
  assert.match(metrics, /^gotk_reconcile_duration_seconds_count\{kind="ConfigMap",name="first",namespace="[^"]+"\} 1/m);
  assert.match(metrics, /^workqueue_adds_total\{name="sample"\} [1-9]/m);
  assert.match(metrics, /^leader_election_master_status\{name="sample-controller-leader-election"\} 1/m);
  assert.match(metrics, /^process_cpu_seconds_total /m);
  assert.equal((await fetch(`http://${healthAddr}/healthz`)).status, 200);
  assert.equal((await fetch(`http://${healthAddr}/readyz`)).status, 200);
  assert.equal((await fetch(`http://${healthAddr}/metrics`)).status, 404, 'metrics only on the metrics address');

  // Kill the leader without a chance to release: the standby waits for the lease to expire.
  const leaderBefore = (await lease()).holderIdentity;
  a.child.kill('SIGKILL');
  const killedAt = performance.now();
  await a.exited;
  await logged(b, 'successfully acquired lease');
  const takeoverSeconds = (performance.now() - killedAt) / 1000;
  // The standby measures expiry from when it last saw the leader renew (at most one retry period
  // before the kill), then notices at its next attempt (retry period + 20% jitter) plus request time.
  assert.ok(takeoverSeconds <= leaseSeconds + 2 * retrySeconds + 2, `took over after ${takeoverSeconds.toFixed(1)}s (lease ${leaseSeconds}s)`);
  const spec = await lease();
  assert.notEqual(spec.holderIdentity, leaderBefore);
  await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'second', namespace } });
  await logged(b, 'sample reconciled', (e) => e.name === 'second');

  // SIGTERM: stop gracefully, release the lease, exit 0.
  b.child.kill('SIGTERM');
  assert.equal(await b.exited, 0);
  await logged(b, 'released leader lease');
  assert.equal((await lease()).holderIdentity, '');

  for (const c of [a, b]) {
    for (const line of c.lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      assert.equal(typeof entry.level, 'string', line);
      assert.equal(typeof entry.ts, 'string', line);
      assert.equal(typeof entry.msg, 'string', line);
    }
  }
  const reconciled = b.entries().find((e) => e.msg === 'sample reconciled')!;
  assert.equal(reconciled.controller, 'sample');
  assert.equal(reconciled.controllerKind, 'ConfigMap');
  assert.equal(reconciled.namespace, namespace);
});
