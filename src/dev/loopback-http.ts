// Minimal HTTP(S) calls to the components of the local control plane while it boots, before any
// kubeconfig exists. Everything here talks to 127.0.0.1 only.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';

export interface LoopbackCall {
  method?: string;
  body?: unknown;
  token?: string;
  /** PEM of the CA that signed the server; without it the self-signed serving cert is accepted. */
  ca?: string;
  timeoutMs?: number;
}

export function callLoopback(url: string, call: LoopbackCall = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        method: call.method ?? 'GET',
        ca: call.ca,
        rejectUnauthorized: call.ca !== undefined,
        timeout: call.timeoutMs ?? 5000,
        headers: {
          ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within ${call.timeoutMs ?? 5000}ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Polls until `check` returns true; the error names what was awaited and the last failure seen. */
export async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not ready';
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}: ${last}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
