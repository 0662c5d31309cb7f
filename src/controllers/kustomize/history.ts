// status.history (Flux 2.7+): a short record of the desired states a Kustomization reconciled, keyed by
// the digest of the built manifests and the outcome, newest first, so "what changed and when did it
// start failing" stays answerable without reading events.
import { createHash } from 'node:crypto';
import type { History, Snapshot } from '../../api/meta/history.ts';
import { renderYaml, type JsonObject } from '../../engines/kustomize/index.ts';
import type { KubeObject } from '../../kube/index.ts';
import { conditionTime } from '../../runtime/conditions.ts';
import { formatGoDuration } from '../../runtime/duration.ts';

/** Upstream keeps the five most recent snapshots. */
export const HistoryMaxSize = 5;

/** `sha256:<hex>` of the built objects as multi-document YAML (what the controller is about to apply). */
export function manifestsDigest(objects: KubeObject[]): string {
  return `sha256:${createHash('sha256').update(renderYaml(objects as unknown as JsonObject[])).digest('hex')}`;
}

export interface Reconciliation {
  digest: string;
  at: Date;
  durationMs: number;
  /** The Ready reason of the outcome: ReconciliationSucceeded, ReconciliationFailed, PruneFailed, HealthCheckFailed. */
  status: string;
  metadata: Record<string, string>;
}

/**
 * The history with `r` recorded: a snapshot with the same digest and status is updated and moved to the
 * front (its count grows), otherwise a new one goes first and the oldest beyond the limit drop off.
 */
export function recordReconciliation(history: History | undefined, r: Reconciliation): History {
  const at = conditionTime(r.at);
  const duration = formatGoDuration(r.durationMs);
  const list = [...(history ?? [])];
  const i = list.findIndex((s) => s.digest === r.digest && s.lastReconciledStatus === r.status);
  let snapshot: Snapshot;
  if (i >= 0) {
    const [found] = list.splice(i, 1);
    snapshot = { ...found!, lastReconciled: at, lastReconciledDuration: duration, totalReconciliations: found!.totalReconciliations + 1, metadata: r.metadata };
  } else {
    snapshot = { digest: r.digest, firstReconciled: at, lastReconciled: at, lastReconciledDuration: duration, lastReconciledStatus: r.status, totalReconciliations: 1, metadata: r.metadata };
  }
  return [snapshot, ...list].slice(0, HistoryMaxSize);
}
