// Serves the artifact store over plain HTTP (--storage-addr), like upstream's file server: GET and
// HEAD of files only, no listings, nothing outside the storage directory.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix, sep } from 'node:path';

export interface FileServer {
  server: Server;
  /** host:port actually bound (useful with port 0). */
  address: string;
  close(): Promise<void>;
}

/** Listens on `address` (`host:port`, `:port` for all interfaces as Go does). */
export async function startFileServer(basePath: string, address: string): Promise<FileServer> {
  const root = await realpath(basePath);
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      try {
        const pathname = posix.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
        const file = join(root, ...pathname.split('/').filter((p) => p !== '' && p !== '..'));
        const real = await realpath(file);
        const info = await stat(real);
        if (!(real === root || real.startsWith(root + sep)) || !info.isFile()) throw new Error('not a file');
        res.writeHead(200, { 'Content-Length': info.size, 'Content-Type': contentType(real), 'Last-Modified': info.mtime.toUTCString() });
        if (req.method === 'HEAD') res.end();
        else createReadStream(real).on('error', () => res.destroy()).pipe(res);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      }
    })();
  });
  const { host, port } = splitAddress(address);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return {
    server,
    address: `${bound.address.includes(':') ? `[${bound.address}]` : bound.address}:${bound.port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function splitAddress(address: string): { host: string | undefined; port: number } {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '');
  return { host: host === '' ? undefined : host, port: Number(address.slice(colon + 1)) };
}

function contentType(file: string): string {
  if (file.endsWith('.tar.gz') || file.endsWith('.tgz')) return 'application/x-gzip';
  if (file.endsWith('.yaml')) return 'application/x-yaml';
  return 'application/octet-stream';
}
