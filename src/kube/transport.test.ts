// The transport against a real TLS server on loopback: certificate verification, client certificates
// (from the kubeconfig or minted by an exec plugin), and the retry rules, which a healthy apiserver
// cannot be made to exercise on demand (429s, connection resets, expiring credentials).
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Transport } from './transport.ts';
import { KubeClient } from './client.ts';
import type { ConnectionConfig } from './connection.ts';
import { isClientClosed, UnauthorizedError } from './errors.ts';
import { readWatchEvents } from './watch.ts';

const pki = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');

let server: Server;
let url: string;
const hits = new Map<string, number>();
/** Requests the server never answers, ended when the tests finish. */
const hanging: ServerResponse[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  const key = `${req.method} ${req.url}`;
  const n = (hits.get(key) ?? 0) + 1;
  hits.set(key, n);
  const reply = (code: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const path = req.url?.split('?')[0];
  if (path === '/hang') return void hanging.push(res);
  if (path === '/throttled' && n <= 2) return reply(429, { kind: 'Status', apiVersion: 'v1', code: 429, reason: 'TooManyRequests', message: 'slow down' }, { 'retry-after': '0' });
  if (path === '/always-throttled') return reply(429, { kind: 'Status', apiVersion: 'v1', code: 429, reason: 'TooManyRequests', message: 'slow down' }, { 'retry-after': '0' });
  if (path === '/flaky' && n === 1) return void req.socket.destroy();
  if (path === '/needs-fresh-token' && req.headers.authorization !== 'Bearer minted-2') {
    return reply(401, { kind: 'Status', apiVersion: 'v1', code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
  }
  const peer = (req.socket as TLSSocket).getPeerCertificate();
  reply(200, {
    commonName: peer?.subject?.CN ?? null,
    authorization: req.headers.authorization ?? null,
    impersonateUser: req.headers['impersonate-user'] ?? null,
    impersonateGroups: req.headersDistinct['impersonate-group'] ?? [],
    userAgent: req.headers['user-agent'],
    attempt: n,
  });
}

before(async () => {
  server = createServer({ key: pki('server.key'), cert: pki('server.crt'), ca: pki('ca.crt'), requestCert: true, rejectUnauthorized: false }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  for (const res of hanging) res.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function connection(over: Partial<Omit<ConnectionConfig, 'tls'>> & { tls?: Partial<ConnectionConfig['tls']> } = {}): ConnectionConfig {
  return {
    server: url,
    origin: 'test connection',
    namespace: 'default',
    auth: {},
    ...over,
    tls: { ca: pki('ca.crt'), insecureSkipVerify: false, ...over.tls },
  };
}

async function json(transport: Transport, method: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await transport.send({ method, path, action: `${method} ${path}` });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

async function withTransport<T>(conn: ConnectionConfig, fn: (t: Transport) => Promise<T>, opts = {}): Promise<T> {
  const transport = new Transport(conn, opts);
  try {
    return await fn(transport);
  } finally {
    await transport.close();
  }
}

void test('the server is verified against the configured CA and sees the kubeconfig client certificate', async () => {
  await withTransport(connection({ tls: { cert: pki('client.crt'), key: pki('client.key') } }), async (t) => {
    const { body } = await json(t, 'GET', '/whoami');
    assert.equal(body.commonName, 'jane');
  });
  await withTransport(connection({ tls: { ca: undefined } }), async (t) => {
    await assert.rejects(json(t, 'GET', '/whoami'), /^Error: GET \/whoami: .*(self-signed|unable to verify|local issuer).*\(https:\/\/127\.0\.0\.1:\d+, test connection\)$/);
  });
  await withTransport(connection({ tls: { ca: undefined, insecureSkipVerify: true } }), async (t) => {
    assert.equal((await json(t, 'GET', '/whoami')).status, 200);
  });
});

void test('tls-server-name decides which name the certificate must carry', async () => {
  await withTransport(connection({ tls: { serverName: 'kubernetes.test' } }), async (t) => {
    assert.equal((await json(t, 'GET', '/whoami')).status, 200);
  });
  await withTransport(connection({ tls: { serverName: 'elsewhere.test' } }), async (t) => {
    await assert.rejects(json(t, 'GET', '/whoami'), /elsewhere\.test/);
  });
});

void test('429 with Retry-After is retried, and returned as-is once the retries are used up', async () => {
  await withTransport(connection(), async (t) => {
    const { status, body } = await json(t, 'POST', '/throttled');
    assert.equal(status, 200);
    assert.equal(body.attempt, 3, 'two throttled answers, then success');
  });
  await withTransport(
    connection(),
    async (t) => {
      assert.equal((await json(t, 'GET', '/always-throttled')).status, 429);
      assert.equal(hits.get('GET /always-throttled'), 3, 'the first try and two retries');
    },
    { maxRetries: 2 },
  );
});

void test('a connection reset is retried for GET but never for a write', async () => {
  await withTransport(connection(), async (t) => {
    const { body } = await json(t, 'GET', '/flaky');
    assert.equal(body.attempt, 2);
    await assert.rejects(json(t, 'POST', '/flaky'), /^Error: POST \/flaky: .*(socket|closed|reset)/i);
    assert.equal(hits.get('POST /flaky'), 1);
  });
});

/** An exec plugin minting a new token (minted-1, minted-2, ...) and a client certificate on each run. */
async function mintingPlugin(dir: string): Promise<string> {
  const script = join(dir, 'mint.sh');
  const cert = JSON.stringify(pki('client2.crt'));
  const key = JSON.stringify(pki('client2.key'));
  await writeFile(
    script,
    `#!/bin/sh
n=$(cat "${dir}/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${dir}/count"
cat <<'JSON' | sed "s/TOKEN/minted-$n/"
{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"TOKEN","clientCertificateData":${cert},"clientKeyData":${key}}}
JSON
`,
  );
  await chmod(script, 0o755);
  return script;
}

void test('exec plugin credentials: its client certificate is presented, and a 401 runs it again once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-transport-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const command = await mintingPlugin(dir);
  const exec = { apiVersion: 'client.authentication.k8s.io/v1', command, args: [], env: [], provideClusterInfo: false };
  await withTransport(connection({ auth: { exec }, tls: { cert: pki('client.crt'), key: pki('client.key') } }), async (tr) => {
    const first = await json(tr, 'GET', '/whoami');
    assert.equal(first.body.commonName, 'minted-by-plugin', 'the plugin certificate replaces the kubeconfig one');
    assert.equal(first.body.authorization, 'Bearer minted-1');
    const refreshed = await json(tr, 'GET', '/needs-fresh-token');
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.body.authorization, 'Bearer minted-2');
  });
});

void test('through the client: kubeconfig auth, user agent, impersonation headers, and a typed 401', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-transport-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const kubeconfig = join(dir, 'config');
  await writeFile(
    kubeconfig,
    stringify({
      clusters: [{ name: 'c', cluster: { server: url, 'certificate-authority-data': Buffer.from(pki('ca.crt')).toString('base64') } }],
      users: [{ name: 'u', user: { token: 'static' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
  );
  const kube = await KubeClient.fromKubeconfig({ path: kubeconfig, userAgent: 'tsflux-test/1' });
  t.after(() => kube.close());
  const plain = (await kube.request('GET', '/whoami')) as Record<string, unknown>;
  assert.equal(plain.authorization, 'Bearer static');
  assert.equal(plain.userAgent, 'tsflux-test/1');
  assert.equal(plain.impersonateUser, null);
  const asBob = (await kube.impersonate('bob', ['a', 'b']).request('GET', '/whoami')) as Record<string, unknown>;
  assert.equal(asBob.impersonateUser, 'bob');
  assert.deepEqual(asBob.impersonateGroups, ['a', 'b']);
  await assert.rejects(kube.request('GET', '/needs-fresh-token'), (e: unknown) => e instanceof UnauthorizedError && e.message === 'GET /needs-fresh-token: Unauthorized');
});

/** A TLS server offering HTTP/2 as kube-apiserver does: /watch answers stay open, others echo the request. */
async function h2CapableServer(t: TestContext): Promise<string> {
  const h2 = createSecureServer({ key: pki('server.key'), cert: pki('server.crt'), allowHTTP1: true }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/watch') return void res.write('{"type":"ADDED","object":{}}\n');
    res.end(JSON.stringify({ httpVersion: req.httpVersion, impersonateGroups: (req as unknown as IncomingMessage).headersDistinct?.['impersonate-group'] ?? [] }));
  });
  const sockets = new Set<TLSSocket>();
  h2.on('secureConnection', (socket: TLSSocket) => sockets.add(socket));
  await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    h2.close();
  });
  return `https://127.0.0.1:${(h2.address() as AddressInfo).port}`;
}

const isClosed = (action: string) => (e: unknown) => isClientClosed(e) && e.message.startsWith(`${action}: the Kubernetes client for ${url.slice(0, 18)}`);

void test('HTTP/1.1 even to a server offering HTTP/2, so that repeated impersonation headers stay separate values', async (t) => {
  const server = await h2CapableServer(t);
  const kube = KubeClient.fromConnection(connection({ server }));
  t.after(() => kube.close());
  const seen = (await kube.impersonate('bob', ['readers', 'ops']).request('GET', '/whoami')) as Record<string, unknown>;
  assert.equal(seen.httpVersion, '1.1');
  assert.deepEqual(seen.impersonateGroups, ['readers', 'ops'], 'two groups, not one group named "readers, ops"');
});

void test('close() during a watch ends the watch with ClientClosedError, and later requests fail the same way', async (t) => {
  const transport = new Transport(connection({ server: await h2CapableServer(t) }));
  const res = await transport.send({ method: 'GET', path: '/watch', action: 'watching things' });
  const events = readWatchEvents(res.body, { action: 'watching things', method: 'GET', path: '/watch' });
  assert.equal((await events.next()).value?.type, 'ADDED');
  const next = events.next().catch((e: unknown) => e);
  await transport.close();
  const ended = await next;
  assert.ok(isClientClosed(ended), `the watch ended with ${String(ended)}`);
  assert.match(ended.message, /^watching things: the Kubernetes client for https:\/\/127\.0\.0\.1:\d+ was closed$/);
  await assert.rejects(transport.send({ method: 'GET', path: '/other', action: 'GET /other' }), isClosed('GET /other'));
});

void test('close() while a request still waits for its response headers fails it with ClientClosedError', async () => {
  const transport = new Transport(connection());
  const pending = transport.send({ method: 'GET', path: '/hang', action: 'watching slowly' }).catch((e: unknown) => e);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await transport.close();
  assert.ok(isClosed('watching slowly')(await pending));
});

/** An HTTP proxy on loopback that only tunnels (CONNECT), recording where each tunnel went. */
async function connectProxy(t: TestContext): Promise<{ url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(`${req.headers['proxy-authorization'] ?? 'anonymous'} ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    proxy.closeAllConnections();
    proxy.close();
  });
  return { url: `http://jane:secret@127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
}

void test('proxy-url: requests go through the proxy, with TLS still verified against the apiserver CA', async (t) => {
  const proxy = await connectProxy(t);
  await withTransport(connection({ proxyUrl: proxy.url, tls: { cert: pki('client.crt'), key: pki('client.key') } }), async (tr) => {
    const { body } = await json(tr, 'GET', '/whoami');
    assert.equal(body.commonName, 'jane', 'the client certificate reached the apiserver through the tunnel');
  });
  const apiserver = new URL(url).host;
  assert.deepEqual(proxy.tunnels, [`Basic ${Buffer.from('jane:secret').toString('base64')} ${apiserver}`]);
  await withTransport(connection({ proxyUrl: proxy.url, tls: { ca: undefined } }), async (tr) => {
    await assert.rejects(json(tr, 'GET', '/whoami'), /self-signed|unable to verify|local issuer/);
  });
});
