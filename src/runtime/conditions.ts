// Status conditions with kstatus meaning, the way every Flux controller sets them:
// - Ready: True/False/Unknown, always present once reconciled;
// - Reconciling: "abnormal-true", present only while work is in progress (reason Progressing, or
//   ProgressingWithRetry after a failure);
// - Stalled: "abnormal-true", present only when the controller gave up until the spec changes.
// lastTransitionTime moves only when a condition's status flips, so "how long has it been failing" stays
// answerable. Functions mutate the `status` of a working copy, like Go's conditions.Set(obj, ...).
import type { Condition } from '../api/meta/condition.ts';
import {
  ProgressingReason,
  ProgressingWithRetryReason,
  ReadyCondition,
  ReconcilingCondition,
  StalledCondition,
} from '../api/meta/conditions.ts';
import type { KubeObject } from '../kube/types.ts';

export type { Condition };
export type ConditionStatus = Condition['status'];

/** The status fields shared by every Flux kind (fluxcd/pkg apis/meta). */
export interface FluxStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  lastHandledReconcileAt?: string;
  [key: string]: unknown;
}

export interface ObjectWithStatus extends KubeObject {
  status?: FluxStatus;
}

/** Kubernetes serialises metav1.Time with second precision. */
export function conditionTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function getCondition(obj: ObjectWithStatus, type: string): Condition | undefined {
  return obj.status?.conditions?.find((c) => c.type === type);
}

export function isConditionTrue(obj: ObjectWithStatus, type: string): boolean {
  return getCondition(obj, type)?.status === 'True';
}

/**
 * Sets one condition, stamping observedGeneration with the object's generation and keeping the previous
 * lastTransitionTime unless the status changed.
 */
export function setCondition(
  obj: ObjectWithStatus,
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: Date = new Date(),
): void {
  const statusBlock = (obj.status ??= {});
  const conditions = (statusBlock.conditions ??= []);
  const previous = conditions.find((c) => c.type === type);
  const next: Condition = {
    type,
    status,
    observedGeneration: obj.metadata.generation,
    lastTransitionTime: previous && previous.status === status ? previous.lastTransitionTime : conditionTime(now),
    reason,
    message,
  };
  if (next.observedGeneration === undefined) delete next.observedGeneration;
  if (previous) conditions[conditions.indexOf(previous)] = next;
  else conditions.push(next);
  // Flux (like Cluster API) orders Ready first, then by type, so `kubectl get -o yaml` reads the same.
  conditions.sort(conditionOrder);
}

function conditionOrder(a: Condition, b: Condition): number {
  if (a.type === ReadyCondition || b.type === ReadyCondition) return a.type === ReadyCondition ? -1 : b.type === ReadyCondition ? 1 : 0;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

export function removeCondition(obj: ObjectWithStatus, type: string): void {
  const conditions = obj.status?.conditions;
  if (!conditions) return;
  const kept = conditions.filter((c) => c.type !== type);
  obj.status!.conditions = kept;
}

/** Work has started: Reconciling=True, Ready=Unknown (until the outcome is known). */
export function markReconciling(obj: ObjectWithStatus, message = 'reconciliation in progress', now?: Date): void {
  setCondition(obj, ReconcilingCondition, 'True', ProgressingReason, message, now);
  setCondition(obj, ReadyCondition, 'Unknown', ProgressingReason, message, now);
}

/** Success: Ready=True; the generation has been fully handled, so Reconciling and Stalled go. */
export function markReady(obj: ObjectWithStatus, reason: string, message: string, now?: Date): void {
  setCondition(obj, ReadyCondition, 'True', reason, message, now);
  removeCondition(obj, ReconcilingCondition);
  removeCondition(obj, StalledCondition);
  obj.status!.observedGeneration = obj.metadata.generation ?? obj.status!.observedGeneration;
}

/**
 * A failure that may go away by itself (network, a dependency not ready yet): Ready=False. A Reconciling
 * condition the reconcile set (new generation, new revision) is relabelled ProgressingWithRetry, since
 * the controller will try again; as in Flux's controllers, a failure alone does not add one.
 * observedGeneration is left alone: this generation is not handled yet.
 */
export function markRetrying(obj: ObjectWithStatus, reason: string, message: string, now?: Date): void {
  setCondition(obj, ReadyCondition, 'False', reason, message, now);
  if (getCondition(obj, ReconcilingCondition)) setCondition(obj, ReconcilingCondition, 'True', ProgressingWithRetryReason, message, now);
  removeCondition(obj, StalledCondition);
}

/**
 * A spec that can never work as written: Stalled=True, Ready=False. The generation counts as handled
 * (observedGeneration moves) and the controller waits for the next spec change instead of retrying.
 */
export function markStalled(obj: ObjectWithStatus, reason: string, message: string, now?: Date): void {
  setCondition(obj, StalledCondition, 'True', reason, message, now);
  setCondition(obj, ReadyCondition, 'False', reason, message, now);
  removeCondition(obj, ReconcilingCondition);
  obj.status!.observedGeneration = obj.metadata.generation ?? obj.status!.observedGeneration;
}
