// The reflector's store: an in-memory copy of every object of one kind (within a namespace and label
// selector scope), kept current by the watcher, shared by every controller of the process that reads
// that kind. Controllers read from here instead of the apiserver and subscribe to its changes.
import type { KubeClient } from '../kube/index.ts';
import type { KubeObject, ListScope } from '../kube/types.ts';
import type { Logger } from './logger.ts';
import { watchObjects } from './watcher.ts';

/** "namespace/name", or "name" for cluster-scoped objects: the work queue key of an object. */
export function objectKey(obj: { metadata: { name?: string; namespace?: string } }): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : (obj.metadata.name ?? '');
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export type CacheEvent<T extends KubeObject> =
  | { type: 'added'; object: T }
  | { type: 'updated'; object: T; old: T }
  | { type: 'deleted'; object: T };

/** Maps an object to the index values it is found under (e.g. its sourceRef "GitRepository/ns/name"). */
export type IndexFunction<T extends KubeObject> = (obj: T) => string[];

export interface InformerScope extends ListScope {
  apiVersion: string;
  kind: string;
}

export class Informer<T extends KubeObject = KubeObject> {
  readonly scope: InformerScope;
  readonly #client: KubeClient;
  readonly #logger: Logger;
  readonly #objects = new Map<string, T>();
  readonly #indexFunctions = new Map<string, IndexFunction<T>>();
  // index name → index value → keys
  readonly #indexes = new Map<string, Map<string, Set<string>>>();
  readonly #handlers = new Set<(event: CacheEvent<T>) => void>();
  #synced = false;
  #syncWaiters: (() => void)[] = [];
  #running: Promise<void> | undefined;

  constructor(client: KubeClient, scope: InformerScope, logger: Logger) {
    this.#client = client;
    this.scope = scope;
    this.#logger = logger;
  }

  /** True once the first full list has been loaded. */
  get hasSynced(): boolean {
    return this.#synced;
  }

  waitForSync(signal?: AbortSignal): Promise<void> {
    if (this.#synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#syncWaiters.push(resolve);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  get(key: string): T | undefined {
    return this.#objects.get(key);
  }

  list(namespace?: string): T[] {
    const all = [...this.#objects.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  get size(): number {
    return this.#objects.size;
  }

  addIndex(name: string, fn: IndexFunction<T>): void {
    if (this.#indexFunctions.has(name)) return; // shared informers get the same index from several controllers
    this.#indexFunctions.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.#indexes.set(name, index);
    for (const [key, obj] of this.#objects) for (const value of fn(obj)) addToIndex(index, value, key);
  }

  /** Objects found under `value` in index `name`. */
  byIndex(name: string, value: string): T[] {
    const index = this.#indexes.get(name);
    if (!index) throw new Error(`no index "${name}" on the ${this.scope.kind} cache`);
    return [...(index.get(value) ?? [])].map((key) => this.#objects.get(key)!).filter(Boolean);
  }

  /** Calls `handler` for every change from now on; returns the unsubscribe function. */
  subscribe(handler: (event: CacheEvent<T>) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** Starts the list+watch loop (once); resolves when `signal` aborts. */
  run(signal: AbortSignal): Promise<void> {
    this.#running ??= this.#consume(signal);
    return this.#running;
  }

  async #consume(signal: AbortSignal): Promise<void> {
    const { apiVersion, kind, namespace, labelSelector, fieldSelector } = this.scope;
    const events = watchObjects<T>(this.#client, apiVersion, kind, { namespace, labelSelector, fieldSelector, signal, logger: this.#logger });
    for await (const event of events) {
      if (event.type === 'init') this.#replace(event.objects);
      else if (event.type === 'apply') this.#apply(event.object);
      else this.#delete(event.object);
    }
  }

  /** A relist: emits what changed while we were not watching, including deletions we missed. */
  #replace(objects: T[]): void {
    const seen = new Set<string>();
    for (const obj of objects) {
      seen.add(objectKey(obj));
      this.#apply(obj);
    }
    for (const [key, obj] of [...this.#objects]) if (!seen.has(key)) this.#delete(obj);
    if (!this.#synced) {
      this.#synced = true;
      for (const wake of this.#syncWaiters.splice(0)) wake();
    }
  }

  #apply(obj: T): void {
    // Nothing reads managedFields from the cache, and they are often the largest part of an object
    // (Flux's controllers strip them from their caches too).
    delete obj.metadata.managedFields;
    const key = objectKey(obj);
    const old = this.#objects.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.#objects.set(key, obj);
    this.#reindex(key, old, obj);
    this.#emit(old ? { type: 'updated', object: obj, old } : { type: 'added', object: obj });
  }

  #delete(obj: T): void {
    const key = objectKey(obj);
    const old = this.#objects.get(key);
    if (!old) return;
    this.#objects.delete(key);
    this.#reindex(key, old, undefined);
    this.#emit({ type: 'deleted', object: obj });
  }

  #reindex(key: string, old: T | undefined, obj: T | undefined): void {
    for (const [name, fn] of this.#indexFunctions) {
      const index = this.#indexes.get(name)!;
      if (old) for (const value of fn(old)) index.get(value)?.delete(key);
      if (obj) for (const value of fn(obj)) addToIndex(index, value, key);
    }
  }

  #emit(event: CacheEvent<T>): void {
    for (const handler of this.#handlers) {
      try {
        handler(event);
      } catch (error) {
        this.#logger.error('cache event handler failed', error, { kind: this.scope.kind, name: event.object.metadata.name });
      }
    }
  }
}

function addToIndex(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value);
  if (!keys) index.set(value, (keys = new Set()));
  keys.add(key);
}

/**
 * The informers of one process, one per kind and scope, so controllers watching the same kind share a
 * single watch and a single copy of the objects.
 */
export class SharedCache {
  readonly #client: KubeClient;
  readonly #logger: Logger;
  readonly #informers = new Map<string, Informer>();
  #signal: AbortSignal | undefined;
  readonly #running: Promise<void>[] = [];

  constructor(client: KubeClient, logger: Logger) {
    this.#client = client;
    this.#logger = logger;
  }

  informer<T extends KubeObject>(scope: InformerScope): Informer<T> {
    const id = JSON.stringify([scope.apiVersion, scope.kind, scope.namespace ?? '', scope.labelSelector ?? '', scope.fieldSelector ?? '']);
    let informer = this.#informers.get(id);
    if (!informer) {
      informer = new Informer(this.#client, scope, this.#logger.with({ kind: scope.kind }));
      this.#informers.set(id, informer);
      if (this.#signal) this.#running.push(informer.run(this.#signal));
    }
    return informer as unknown as Informer<T>;
  }

  /** Starts every informer, including ones asked for later. */
  start(signal: AbortSignal): void {
    this.#signal = signal;
    for (const informer of this.#informers.values()) this.#running.push(informer.run(signal));
  }

  get hasSynced(): boolean {
    return [...this.#informers.values()].every((i) => i.hasSynced);
  }

  async waitForSync(signal?: AbortSignal): Promise<void> {
    await Promise.all([...this.#informers.values()].map((i) => i.waitForSync(signal)));
  }

  /** Resolves once every informer loop has ended (after the start signal aborted). */
  async stopped(): Promise<void> {
    await Promise.allSettled(this.#running);
  }
}
