// The HTTP endpoints every Flux controller serves: /metrics (Prometheus text) on --metrics-addr, and
// /healthz and /readyz on --health-addr. Addresses follow Go's "host:port" form: ":8080" listens on every
// interface (as in a pod), "127.0.0.1:0" on loopback with a free port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.ts';
import type { RuntimeMetrics } from './metrics.ts';

export interface ProbeServerOptions {
  metricsAddr?: string;
  healthAddr?: string;
  metrics: RuntimeMetrics;
  isHealthy: () => boolean;
  isReady: () => boolean;
  logger: Logger;
}

export interface ProbeServers {
  /** "host:port" actually bound, for each endpoint that is enabled. */
  metricsAddr?: string;
  healthAddr?: string;
  close(): Promise<void>;
}

export function parseListenAddr(addr: string): { host?: string; port: number } {
  const colon = addr.lastIndexOf(':');
  const host = colon < 0 ? '' : addr.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  const port = Number(colon < 0 ? addr : addr.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid listen address "${addr}": want host:port, e.g. ":8080"`);
  return host ? { host, port } : { port };
}

async function listen(server: Server, addr: string): Promise<string> {
  const { host, port } = parseListenAddr(addr);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`listening on ${addr}: ${error.message}`)));
    server.listen(port, host, resolve);
  });
  const bound = server.address() as AddressInfo;
  return `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
}

export async function startProbeServers(opts: ProbeServerOptions): Promise<ProbeServers> {
  const serveMetrics = async (res: import('node:http').ServerResponse) => {
    try {
      const body = await opts.metrics.text();
      res.writeHead(200, { 'Content-Type': opts.metrics.registry.contentType }).end(body);
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`collecting metrics: ${(error as Error).message}\n`);
    }
  };
  const probe = (res: import('node:http').ServerResponse, ok: boolean) =>
    res.writeHead(ok ? 200 : 500, { 'Content-Type': 'text/plain' }).end(ok ? 'ok' : 'not ready');

  const handler = (paths: { metrics: boolean; health: boolean }) =>
    createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (paths.metrics && path === '/metrics') return void serveMetrics(res);
      if (paths.health && (path === '/healthz' || path === '/healthz/ping')) return probe(res, opts.isHealthy());
      if (paths.health && (path === '/readyz' || path === '/readyz/ping')) return probe(res, opts.isReady());
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found\n');
    });

  const servers: Server[] = [];
  const result: ProbeServers = {
    close: async () => {
      await Promise.all(
        servers.map((s) => new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        })),
      );
    },
  };
  try {
    const sameAddr = opts.metricsAddr && opts.metricsAddr === opts.healthAddr && parseListenAddr(opts.metricsAddr).port !== 0;
    if (sameAddr) {
      const server = handler({ metrics: true, health: true });
      servers.push(server);
      result.metricsAddr = result.healthAddr = await listen(server, opts.metricsAddr!);
    } else {
      if (opts.metricsAddr) {
        const server = handler({ metrics: true, health: false });
        servers.push(server);
        result.metricsAddr = await listen(server, opts.metricsAddr);
      }
      if (opts.healthAddr) {
        const server = handler({ metrics: false, health: true });
        servers.push(server);
        result.healthAddr = await listen(server, opts.healthAddr);
      }
    }
  } catch (error) {
    await result.close();
    throw error;
  }
  if (result.metricsAddr) opts.logger.info('Starting metrics server', { 'bind-address': result.metricsAddr });
  if (result.healthAddr) opts.logger.info('Starting health probe server', { 'bind-address': result.healthAddr });
  return result;
}
