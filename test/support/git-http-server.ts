// A real git smart-HTTP server for tests: git's own `git http-backend` CGI behind node:http on
// 127.0.0.1, with optional basic or bearer-token authentication.
import { spawn, execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface GitHttpServerOptions {
  /** Directory holding the repositories (served as /<name>.git). */
  root: string;
  basicAuth?: { username: string; password: string };
  bearerToken?: string;
  /** Serve HTTPS with this certificate; with `clientCa`, also require a client certificate it signed. */
  tls?: { cert: string; key: string; clientCa?: string };
}

export interface GitHttpServer {
  /** http(s)://127.0.0.1:<port> */
  url: string;
  /** Every request received, as `METHOD /path?query`, in order. */
  requests: string[];
  close(): Promise<void>;
}

const backend = join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');

export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    if (!authorized(req, options)) {
      res.writeHead(401, { 'WWW-Authenticate': options.bearerToken ? 'Bearer realm="git"' : 'Basic realm="git"' }).end('unauthorized\n');
      return;
    }
    runBackend(req, res, options.root);
  };
  const tls = options.tls;
  const server = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key, ca: tls.clientCa, requestCert: Boolean(tls.clientCa), rejectUnauthorized: Boolean(tls.clientCa) }, handler)
    : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorized(req: IncomingMessage, options: GitHttpServerOptions): boolean {
  const header = req.headers.authorization ?? '';
  if (options.bearerToken) return header === `Bearer ${options.bearerToken}`;
  if (options.basicAuth) {
    const expected = Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64');
    return header === `Basic ${expected}`;
  }
  return true;
}

function runBackend(req: IncomingMessage, res: ServerResponse, root: string): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let pathInfo: string;
  try {
    pathInfo = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('malformed path\n');
    return;
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: pathInfo,
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: '127.0.0.1',
    REMOTE_USER: 'git',
  };
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
  const cgi = spawn(backend, [], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  cgi.on('error', (err) => res.headersSent ? res.destroy() : res.writeHead(500).end(`git http-backend: ${err.message}\n`));
  res.on('error', () => cgi.kill());
  req.pipe(cgi.stdin);
  cgi.stdin.on('error', () => {});
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
  });
  cgi.stdout.on('end', () => {
    if (!headersDone) res.writeHead(502).end('git http-backend sent no headers\n');
    else res.end();
  });
}
