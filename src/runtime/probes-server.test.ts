import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListenAddr, startProbeServers } from './probes-server.ts';
import { Logger } from './logger.ts';
import { RuntimeMetrics } from './metrics.ts';

test('listen addresses follow Go\'s host:port form', () => {
  assert.deepEqual(parseListenAddr(':8080'), { port: 8080 });
  assert.deepEqual(parseListenAddr('127.0.0.1:0'), { host: '127.0.0.1', port: 0 });
  assert.deepEqual(parseListenAddr('[::1]:9440'), { host: '::1', port: 9440 });
  assert.throws(() => parseListenAddr('localhost:http'), /invalid listen address "localhost:http"/);
});

test('/metrics on the metrics address, /healthz and /readyz on the health address', async (t) => {
  let ready = false;
  const logs: string[] = [];
  const servers = await startProbeServers({
    metricsAddr: '127.0.0.1:0',
    healthAddr: '127.0.0.1:0',
    metrics: new RuntimeMetrics({ processMetrics: false }),
    isHealthy: () => true,
    isReady: () => ready,
    logger: new Logger({ write: (l) => logs.push(l) }),
  });
  t.after(() => servers.close());
  const get = async (addr: string | undefined, path: string) => {
    const res = await fetch(`http://${addr}${path}`);
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
  };
  const metrics = await get(servers.metricsAddr, '/metrics');
  assert.equal(metrics.status, 200);
  assert.match(metrics.type!, /^text\/plain; version=0\.0\.4/);
  assert.match(metrics.body, /# TYPE controller_runtime_reconcile_total counter/);
  assert.equal((await get(servers.metricsAddr, '/healthz')).status, 404);
  assert.equal((await get(servers.healthAddr, '/healthz')).status, 200);
  assert.equal((await get(servers.healthAddr, '/readyz')).status, 500);
  ready = true;
  assert.equal((await get(servers.healthAddr, '/readyz')).status, 200);
  assert.deepEqual(logs.map((l) => JSON.parse(l).msg), ['Starting metrics server', 'Starting health probe server']);
});
