import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fluxEventPayload, kubernetesEvent, metadataKey, EventRecorder } from './events.ts';
import { Logger } from './logger.ts';
import { KubeClient } from '../kube/index.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

async function unreachableCluster(t: TestContext): Promise<KubeClient> {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-events-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'kubeconfig');
  await writeFile(
    path,
    `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
`,
  );
  const client = await KubeClient.fromKubeconfig({ path });
  t.after(() => client.close());
  return client;
}

const ks = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: {
    name: 'webapp',
    namespace: 'apps',
    uid: 'u-1',
    resourceVersion: '42',
    annotations: { 'event.toolkit.fluxcd.io/summary': 'prod cluster', 'other.io/x': 'no' },
  },
};
const now = new Date('2026-01-01T00:00:00.500Z');
const reporter = { controller: 'kustomize-controller', instance: 'kustomize-controller-abc' };

test('the notification payload uses Flux field names, severity mapping and object event annotations', () => {
  const payload = fluxEventPayload(
    ks,
    { type: 'Warning', reason: 'ReconciliationFailed', message: 'boom', metadata: { [metadataKey(ks, 'revision')]: 'main@sha1:abc' } },
    reporter,
    now,
  );
  assert.deepEqual(payload, {
    involvedObject: { kind: 'Kustomization', namespace: 'apps', name: 'webapp', uid: 'u-1', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', resourceVersion: '42' },
    severity: 'error',
    timestamp: '2026-01-01T00:00:00Z',
    message: 'boom',
    reason: 'ReconciliationFailed',
    metadata: { 'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:abc', 'event.toolkit.fluxcd.io/summary': 'prod cluster' },
    reportingController: 'kustomize-controller',
    reportingInstance: 'kustomize-controller-abc',
  });
  assert.equal(fluxEventPayload(ks, { type: 'Normal', reason: 'R', message: 'm' }, reporter, now)!.severity, 'info');
  assert.equal(fluxEventPayload(ks, { type: 'Trace', reason: 'R', message: 'm' }, reporter, now), undefined);
  const long = fluxEventPayload(ks, { type: 'Normal', reason: 'R', message: 'x'.repeat(50_000) }, reporter, now)!;
  assert.equal(long.message.length, 39_000);
});

test('the Kubernetes Event carries involvedObject, source component and revision annotations', () => {
  const event = kubernetesEvent(ks, { type: 'Trace', reason: 'Progressing', message: 'm', metadata: { 'kustomize.toolkit.fluxcd.io/revision': 'r' } }, reporter, now, 7);
  assert.equal(event.metadata.namespace, 'apps');
  assert.match(event.metadata.name!, /^webapp\.[0-9a-f]+$/);
  assert.equal(BigInt(`0x${event.metadata.name!.split('.')[1]}`), BigInt(now.getTime()) * 1_000_000n + 7n);
  assert.equal(event.type, 'Normal', 'Trace is recorded as a Normal Kubernetes event');
  assert.deepEqual(event.source, { component: 'kustomize-controller' });
  assert.deepEqual(event.metadata.annotations, { 'kustomize.toolkit.fluxcd.io/revision': 'r' });
  assert.equal(event.count, 1);
  assert.equal((event.involvedObject as { uid: string }).uid, 'u-1');
});

test('events are POSTed to the events address, retried on 5xx, not on 4xx', async (t) => {
  const bodies: unknown[] = [];
  let failuresLeft = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/reject') {
        bodies.push('rejected');
        res.writeHead(429).end();
        return;
      }
      if (failuresLeft-- > 0) {
        res.writeHead(503).end();
        return;
      }
      bodies.push(JSON.parse(body));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const logs: string[] = [];
  // The Kubernetes side fails here (nothing listens at the apiserver address), which must only be logged.
  const unreachable = await unreachableCluster(t);
  const logger = new Logger({ write: (l) => logs.push(l) });
  const recorder = new EventRecorder({ client: unreachable, ...reporter, eventsAddr: `http://127.0.0.1:${port}/`, logger });
  await recorder.record(ks, { type: 'Normal', reason: 'ReconciliationSucceeded', message: 'Applied revision: main@sha1:abc' });
  await recorder.flush();
  assert.equal(bodies.length, 1);
  assert.equal((bodies[0] as { reason: string }).reason, 'ReconciliationSucceeded');
  assert.equal(logs.filter((l) => JSON.parse(l).msg === 'failed to record Kubernetes event').length, 1);

  const rejecting = new EventRecorder({ client: unreachable, ...reporter, eventsAddr: `http://127.0.0.1:${port}/reject`, logger });
  await rejecting.record(ks, { type: 'Normal', reason: 'R', message: 'm' });
  await rejecting.flush();
  assert.equal(bodies.filter((b) => b === 'rejected').length, 1, 'a 429 is not retried');
  assert.ok(logs.some((l) => /unable to send event.*HTTP 429/.test(l)), logs.join(''));
});
