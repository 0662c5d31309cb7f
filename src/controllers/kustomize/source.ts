// The artifact a Kustomization builds from: its source object (GitRepository, OCIRepository, Bucket,
// ExternalArtifact), with the checks upstream makes before downloading anything.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { ArtifactFailedReason, AccessDeniedReason } from '../../api/meta/conditions.ts';
import { isNotFound, type KubeClient, type KubeObject } from '../../kube/index.ts';
import type { CacheReader } from '../../runtime/controller.ts';

export const SourceApiVersion = 'source.toolkit.fluxcd.io/v1';

export interface SourceArtifact {
  url: string;
  digest: string;
  revision: string;
  metadata?: Record<string, string>;
}

export interface SourceObject extends KubeObject {
  status?: { artifact?: SourceArtifact };
}

/** A source problem with the Ready reason it maps to (ArtifactFailed or AccessDenied). */
export class SourceError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The source exists but has no artifact yet: retried at the dependency requeue interval, as upstream. */
export class ArtifactNotReadyError extends SourceError {}

export interface SourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

export function sourceRefOf(ks: Kustomization): SourceRef {
  const ref = ks.spec.sourceRef;
  return { apiVersion: ref.apiVersion || SourceApiVersion, kind: ref.kind, name: ref.name, namespace: ref.namespace || ks.metadata.namespace! };
}

/** `GitRepository/flux-system/podinfo`, as upstream's CrossNamespaceSourceReference.String(). */
export const describeSourceRef = (ref: SourceRef) => `${ref.kind}/${ref.namespace}/${ref.name}`;

/** The source kinds the controller watches (ExternalArtifact is optional in the install): these are cached. */
export const WatchedSourceKinds = ['GitRepository', 'OCIRepository', 'Bucket'];

function cachedSource(cache: CacheReader, ref: SourceRef): SourceObject | undefined {
  if (ref.apiVersion !== SourceApiVersion || !WatchedSourceKinds.includes(ref.kind)) return undefined;
  return cache.informer<SourceObject>({ apiVersion: ref.apiVersion, kind: ref.kind }).get(`${ref.namespace}/${ref.name}`);
}

/**
 * Reads the source, from the watch cache when it holds it with an artifact (so a thousand
 * Kustomizations of one source cost no request each), else from the API; throws SourceError when it
 * may not be used, does not exist or has no artifact yet.
 */
export async function getSource(
  client: KubeClient,
  ks: Kustomization,
  noCrossNamespaceRefs: boolean,
  cache?: CacheReader,
): Promise<{ source: SourceObject; artifact: SourceArtifact }> {
  const ref = sourceRefOf(ks);
  if (noCrossNamespaceRefs && ref.namespace !== ks.metadata.namespace) {
    throw new SourceError(AccessDeniedReason, `can't access '${describeSourceRef(ref)}', cross-namespace references have been blocked`);
  }
  const cached = cache && cachedSource(cache, ref);
  if (cached?.status?.artifact?.url && cached.status.artifact.digest) return { source: cached, artifact: cached.status.artifact };
  let source: SourceObject;
  try {
    source = await client.get<SourceObject>({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, namespace: ref.namespace });
  } catch (err) {
    if (isNotFound(err)) throw new SourceError(ArtifactFailedReason, `Source '${describeSourceRef(ref)}' not found`);
    throw new SourceError(ArtifactFailedReason, `unable to get source '${describeSourceRef(ref)}': ${(err as Error).message}`);
  }
  const artifact = source.status?.artifact;
  if (!artifact?.url || !artifact.digest) throw new ArtifactNotReadyError(ArtifactFailedReason, `Source ${describeSourceRef(ref)} is not ready, artifact not found`);
  return { source, artifact };
}

/** The origin revision OCI artifacts carry (`org.opencontainers.image.revision`). */
export const originRevisionOf = (artifact: SourceArtifact) => artifact.metadata?.['org.opencontainers.image.revision'];
