// The Kustomization controller: wires reconcile.ts and finalize.ts into the controller runtime. A new
// source revision re-queues the Kustomizations using that source and cancels their running health
// checks (upstream's CancelHealthCheckOnNewRevision).
import { KustomizationKind, type Kustomization } from '../../api/kustomize/kustomization.ts';
import type { KubeObject } from '../../kube/index.ts';
import { objectKey } from '../../runtime/cache.ts';
import { defineController, type ControllerDefinition, type WatchSpec } from '../../runtime/controller.ts';
import { finalizeKustomization } from './finalize.ts';
import { NewRevisionError, reconcileKustomization, type KustomizeControllerOptions } from './reconcile.ts';
import { sourceRefOf, WatchedSourceKinds, type SourceObject } from './source.ts';

const SOURCE_INDEX = 'sourceRef';
const CONFIG_INDEX = 'configRef';

const sourceKey = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;
const revisionOf = (obj: KubeObject) => (obj as SourceObject).status?.artifact?.revision;

export function kustomizationController(opts: KustomizeControllerOptions): ControllerDefinition<Kustomization> {
  /** Reconciles in flight: the revision they work on, and how to cancel them. */
  const running = new Map<string, { revision: string | undefined; abort: AbortController }>();

  const sourceWatch = (kind: string): WatchSpec<Kustomization> => ({
    kind: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind },
    // Like upstream's predicate: only a new artifact revision matters, not every status write.
    changed: (old, updated) => revisionOf(old) !== revisionOf(updated),
    toKeys: (changed, primary) => {
      const revision = revisionOf(changed);
      const keys = primary.byIndex(SOURCE_INDEX, sourceKey(kind, changed.metadata.namespace!, changed.metadata.name!)).map((o) => objectKey(o));
      for (const key of keys) {
        const inFlight = running.get(key);
        if (inFlight && revision && inFlight.revision && inFlight.revision !== revision) {
          inFlight.abort.abort(new NewRevisionError(`New revision detected ${revision}`));
        }
      }
      return keys;
    },
  });

  // ConfigMaps and Secrets labelled for watching (substituteFrom, decryption keys, remote cluster
  // kubeconfigs) trigger a reconcile.
  const configWatch = (kind: 'ConfigMap' | 'Secret'): WatchSpec<Kustomization> => ({
    kind: { apiVersion: 'v1', kind },
    labelSelector: opts.watchConfigsLabelSelector,
    toKeys: (changed, primary) => primary.byIndex(CONFIG_INDEX, sourceKey(kind, changed.metadata.namespace!, changed.metadata.name!)).map((o) => objectKey(o)),
  });

  return defineController<Kustomization>({
    kind: { apiVersion: KustomizationKind.apiVersion, kind: KustomizationKind.kind },
    indexes: {
      [SOURCE_INDEX]: (ks) => {
        const ref = sourceRefOf(ks);
        return [sourceKey(ref.kind, ref.namespace, ref.name)];
      },
      [CONFIG_INDEX]: (ks) => {
        const ns = ks.metadata.namespace!;
        const refs = (ks.spec.postBuild?.substituteFrom ?? []).map((r) => sourceKey(r.kind, ns, r.name));
        if (ks.spec.decryption?.secretRef) refs.push(sourceKey('Secret', ns, ks.spec.decryption.secretRef.name));
        const kubeConfig = ks.spec.kubeConfig;
        if (kubeConfig?.secretRef) refs.push(sourceKey('Secret', ns, kubeConfig.secretRef.name));
        if (kubeConfig?.configMapRef) refs.push(sourceKey('ConfigMap', ns, kubeConfig.configMapRef.name));
        return refs;
      },
    },
    // Only the kinds whose CRDs exist are watched; ExternalArtifact is optional in the install.
    watches: [
      ...WatchedSourceKinds.map(sourceWatch),
      ...(opts.watchConfigsLabelSelector ? [configWatch('ConfigMap'), configWatch('Secret')] : []),
    ],
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
