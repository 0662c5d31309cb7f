// One running controller: cache events become queue keys, workers turn keys into reconcile calls, and
// the Flux conventions are applied around each call (finalizer, suspend, reconcile requests,
// conditions on failure, status write, events, metrics).
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { KubeClient } from '../kube/index.ts';
import type { KubeObject } from '../kube/types.ts';
import { objectKey, splitKey, type Informer, type SharedCache } from './cache.ts';
import { ReadyCondition, ReconciliationFailedReason } from '../api/meta/conditions.ts';
import { getCondition, markRetrying, markStalled, type ObjectWithStatus } from './conditions.ts';
import {
  ReconcileError,
  StalledError,
  type ControllerDefinition,
  type KindRef,
  type ReconcileContext,
  type ReconcileResult,
} from './controller.ts';
import type { EventRecorder } from './events.ts';
import { hasFinalizer, isBeingDeleted, isSuspended, needsReconcile, reconcileRequest } from './flux-object.ts';
import type { Logger } from './logger.ts';
import type { RuntimeMetrics } from './metrics.ts';
import { addFinalizer, applyStatus, removeFinalizer } from './patch.ts';
import { runWorkers, WorkQueue } from './queue.ts';
import type { RetryLimiterOptions } from './retry-limiter.ts';
import { RetryLimiter } from './retry-limiter.ts';

export interface RunnerDeps {
  client: KubeClient;
  cache: SharedCache;
  logger: Logger;
  metrics: RuntimeMetrics;
  events: EventRecorder;
  /** Field manager and reporting controller, e.g. `kustomize-controller`. */
  fieldManager: string;
  /** Namespace scope of every watch (undefined: all namespaces). */
  namespace?: string;
  /** Label selector for the primary kind (sharding). */
  labelSelector?: string;
  concurrent: number;
  retry?: RetryLimiterOptions;
  /** Spreads interval requeues by ± this percentage so objects created together do not reconcile in lockstep. */
  intervalJitterPercent?: number;
}

/** interval ± percent, as Flux's --interval-jitter-percentage does for `.spec.interval` requeues. */
export function jitter(ms: number, percent: number, random: () => number = Math.random): number {
  return ms * (1 + ((random() * 2 - 1) * percent) / 100);
}

function groupOf(kind: KindRef): { group: string; version: string } {
  const slash = kind.apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: kind.apiVersion } : { group: kind.apiVersion.slice(0, slash), version: kind.apiVersion.slice(slash + 1) };
}

export class ControllerRunner<T extends KubeObject = KubeObject> {
  readonly definition: ControllerDefinition<T>;
  readonly queue: WorkQueue;
  readonly primary: Informer<T>;
  readonly #deps: RunnerDeps;
  readonly #log: Logger;
  #stopping = new AbortController();
  /** The status a reconcile's progress report last stored, by its context. */
  readonly #progressWritten = new WeakMap<ReconcileContext, unknown>();

  constructor(definition: ControllerDefinition<T>, deps: RunnerDeps) {
    this.definition = definition;
    this.#deps = deps;
    const { group } = groupOf(definition.kind);
    this.#log = deps.logger.with({ controller: definition.name, controllerGroup: group, controllerKind: definition.kind.kind });
    this.queue = new WorkQueue({
      name: definition.name,
      limiter: new RetryLimiter(deps.retry),
      observer: deps.metrics.queueObserver(definition.name),
    });
    deps.metrics.trackQueue(this.queue);
    this.primary = deps.cache.informer<T>({ ...definition.kind, namespace: deps.namespace, labelSelector: deps.labelSelector });
    for (const [name, fn] of Object.entries(definition.indexes)) this.primary.addIndex(name, fn);
    this.#wireEvents();
  }

  #wireEvents(): void {
    const changed = this.definition.needsReconcile ?? needsReconcile;
    this.primary.subscribe((event) => {
      if (event.type === 'updated' && !changed(event.old, event.object)) return;
      this.queue.add(objectKey(event.object));
    });
    for (const watch of this.definition.watches) {
      const informer = this.#deps.cache.informer({ ...watch.kind, namespace: this.#deps.namespace, labelSelector: watch.labelSelector });
      informer.subscribe((event) => {
        if (event.type === 'updated' && watch.changed && !watch.changed(event.old, event.object)) return;
        for (const key of watch.toKeys(event.object, this.primary)) this.queue.add(key);
      });
    }
  }

  /** Runs the workers until stop(); resolves when in-flight reconciles have finished. */
  async run(): Promise<void> {
    const { name } = this.definition;
    this.#deps.metrics.controllerStarted(name, this.#deps.concurrent);
    this.#log.info('Starting workers', { 'worker count': this.#deps.concurrent });
    await runWorkers(this.queue, this.#deps.concurrent, (key) => this.#process(key), (key, error) => {
      this.#log.error('reconcile crashed', error, { key });
    });
    this.#log.info('All workers finished');
  }

  /** Stops handing out keys and tells running reconciles to wrap up. */
  stop(): void {
    this.#stopping.abort(new Error('controller is shutting down'));
    this.queue.shutDown();
  }

  async #process(key: string): Promise<void> {
    const { name, kind } = this.definition;
    const obj = this.primary.get(key);
    const { namespace = '', name: objName } = splitKey(key);
    if (!obj) {
      // Deleted: nothing to reconcile, and its per-object series go away as in Flux.
      this.queue.forget(key);
      this.#deps.metrics.objectDeleted(kind.kind, namespace, objName);
      return;
    }
    const reconcileID = randomUUID();
    const log = this.#log.with({ name: objName, namespace, reconcileID });
    const started = performance.now();
    this.#deps.metrics.workerBusy(name, 1);
    let result: 'success' | 'error' | 'requeue_after' = 'success';
    try {
      const outcome = await this.#reconcileWithConventions(obj, this.#context(obj, log, reconcileID));
      this.queue.forget(key);
      if (outcome.requeueAfterMs && outcome.requeueAfterMs > 0) {
        this.queue.addAfter(key, jitter(outcome.requeueAfterMs, this.#deps.intervalJitterPercent ?? 0));
        result = 'requeue_after';
      }
    } catch (error) {
      result = 'error';
      if (error instanceof StalledError) {
        this.queue.forget(key); // waits for the next spec change
        log.error('Reconciliation stalled', error);
      } else {
        this.queue.addRateLimited(key);
        log.error('Reconciler error', error);
      }
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.#deps.metrics.workerBusy(name, -1);
      this.#deps.metrics.reconciled(name, result, seconds);
      this.#deps.metrics.objectReconciled(kind.kind, namespace, objName, seconds);
    }
  }

  #context(obj: T, log: Logger, reconcileID: string): ReconcileContext {
    const { client, cache, events, fieldManager } = this.#deps;
    const ctx: ReconcileContext = {
      client,
      cache: {
        informer: (kind) => cache.informer({ ...kind, namespace: this.#deps.namespace }),
        synced: async <U extends KubeObject>(kind: KindRef) => {
          const informer = cache.informer<U>({ ...kind, namespace: this.#deps.namespace });
          await informer.waitForSync(this.#stopping.signal);
          return informer;
        },
      },
      log,
      reconcileID,
      signal: this.#stopping.signal,
      fieldManager,
      event: (type, reason, message, metadata) => events.record(obj, { type, reason, message, metadata }),
      patchStatus: async (status) => {
        const snapshot = structuredClone(status);
        await applyStatus(client, obj, snapshot, fieldManager);
        this.#progressWritten.set(ctx, snapshot);
      },
    };
    return ctx;
  }

  async #reconcileWithConventions(obj: T, ctx: ReconcileContext): Promise<ReconcileResult> {
    const def = this.definition;
    if (def.conventions === 'none') {
      if (isBeingDeleted(obj) && def.finalize) {
        await def.finalize(obj, ctx);
        return {};
      }
      return (await def.reconcile(structuredClone(obj), ctx)) ?? {};
    }

    if (isBeingDeleted(obj)) {
      if (def.finalize && hasFinalizer(obj, def.finalizer)) {
        await def.finalize(obj, ctx);
        await removeFinalizer(ctx.client, obj, def.finalizer);
        ctx.log.info('finalizer removed');
      }
      return {};
    }
    let current = obj;
    if (def.finalize && !hasFinalizer(obj, def.finalizer)) {
      const updated = await addFinalizer(ctx.client, obj, def.finalizer);
      if (!updated) return {}; // deleted meanwhile
      current = updated;
    }
    if (isSuspended(current)) {
      ctx.log.info('Reconciliation is suspended for this object');
      this.#recordResourceInfo(current);
      return {};
    }

    const working = structuredClone(current) as T & ObjectWithStatus;
    const request = reconcileRequest(current);
    try {
      const outcome = (await def.reconcile(working, ctx)) ?? {};
      const status = (outcome.status ?? working.status ?? {}) as ObjectWithStatus['status'] & object;
      if (request) status.lastHandledReconcileAt = request;
      await this.#writeStatus(current, status, ctx);
      this.#recordResourceInfo({ ...current, status } as T);
      return outcome;
    } catch (error) {
      const reason = error instanceof StalledError || error instanceof ReconcileError ? error.reason : ReconciliationFailedReason;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof StalledError) markStalled(working, reason, message);
      else markRetrying(working, reason, message);
      if (request) working.status!.lastHandledReconcileAt = request;
      try {
        await this.#writeStatus(current, working.status, ctx);
      } catch (statusError) {
        ctx.log.error('failed to write the failure status', statusError);
      }
      this.#recordResourceInfo(working);
      await ctx.event('Warning', reason, message);
      throw error;
    }
  }

  async #writeStatus(original: T, status: unknown, ctx: ReconcileContext): Promise<void> {
    // Events go out while the reconcile goes on; whoever sees the new status can see its events too.
    await this.#deps.events.settled(original);
    // A progress report may have changed the stored status since the reconcile started.
    const stored = this.#progressWritten.has(ctx) ? this.#progressWritten.get(ctx) : (original as ObjectWithStatus).status;
    if (isDeepStrictEqual(stored, status)) return;
    await applyStatus(ctx.client, original, status, ctx.fieldManager);
  }

  #recordResourceInfo(obj: T): void {
    const { group, version } = groupOf(this.definition.kind);
    const ready = getCondition(obj as ObjectWithStatus, ReadyCondition)?.status ?? 'Unknown';
    this.#deps.metrics.setResourceInfo({
      group,
      kind: obj.kind,
      version,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name ?? '',
      ready,
      suspended: String(isSuspended(obj)),
    });
  }
}
