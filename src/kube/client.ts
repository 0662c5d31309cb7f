// The Kubernetes client every other layer uses: verbs on any kind by apiVersion+kind, bodies sent and
// returned as raw JSON (no field is ever dropped), errors typed and worded for humans.
import type { ConnectionConfig, Impersonation } from './connection.ts';
import { Discovery } from './discovery.ts';
import { errorFromStatus, statusFromResponse, type RequestContext } from './errors.ts';
import { loadInClusterConfig } from './in-cluster.ts';
import { loadKubeconfig } from './kubeconfig.ts';
import { describeCollection, describeObject, queryString, resourcePath } from './paths.ts';
import { Transport, type TransportOptions } from './transport.ts';
import type { KubeList, KubeObject, ListScope, ObjectRef, ResourceMapping, WatchEvent, WriteOptions } from './types.ts';
import { readWatchEvents } from './watch.ts';

export interface ClientOptions {
  qps?: number;
  burst?: number;
  userAgent?: string;
}

export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: boolean;
  subresource?: string;
}

export interface WatchOptions extends ListScope {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /**
   * Streaming list: the server first sends every current object as ADDED, then a BOOKMARK annotated
   * `k8s.io/initial-events-end: "true"`, then changes (implies bookmarks; resourceVersion is a lower bound).
   */
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface RawRequestOptions {
  body?: unknown;
  contentType?: string;
  /** default application/json */
  accept?: string;
  query?: Record<string, string>;
  signal?: AbortSignal;
}

export type PatchType = 'merge' | 'json' | 'strategic';

/** How long past its own timeoutSeconds a silent watch may stay open before we call the connection dead. */
const watchGraceSeconds = 30;

const patchContentTypes: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

interface CallOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

export class KubeClient {
  readonly server: string;
  /** The kubeconfig context's (or service account's) namespace, for callers that want a default. */
  readonly defaultNamespace: string;
  readonly #transport: Transport;
  readonly #discovery: Discovery;
  readonly #headers: Record<string, string | string[]>;

  private constructor(transport: Transport, discovery: Discovery | undefined, headers: Record<string, string | string[]>) {
    this.#transport = transport;
    this.server = transport.server;
    this.defaultNamespace = transport.connection.namespace;
    this.#headers = headers;
    // Discovery always runs as the configured identity, never an impersonated one (which may not be
    // allowed to read it), so impersonated clients share the root client's cache.
    this.#discovery = discovery ?? new Discovery((path, accept) => this.#call(`discovering ${path}`, 'GET', path, { accept }), this.server);
  }

  /** path default: $KUBECONFIG or ~/.kube/config; without any kubeconfig, the in-cluster service account. */
  static async fromKubeconfig(opts: { path?: string; context?: string } & ClientOptions = {}): Promise<KubeClient> {
    const connection = (await loadKubeconfig({ path: opts.path, context: opts.context })) ?? (await loadInClusterConfig());
    return KubeClient.fromConnection(connection, opts);
  }

  static async inCluster(opts: ClientOptions = {}): Promise<KubeClient> {
    return KubeClient.fromConnection(await loadInClusterConfig(), opts);
  }

  static fromConnection(connection: ConnectionConfig, opts: ClientOptions = {}): KubeClient {
    const transportOptions: TransportOptions = { qps: opts.qps, burst: opts.burst, userAgent: opts.userAgent };
    const imp = connection.impersonate;
    return new KubeClient(new Transport(connection, transportOptions), undefined, imp ? impersonationHeaders(imp) : {});
  }

  /** A client acting as another user (Impersonate-User/Group), sharing connections, rate limit and discovery. */
  impersonate(user: string, groups: string[] = []): KubeClient {
    return new KubeClient(this.#transport, this.#discovery, impersonationHeaders({ user, groups }));
  }

  mapping(apiVersion: string, kind: string): Promise<ResourceMapping> {
    return this.#discovery.mapping(apiVersion, kind);
  }

  async get<T extends KubeObject>(ref: ObjectRef): Promise<T> {
    const { action, path } = await this.#locate('getting', ref);
    return (await this.#call(action, 'GET', path)) as T;
  }

  /** Follows `continue` tokens; returns every item, each with apiVersion and kind filled in. */
  async list<T extends KubeObject>(apiVersion: string, kind: string, scope: ListScope & { limit?: number } = {}): Promise<KubeList<T>> {
    const m = await this.mapping(apiVersion, kind);
    const path = resourcePath(m, { namespace: scope.namespace });
    const action = `listing ${describeCollection(m, apiVersion, kind, scope.namespace)}`;
    const items: T[] = [];
    let page: KubeList<T>;
    let continueToken: string | undefined;
    do {
      page = (await this.#call(action, 'GET', path, {
        query: {
          labelSelector: scope.labelSelector,
          fieldSelector: scope.fieldSelector,
          limit: scope.limit ? String(scope.limit) : undefined,
          continue: continueToken,
        },
      })) as KubeList<T>;
      // Items of built-in lists come without apiVersion/kind; callers should not have to know that.
      for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind });
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return { apiVersion: page.apiVersion, kind: page.kind, metadata: { resourceVersion: page.metadata?.resourceVersion }, items };
  }

  async create<T extends KubeObject>(obj: T, opts: WriteOptions = {}): Promise<T> {
    const m = await this.mapping(obj.apiVersion, obj.kind);
    const name = obj.metadata?.name ?? `${obj.metadata?.generateName ?? ''}*`;
    const namespace = this.#namespaceFor(m, 'creating', { ...obj, name, namespace: obj.metadata?.namespace });
    const action = `creating ${describeObject(obj.apiVersion, obj.kind, name, namespace)}`;
    return (await this.#call(action, 'POST', resourcePath(m, { namespace }), { body: obj, query: writeQuery(opts) })) as T;
  }

  async update<T extends KubeObject>(obj: T, opts: WriteOptions & { subresource?: string } = {}): Promise<T> {
    const { action, path } = await this.#locate('updating', refOf(obj), opts.subresource);
    return (await this.#call(action, 'PUT', path, { body: obj, query: writeQuery(opts) })) as T;
  }

  async patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    type: PatchType,
    opts: WriteOptions & { subresource?: string } = {},
  ): Promise<T> {
    const { action, path } = await this.#locate('patching', ref, opts.subresource);
    return (await this.#call(action, 'PATCH', path, { body: patch, contentType: patchContentTypes[type], query: writeQuery(opts) })) as T;
  }

  /** Server-side apply: the object is the caller's full intent for the fields `fieldManager` owns. */
  async apply<T extends KubeObject>(obj: KubeObject, opts: ApplyOptions): Promise<T> {
    const { action, path } = await this.#locate('applying', refOf(obj), opts.subresource);
    return (await this.#call(action, 'PATCH', path, {
      body: obj,
      contentType: 'application/apply-patch+yaml', // JSON is YAML
      query: { ...writeQuery(opts), force: opts.force ? 'true' : undefined },
    })) as T;
  }

  /** NotFound is thrown: whether a missing object is fine is the caller's decision. */
  async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<void> {
    const { action, path } = await this.#locate('deleting', ref);
    const body = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: opts.propagationPolicy,
      gracePeriodSeconds: opts.gracePeriodSeconds,
      preconditions: opts.preconditions,
      dryRun: opts.dryRun ? ['All'] : undefined,
    };
    await this.#call(action, 'DELETE', path, { body });
  }

  /**
   * One watch request: yields events until the server ends it or `signal` aborts. ERROR events are
   * thrown as typed errors (410 → GoneError). Reconnecting and relisting is the caller's job.
   */
  async *watch<T extends KubeObject>(apiVersion: string, kind: string, opts: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    const m = await this.mapping(apiVersion, kind);
    const path = resourcePath(m, { namespace: opts.namespace });
    const context: RequestContext = {
      action: `watching ${describeCollection(m, apiVersion, kind, opts.namespace)}`,
      method: 'GET',
      path,
    };
    const query = queryString({
      watch: '1',
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowWatchBookmarks || opts.sendInitialEvents ? 'true' : undefined,
      sendInitialEvents: opts.sendInitialEvents ? 'true' : undefined,
      resourceVersionMatch: opts.sendInitialEvents ? 'NotOlderThan' : undefined,
      timeoutSeconds: opts.timeoutSeconds !== undefined ? String(opts.timeoutSeconds) : undefined,
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
    });
    let res;
    try {
      res = await this.#transport.send({
        action: context.action,
        method: 'GET',
        path: path + query,
        headers: { ...this.#headers, accept: 'application/json' },
        signal: opts.signal,
        idleTimeoutMs: opts.timeoutSeconds !== undefined ? (opts.timeoutSeconds + watchGraceSeconds) * 1000 : 0,
      });
    } catch (e) {
      if (opts.signal?.aborted) return;
      throw e;
    }
    if (res.statusCode >= 300) throw errorFromStatus(statusFromResponse(res.statusCode, await res.body.text()), context);
    yield* readWatchEvents<T>(res.body, context, opts.signal);
  }

  /** A raw request (`/version`, `/readyz`, an aggregated API): JSON answers are parsed, others returned as text. */
  request(method: string, path: string, opts: RawRequestOptions = {}): Promise<unknown> {
    return this.#call(`${method} ${path}`, method, path, opts);
  }

  /** Closes pooled connections (impersonated clients share them: close the root client once). */
  close(): Promise<void> {
    return this.#transport.close();
  }

  async #locate(verb: string, ref: ObjectRef, subresource?: string): Promise<{ action: string; path: string }> {
    const m = await this.mapping(ref.apiVersion, ref.kind);
    const namespace = this.#namespaceFor(m, verb, ref);
    const action = `${verb} ${describeObject(ref.apiVersion, ref.kind, ref.name, namespace)}${subresource ? ` ${subresource}` : ''}`;
    if (!ref.name) throw new Error(`${action}: the object has no name`);
    return { action, path: resourcePath(m, { namespace, name: ref.name, subresource }) };
  }

  /** Namespaced kinds need an explicit namespace: silently defaulting one has put objects in the wrong place. */
  #namespaceFor(m: ResourceMapping, verb: string, ref: ObjectRef): string | undefined {
    if (!m.namespaced) return undefined;
    if (!ref.namespace) {
      throw new Error(`${verb} ${describeObject(ref.apiVersion, ref.kind, ref.name)}: ${ref.kind} is namespaced but no namespace was given`);
    }
    return ref.namespace;
  }

  async #call(action: string, method: string, path: string, opts: CallOptions = {}): Promise<unknown> {
    const headers: Record<string, string | string[]> = { ...this.#headers, accept: opts.accept ?? 'application/json' };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] = opts.contentType ?? 'application/json';
    }
    const res = await this.#transport.send({ action, method, path: path + queryString(opts.query ?? {}), headers, body, signal: opts.signal });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw errorFromStatus(statusFromResponse(res.statusCode, text), { action, method, path });
    const contentType = String(res.headers['content-type'] ?? '');
    if (!contentType.includes('json')) return text;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new Error(`${action}: the apiserver answered with invalid JSON: ${text.slice(0, 200)}`, { cause: e });
    }
  }
}

function refOf(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name ?? '', namespace: obj.metadata?.namespace };
}

function writeQuery(opts: { dryRun?: boolean; fieldManager?: string }): Record<string, string | undefined> {
  return { dryRun: opts.dryRun ? 'All' : undefined, fieldManager: opts.fieldManager };
}

function impersonationHeaders(as: Impersonation): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { 'impersonate-user': as.user };
  if (as.groups.length > 0) headers['impersonate-group'] = as.groups;
  if (as.uid) headers['impersonate-uid'] = as.uid;
  for (const [key, values] of Object.entries(as.extra ?? {})) {
    if (values.length > 0) headers[`impersonate-extra-${headerKeyEscape(key)}`] = values;
  }
  return headers;
}

/** Extra keys (`example.com/scopes`) are percent-encoded where a header name cannot carry them, as client-go does. */
function headerKeyEscape(key: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(key)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9!#$&'*+\-.^_`|~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
