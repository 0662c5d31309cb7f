// Sends one HTTP request to the apiserver: TLS with the configured CA and client certificate, the
// credentials of the moment, the client-side rate limit, and the retries that are always safe:
// 429/Retry-After (the apiserver did not process the request) and connection failures on GETs.
// Everything about Kubernetes objects lives above this file.
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import type { ConnectionConfig } from './connection.ts';
import { credentialSource, type CredentialSource } from './credentials.ts';
import { ClientClosedError } from './errors.ts';
import { TokenBucket } from './rate-limit.ts';

export interface TransportRequest {
  method: string;
  /** Path and query, appended to the server URL. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string;
  signal?: AbortSignal;
  /**
   * Longest silence allowed between two chunks of the response body, in ms (0: none). Watches set it
   * from their server-side timeout, since minutes may pass between events but a stream that outlives
   * its own timeout is a dead connection.
   */
  idleTimeoutMs?: number;
  /** What the caller was doing, for connection error messages. */
  action: string;
}

export type TransportResponse = Dispatcher.ResponseData;

export interface TransportOptions {
  qps?: number;
  burst?: number;
  userAgent?: string;
  maxRetries?: number;
}

const retryableConnectionCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const maxRetryAfterSeconds = 30;

export class Transport {
  readonly server: string;
  readonly connection: ConnectionConfig;
  readonly limiter: TokenBucket;
  readonly #credentials: CredentialSource;
  readonly #userAgent: string;
  readonly #maxRetries: number;
  /** One agent per client certificate: exec plugins may hand out a new certificate at any time. */
  #agent?: { certKey: string; agent: Dispatcher };
  readonly #retired: Dispatcher[] = [];
  /**
   * One controller per request whose response is not finished (a watch can last minutes): close()
   * aborts them first, because closing a connection pool waits for them, and an HTTP/2 session torn
   * down under a live stream fails it from inside undici instead of through the caller.
   */
  readonly #inFlight = new Map<AbortController, string>();
  #closed = false;

  constructor(connection: ConnectionConfig, opts: TransportOptions = {}) {
    this.connection = connection;
    this.server = connection.server;
    this.limiter = new TokenBucket({ qps: opts.qps ?? 50, burst: opts.burst ?? 100 });
    this.#credentials = credentialSource(connection);
    this.#userAgent = opts.userAgent ?? 'tsflux';
    this.#maxRetries = opts.maxRetries ?? 5;
  }

  async send(req: TransportRequest): Promise<TransportResponse> {
    if (this.#closed) throw new ClientClosedError(req.action, this.server);
    const own = new AbortController();
    this.#inFlight.set(own, req.action);
    const signal = req.signal ? AbortSignal.any([req.signal, own.signal]) : own.signal;
    try {
      const res = await this.#send({ ...req, signal });
      res.body.once('close', () => this.#inFlight.delete(own));
      return res;
    } catch (e) {
      this.#inFlight.delete(own);
      if (own.signal.aborted && !req.signal?.aborted) throw new ClientClosedError(req.action, this.server);
      throw e;
    }
  }

  async #send(req: TransportRequest): Promise<TransportResponse> {
    const idempotent = req.method === 'GET' || req.method === 'HEAD';
    let refreshedCredentials = false;
    for (let attempt = 0; ; attempt++) {
      await this.limiter.take(req.signal);
      const creds = await this.#credentials.get().catch((e: unknown) => {
        throw new Error(`${req.action}: ${(e as Error).message}`, { cause: e });
      });
      const headers: Record<string, string | string[]> = { 'user-agent': this.#userAgent, ...req.headers };
      if (creds.authorization) headers.authorization = creds.authorization;
      let res: TransportResponse;
      try {
        res = await request(this.server + req.path, {
          dispatcher: this.#dispatcher(creds.clientCert),
          method: req.method as Dispatcher.HttpMethod,
          headers,
          body: req.body,
          signal: req.signal,
          bodyTimeout: req.idleTimeoutMs,
        });
      } catch (e) {
        if (req.signal?.aborted) throw e;
        if (idempotent && attempt < this.#maxRetries && retryableConnectionCodes.has(errorCode(e))) {
          await delay(backoffMs(attempt), undefined, { signal: req.signal });
          continue;
        }
        throw new Error(`${req.action}: ${describeConnectionError(e)} (${this.server}, ${this.connection.origin})`, { cause: e });
      }
      const retryAfter = retryAfterSeconds(res);
      const throttled = res.statusCode === 429 || (res.statusCode >= 500 && retryAfter !== undefined);
      if (throttled && attempt < this.#maxRetries) {
        await res.body.dump();
        await delay(Math.min(retryAfter ?? 1, maxRetryAfterSeconds) * 1000 || backoffMs(attempt), undefined, { signal: req.signal });
        continue;
      }
      if (res.statusCode === 401 && !refreshedCredentials && this.#credentials.invalidate()) {
        refreshedCredentials = true;
        await res.body.dump();
        continue;
      }
      return res;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const [request, action] of this.#inFlight) request.abort(new ClientClosedError(action, this.server));
    this.#inFlight.clear();
    const agents = [...this.#retired, ...(this.#agent ? [this.#agent.agent] : [])];
    this.#retired.length = 0;
    this.#agent = undefined;
    // Nothing is in flight any more: destroy, which unlike close() does not fail (ClientDestroyedError)
    // on a pool undici already tore down, e.g. after the apiserver sent GOAWAY.
    await Promise.all(agents.map((a) => a.destroy()));
  }

  #dispatcher(clientCert?: { cert: string; key: string }): Dispatcher {
    const tls = this.connection.tls;
    const cert = clientCert?.cert ?? tls.cert;
    const key = clientCert?.key ?? tls.key;
    const certKey = `${cert ?? ''}\n${key ?? ''}`;
    if (this.#agent?.certKey === certKey) return this.#agent.agent;
    if (this.#agent) {
      // In-flight requests (long watches) keep using the old agent; close it gracefully once idle.
      const old = this.#agent.agent;
      this.#retired.push(old);
      void old
        .close()
        .catch(() => old.destroy())
        .finally(() => {
          const at = this.#retired.indexOf(old);
          if (at >= 0) this.#retired.splice(at, 1);
        });
    }
    const apiserverTls = { ca: tls.ca, cert, key, rejectUnauthorized: !tls.insecureSkipVerify, servername: tls.serverName };
    // Through a proxy the TLS session is still with the apiserver: the proxy only carries the bytes.
    const proxy = this.connection.proxyUrl;
    // HTTP/1.1 only: undici's HTTP/2 client folds repeated headers into one comma-joined value, and the
    // apiserver reads Impersonate-Group: a, b as a single group named "a, b".
    const agent = proxy
      ? new ProxyAgent({ uri: proxy, requestTls: apiserverTls, allowH2: false })
      : new Agent({ connect: apiserverTls, allowH2: false });
    this.#agent = { certKey, agent };
    return agent;
  }
}

function errorCode(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code ?? err?.cause?.code ?? '';
}

function describeConnectionError(e: unknown): string {
  const err = e as Error & { cause?: Error };
  return err.cause?.message && !err.message.includes(err.cause.message) ? `${err.message}: ${err.cause.message}` : err.message;
}

function retryAfterSeconds(res: TransportResponse): number | undefined {
  const header = res.headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** 100ms, 200ms, 400ms, ... with jitter so that many clients do not retry in lockstep. */
function backoffMs(attempt: number): number {
  return 100 * 2 ** attempt * (0.5 + Math.random() / 2);
}
