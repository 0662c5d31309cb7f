// A forward HTTP proxy for tests (plain http targets, absolute-URI requests as curl sends them, and
// CONNECT tunnels), with optional basic proxy authentication; it records what went through it.
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Tunnels } from './tunnels.ts';

export interface HttpProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Target URLs forwarded. */
  forwarded: string[];
  /** host:port targets of CONNECT tunnels. */
  tunnels: string[];
  close(): Promise<void>;
}

export async function startHttpProxy(auth?: { username: string; password: string }): Promise<HttpProxy> {
  const forwarded: string[] = [];
  const tunnels: string[] = [];
  const tunnelled = new Tunnels();
  const expected = auth ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` : undefined;
  const server = createServer((req: IncomingMessage, res) => {
    if (expected && req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    forwarded.push(target.toString());
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => res.writeHead(502).end(err.message));
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnelled.accept(client);
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const target = new URL(`http://${req.url ?? ''}`);
    tunnels.push(req.url ?? '');
    tunnelled.open(client, target.hostname.replace(/^\[|\]$/g, ''), Number(target.port), head, {
      opened: 'HTTP/1.1 200 Connection Established\r\n\r\n',
      failed: 'HTTP/1.1 502 Bad Gateway\r\n\r\n',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        tunnelled.destroyAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
