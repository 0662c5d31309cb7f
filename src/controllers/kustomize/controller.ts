// The Kustomization controller: wires reconcile.ts and finalize.ts into the controller runtime. A new
// source revision re-queues the Kustomizations using that source and cancels their running health
// checks (upstream's CancelHealthCheckOnNewRevision).
import { KustomizationKind, type Kustomization } from '../../api/kustomize/kustomization.ts';
import { objectKey } from '../../runtime/cache.ts';
import { defineController, type ControllerDefinition, type WatchSpec } from '../../runtime/controller.ts';
import { finalizeKustomization } from './finalize.ts';
import { NewRevisionError, reconcileKustomization, type KustomizeControllerOptions } from './reconcile.ts';
import { sourceRefOf, type SourceObject } from './source.ts';

const SOURCE_INDEX = 'sourceRef';
const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'];

const sourceKey = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

export function kustomizationController(opts: KustomizeControllerOptions): ControllerDefinition<Kustomization> {
  /** Reconciles in flight: the revision they work on, and how to cancel them. */
  const running = new Map<string, { revision: string | undefined; abort: AbortController }>();
  /** The last artifact revision seen per source, so only revision changes re-queue Kustomizations. */
  const seenRevisions = new Map<string, string | undefined>();

  const sourceWatch = (kind: string): WatchSpec<Kustomization> => ({
    kind: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind },
    toKeys: (changed, primary) => {
      const revision = (changed as SourceObject).status?.artifact?.revision;
      const source = sourceKey(kind, changed.metadata.namespace!, changed.metadata.name!);
      // Like upstream's predicate: only a new artifact revision matters, not every status write.
      if (seenRevisions.has(source) && seenRevisions.get(source) === revision) return [];
      seenRevisions.set(source, revision);
      const keys = primary.byIndex(SOURCE_INDEX, source).map((o) => objectKey(o));
      for (const key of keys) {
        const inFlight = running.get(key);
        if (inFlight && revision && inFlight.revision && inFlight.revision !== revision) {
          inFlight.abort.abort(new NewRevisionError(`New revision detected ${revision}`));
        }
      }
      return keys;
    },
  });

  return defineController<Kustomization>({
    kind: { apiVersion: KustomizationKind.apiVersion, kind: KustomizationKind.kind },
    indexes: {
      [SOURCE_INDEX]: (ks) => {
        const ref = sourceRefOf(ks);
        return [sourceKey(ref.kind, ref.namespace, ref.name)];
      },
    },
    // Only the kinds whose CRDs exist are watched; ExternalArtifact is optional in the install.
    watches: SOURCE_KINDS.slice(0, 3).map(sourceWatch),
    async reconcile(ks, ctx) {
      const key = objectKey(ks);
      const abort = new AbortController();
      const entry = { revision: ks.status?.lastAttemptedRevision, abort };
      running.set(key, entry);
      try {
        return await reconcileKustomization(ks, ctx, opts, abort.signal, (revision) => (entry.revision = revision));
      } finally {
        running.delete(key);
      }
    },
    finalize: (ks, ctx) => finalizeKustomization(ks, ctx, opts),
  });
}
