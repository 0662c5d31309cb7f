// What a controller is: the kind it reconciles, the other kinds whose changes map to its objects, and
// the reconcile/finalize functions. The manager (manager.ts) runs definitions; reconcile-loop.ts applies
// the Flux conventions around each call.
import { FluxFinalizer } from '../api/meta/annotations.ts';
import type { KubeClient } from '../kube/index.ts';
import type { KubeObject } from '../kube/types.ts';
import type { Informer, IndexFunction } from './cache.ts';
import type { EventType } from './events.ts';
import type { Logger } from './logger.ts';

export interface KindRef {
  apiVersion: string;
  kind: string;
}

/** Read access to the shared caches: objects of any kind the process watches. */
export interface CacheReader {
  /** The cache of `kind`, started on first use (may not have synced yet). */
  informer<U extends KubeObject>(kind: KindRef): Informer<U>;
  /** The cache of `kind` once it holds the full list (use for kinds not declared in `watches`). */
  synced<U extends KubeObject>(kind: KindRef): Promise<Informer<U>>;
}

/** A secondary kind whose changes affect primary objects (a source for a Kustomization). */
export interface WatchSpec<T extends KubeObject> {
  kind: KindRef;
  /** The keys ("namespace/name") of the primary objects affected by a change of `obj`. */
  toKeys: (obj: KubeObject, primary: Informer<T>) => string[];
  /**
   * Whether an update matters (default: any change). E.g. a Kustomization cares only about its
   * source's artifact revision, not every status write of the source.
   */
  changed?: (old: KubeObject, updated: KubeObject) => boolean;
  /** Watch only labelled objects, e.g. `reconcile.fluxcd.io/watch=Enabled` for Secrets and ConfigMaps. */
  labelSelector?: string;
}

export interface ReconcileContext {
  client: KubeClient;
  cache: CacheReader;
  /** Already carries controller, name, namespace and reconcileID. */
  log: Logger;
  reconcileID: string;
  /** Aborted when the manager shuts down: long operations should stop early. */
  signal: AbortSignal;
  /** The controller's field manager for server-side apply (e.g. `kustomize-controller`). */
  fieldManager: string;
  /** Records a Kubernetes Event on the object (and forwards it to notification-controller). */
  event(type: EventType, reason: string, message: string, metadata?: Record<string, string>): Promise<void>;
  /**
   * Writes the status now (progress reports during a long reconcile, e.g. Reconciling=True); the final
   * status is written anyway. Pass the FULL status: it is server-side applied, so fields this
   * controller wrote before and leaves out are removed.
   */
  patchStatus(status: unknown): Promise<void>;
}

export interface ReconcileResult {
  /** The full status to store; defaults to the status of the object handed to reconcile (mutated in place). */
  status?: unknown;
  /** Reconcile again after this many ms (the object's .spec.interval). */
  requeueAfterMs?: number;
}

export interface ControllerDefinition<T extends KubeObject = KubeObject> {
  /** The controller name in logs and metrics (Flux: the lowercased kind, e.g. "kustomization"). */
  name: string;
  kind: KindRef;
  /** Watches of other kinds mapped to keys of this one. */
  watches: WatchSpec<T>[];
  /** Indexes on the primary cache, used by `toKeys` (e.g. by source reference). */
  indexes: Record<string, IndexFunction<T>>;
  /**
   * 'flux' (default): finalizer, suspend, reconcile requests, conditions and status written by the
   * runtime. 'none': reconcile is called as-is (for kinds without a Flux status, e.g. ConfigMaps).
   */
  conventions: 'flux' | 'none';
  /** Whether an update of a primary object calls for a reconcile (default: spec, request or deletion changed). */
  needsReconcile?: (old: T, updated: T) => boolean;
  /** The finalizer guarding `finalize` (default `finalizers.fluxcd.io`). */
  finalizer: string;
  reconcile(obj: T, ctx: ReconcileContext): Promise<ReconcileResult | void>;
  /** Cleanup before the object goes away; the finalizer is only added when this is defined. */
  finalize?(obj: T, ctx: ReconcileContext): Promise<void>;
}

export type ControllerSpec<T extends KubeObject> = Pick<ControllerDefinition<T>, 'kind' | 'reconcile'> &
  Partial<Omit<ControllerDefinition<T>, 'kind' | 'reconcile'>>;

export function defineController<T extends KubeObject>(spec: ControllerSpec<T>): ControllerDefinition<T> {
  if (!spec.kind.apiVersion || !spec.kind.kind) throw new Error('defineController: kind needs apiVersion and kind');
  return {
    name: spec.name ?? spec.kind.kind.toLowerCase(),
    watches: [],
    indexes: {},
    conventions: 'flux',
    finalizer: FluxFinalizer,
    ...spec,
  };
}

/** A spec that can never work as written: not retried until the object's generation changes. */
export class StalledError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'StalledError';
    this.reason = reason;
  }
}

/** A transient failure with a Flux reason for the Ready condition (plain errors get ReconciliationFailed). */
export class ReconcileError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReconcileError';
    this.reason = reason;
  }
}
