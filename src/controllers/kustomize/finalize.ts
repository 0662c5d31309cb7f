// Deleting a Kustomization: garbage-collect what it applied according to spec.deletionPolicy
// (MirrorPrune follows spec.prune, Delete always, WaitForTermination also waits until the objects are
// gone, Orphan never). A suspended Kustomization leaves everything in place, as upstream.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { isNotFound } from '../../kube/index.ts';
import type { ReconcileContext } from '../../runtime/controller.ts';
import { ReadyCondition } from '../../api/meta/conditions.ts';
import { getCondition } from '../../runtime/conditions.ts';
import { apiVersionOf, deleteObjects, describeChanges, describeId, parseInventoryEntry, type ObjectId } from '../../ssa/index.ts';
import { keepOnPrune } from './policies.ts';
import type { KustomizeControllerOptions } from './reconcile.ts';
import { ownerLabels } from './reconcile.ts';
import { targetClient } from './target-client.ts';
import { timingOf } from './timing.ts';

export async function finalizeKustomization(ks: Kustomization, ctx: ReconcileContext, opts: KustomizeControllerOptions): Promise<void> {
  const policy = ks.spec.deletionPolicy ?? 'MirrorPrune';
  const entries = ks.status?.inventory?.entries ?? [];
  if (ks.spec.suspend || entries.length === 0 || policy === 'Orphan' || (policy === 'MirrorPrune' && !ks.spec.prune)) return;
  const ids = entries.map(parseInventoryEntry);
  const target = await targetClient(ctx.client, ks, opts);
  try {
    const deleted = await deleteObjects(target.client, ids, { ownerLabels: ownerLabels(ks), keep: keepOnPrune });
    const text = describeChanges(deleted);
    if (text) await ctx.event('Normal', 'Progressing', text);
    const marked = deleted.filter((d) => d.action === 'deleted').map((d) => d.id);
    if (policy === 'WaitForTermination' && marked.length > 0) {
      const left = await waitUntilGone(target.client, marked, timingOf(ks).timeoutMs, ctx.signal);
      // As upstream: say so and let the Kustomization go, rather than hold its deletion forever.
      if (left.length > 0) {
        ctx.log.error('failed to wait for resources termination', new Error(`still present: ${left.map(describeId).join(', ')}`));
        await ctx.event('Warning', getCondition(ks, ReadyCondition)?.reason ?? 'error', 'failed to wait for resources termination');
      }
    }
  } finally {
    target.close();
  }
}

/** Polls until the objects are gone or the timeout passes; returns those still there. */
async function waitUntilGone(client: ReconcileContext['client'], ids: ObjectId[], timeoutMs: number, signal: AbortSignal): Promise<ObjectId[]> {
  const deadline = Date.now() + timeoutMs;
  let remaining = ids;
  while (remaining.length > 0) {
    const present = await Promise.all(
      remaining.map((id) =>
        client.get({ apiVersion: apiVersionOf(id), kind: id.kind, name: id.name, namespace: id.namespace || undefined }).then(
          () => true,
          (err: unknown) => (isNotFound(err) ? false : Promise.reject(err)),
        ),
      ),
    );
    remaining = remaining.filter((_, i) => present[i]);
    if (remaining.length === 0 || Date.now() > deadline) return remaining;
    signal.throwIfAborted();
    await new Promise((r) => setTimeout(r, 1000));
  }
  return remaining;
}
