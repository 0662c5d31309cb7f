// The annotations and spec fields every Flux object honours, read in one place so each controller
// treats them the same way.
import { ReconcileRequestAnnotation } from '../api/meta/annotations.ts';
import type { KubeObject } from '../kube/types.ts';

/** The token of `reconcile.fluxcd.io/requestedAt`, if someone asked for a reconcile (`flux reconcile`). */
export function reconcileRequest(obj: KubeObject): string | undefined {
  return obj.metadata.annotations?.[ReconcileRequestAnnotation] || undefined;
}

/** `.spec.suspend: true` stops reconciliation (but not finalization) until it is cleared. */
export function isSuspended(obj: KubeObject): boolean {
  const spec = obj.spec as { suspend?: unknown } | undefined;
  return spec?.suspend === true;
}

export function hasFinalizer(obj: KubeObject, finalizer: string): boolean {
  return obj.metadata.finalizers?.includes(finalizer) ?? false;
}

export function isBeingDeleted(obj: KubeObject): boolean {
  return Boolean(obj.metadata.deletionTimestamp);
}

/**
 * Whether an update of a watched primary object calls for a reconcile: Flux controllers react to spec
 * changes (generation), reconcile requests and deletion, but not to their own status writes, which would
 * otherwise trigger an endless loop. Kinds without a generation (ConfigMap, Secret) react to any change.
 */
export function needsReconcile(old: KubeObject, updated: KubeObject): boolean {
  if (old.metadata.generation === undefined || updated.metadata.generation === undefined) {
    return old.metadata.resourceVersion !== updated.metadata.resourceVersion;
  }
  return (
    old.metadata.generation !== updated.metadata.generation ||
    reconcileRequest(old) !== reconcileRequest(updated) ||
    isBeingDeleted(old) !== isBeingDeleted(updated)
  );
}
