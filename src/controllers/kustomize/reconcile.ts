// One reconciliation of a Kustomization, following upstream's pipeline: source and its artifact,
// dependencies, build, server-side apply in stages, inventory and prune, health, status and events.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { KustomizeNameLabel, KustomizeNamespaceLabel } from '../../api/meta/annotations.ts';
import {
  AccessDeniedReason,
  ArtifactFailedReason,
  BuildFailedReason,
  DependencyNotReadyReason,
  HealthCheckCanceledReason,
  HealthCheckFailedReason,
  HealthyCondition,
  ReadyCondition,
  InvalidCELExpressionReason,
  ProgressingReason,
  PruneFailedReason,
  ReconciliationFailedReason,
  ReconciliationSucceededReason,
  SucceededReason,
} from '../../api/meta/conditions.ts';
import type { ArtifactCache } from '../../artifact/index.ts';
import type { KubeObject } from '../../kube/index.ts';
import { getCondition, markReady, markReconciling, markRetrying, removeCondition, setCondition, type ObjectWithStatus } from '../../runtime/conditions.ts';
import { ProgressReporter } from '../../runtime/progress.ts';
import { StalledError, type ReconcileContext, type ReconcileResult } from '../../runtime/controller.ts';
import {
  HealthCheckError,
  PruneError,
  ResourceManager,
  deleteObjects,
  describeChanges,
  inventoryEntry,
  objectId,
  parseInventoryEntry,
  staleObjects,
  waitForSet,
} from '../../ssa/index.ts';
import { BuildError, buildManifests } from './build/index.ts';
import { CelExpressionError } from './cel.ts';
import { checkDependencies, DependencyNotReadyError } from './dependencies.ts';
import { celHealth, healthCheckTargets, validateHealthCheckExprs } from './health.ts';
import { manifestsDigest, recordReconciliation } from './history.ts';
import { ignoredPaths } from './ignore-rules.ts';
import { resolveBuildInputs } from './inputs.ts';
import { applyPolicy, keepOnPrune } from './policies.ts';
import { ArtifactNotReadyError, getSource, originRevisionOf, SourceError } from './source.ts';
import type { RemoteClusterOptions } from './remote-cluster.ts';
import { targetClient } from './target-client.ts';
import { formatGoDuration } from '../../runtime/duration.ts';
import { timingOf } from './timing.ts';
import { checkDecryptionServiceAccount } from './workload-identity.ts';

export interface KustomizeControllerOptions extends RemoteClusterOptions {
  artifacts: ArtifactCache;
  /** --no-cross-namespace-refs */
  noCrossNamespaceRefs?: boolean;
  /** --no-remote-bases */
  noRemoteBases?: boolean;
  /** --requeue-dependency (upstream default 30s) */
  requeueDependencyMs?: number;
  /** --default-service-account */
  defaultServiceAccount?: string;
  /** --watch-configs-label-selector: labelled ConfigMaps/Secrets a Kustomization references trigger it. */
  watchConfigsLabelSelector?: string;
}

/** Why a step failed, with the Ready reason upstream uses for it. */
class StepError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/** The client for the target cluster could not be made (impersonation, kubeConfig). */
class KubeClientError extends Error {}

/** Thrown through the abort signal when the source moved on while health was being checked. */
export class NewRevisionError extends Error {}

export function ownerLabels(ks: Kustomization): Record<string, string> {
  return { [KustomizeNameLabel]: ks.metadata.name!, [KustomizeNamespaceLabel]: ks.metadata.namespace! };
}

async function step<T>(reason: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StepError) throw err;
    throw new StepError(reason, (err as Error).message, { cause: err });
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof StepError) return err.reason;
  if (err instanceof SourceError) return err.reason;
  if (err instanceof BuildError) return BuildFailedReason;
  return ReconciliationFailedReason;
}

export async function reconcileKustomization(
  ks: Kustomization,
  ctx: ReconcileContext,
  opts: KustomizeControllerOptions,
  cancel: AbortSignal,
  onRevision: (revision: string) => void = () => {},
): Promise<ReconcileResult> {
  const progress = new ProgressReporter(ks, ctx);
  try {
    return await reconcileSteps(ks, ctx, opts, cancel, onRevision, progress);
  } finally {
    await progress.close();
  }
}

/** Reconciling=True naming the step, Ready=Unknown meanwhile, as upstream reports each step. */
function stepStarted(message: string) {
  return (obj: ObjectWithStatus) => {
    markReconciling(obj, message);
    setCondition(obj, ReadyCondition, 'Unknown', ProgressingReason, 'Reconciliation in progress');
  };
}

async function reconcileSteps(
  ks: Kustomization,
  ctx: ReconcileContext,
  opts: KustomizeControllerOptions,
  cancel: AbortSignal,
  onRevision: (revision: string) => void,
  progress: ProgressReporter,
): Promise<ReconcileResult> {
  const timing = timingOf(ks);
  const withTimeout = `with a timeout of ${formatGoDuration(timing.timeoutMs)}`;
  const status = (ks.status ??= {});
  let revision: string | undefined;
  const started = performance.now();
  try {
    try {
      validateHealthCheckExprs(ks.spec.healthCheckExprs ?? []);
    } catch (err) {
      throw terminal(err);
    }
    checkDecryptionServiceAccount(ks, opts.objectLevelWorkloadIdentity ?? false);
    const requeue = opts.requeueDependencyMs ?? 30_000;
    let source: Awaited<ReturnType<typeof getSource>>;
    try {
      source = await getSource(ctx.client, ks, opts.noCrossNamespaceRefs ?? false, ctx.cache);
    } catch (err) {
      // A blocked reference stays blocked until the spec changes; a missing artifact comes by itself.
      if (err instanceof SourceError && err.reason === AccessDeniedReason) throw new StalledError(err.reason, err.message);
      if (!(err instanceof ArtifactNotReadyError)) throw err;
      markRetrying(ks, ArtifactFailedReason, `Source artifact not found, retrying in ${formatGoDuration(requeue)}`);
      ctx.log.info(err.message);
      return { requeueAfterMs: requeue };
    }
    const { artifact } = source;
    revision = artifact.revision;
    onRevision(revision);
    if (ks.spec.dependsOn?.length) {
      try {
        await checkDependencies(ctx.client, ks, artifact);
      } catch (err) {
        if (!(err instanceof DependencyNotReadyError)) throw terminal(err);
        markRetrying(ks, DependencyNotReadyReason, err.message);
        await ctx.event('Normal', DependencyNotReadyReason, `Dependencies do not meet ready condition, retrying in ${formatGoDuration(requeue)}`, { revision });
        return { requeueAfterMs: requeue };
      }
    }
    progress.report(stepStarted(`Fetching manifests for revision ${revision} ${withTimeout}`));
    const signal = AbortSignal.any([ctx.signal, cancel, AbortSignal.timeout(timing.timeoutMs)]);

    const dir = await step(ArtifactFailedReason, () => opts.artifacts.obtain(artifact));
    status.lastAttemptedRevision = revision;
    progress.report(stepStarted(`Building manifests for revision ${revision} ${withTimeout}`));
    const objects = await step(BuildFailedReason, async () => buildManifests(dir, ks.spec, { ...(await resolveBuildInputs(ctx.client, ks)), remoteBases: !opts.noRemoteBases }));

    const origin = originRevisionOf(artifact);
    // Every outcome from here on is recorded in status.history against the digest of what was built.
    const record = (outcome: string) => {
      status.history = recordReconciliation(status.history, {
        digest: manifestsDigest(objects),
        at: new Date(),
        durationMs: performance.now() - started,
        status: outcome,
        metadata: origin ? { revision: artifact.revision, originRevision: origin } : { revision: artifact.revision },
      });
    };
    const target = await targetClient(ctx.client, ks, opts).catch((err: unknown) => {
      throw new KubeClientError((err as Error).message, { cause: err });
    });
    try {
      const manager = new ResourceManager(target.client, ctx.fieldManager, ownerLabels(ks));
      progress.report(stepStarted(`Detecting drift for revision ${revision} ${withTimeout}`));
      const changes = await manager.applyAllStaged(objects, { ...applyPolicy(ks.spec.force ?? false, ctx.fieldManager), ignorePaths: ignoredPaths(ks.spec.ignore), signal });
      const changed = describeChanges(changes);
      if (changed) {
        ctx.log.info('server-side apply completed', { revision, output: Object.fromEntries(changes.map((c) => [`${c.id.kind}/${c.id.namespace ? `${c.id.namespace}/` : ''}${c.id.name}`, c.action])) });
        await ctx.event('Normal', ProgressingReason, changed, { revision });
      }
      // Skipped objects (reconcile: disabled, ssa: Ignore) are neither in the inventory nor pruned, as upstream.
      const skipped = new Set(changes.filter((c) => c.action === 'skipped').map((c) => inventoryEntry(c.id).id));
      const previous = (status.inventory?.entries ?? []).map(parseInventoryEntry);
      const desired = objects.map(objectId).filter((id) => !skipped.has(inventoryEntry(id).id));
      status.inventory = { entries: desired.map(inventoryEntry) };
      const stale = ks.spec.prune ? staleObjects(previous, desired).filter((id) => !skipped.has(inventoryEntry(id).id)) : [];
      if (stale.length > 0) {
        try {
          const prunedText = describeChanges(await deleteObjects(target.client, stale, { ownerLabels: ownerLabels(ks), keep: keepOnPrune }));
          if (prunedText) await ctx.event('Normal', ProgressingReason, prunedText, { revision });
        } catch (err) {
          // Objects that could not be deleted stay in the inventory, so the next run retries them.
          if (err instanceof PruneError) status.inventory = { entries: [...desired, ...err.failed].map(inventoryEntry) };
          throw new StepError(PruneFailedReason, (err as Error).message, { cause: err });
        }
      }
      // Upstream announces a passed health check after a failure, or when a new revision changed objects.
      const announce = getCondition(ks, HealthyCondition)?.status !== 'True' || (status.lastAppliedRevision !== revision && changed !== '');
      const passed = await checkHealth(ks, target.client, objects, changes, timing.timeoutMs, signal, cancel, () =>
        progress.report((obj) => {
          const message = `Running health checks for revision ${revision} ${withTimeout}`;
          stepStarted(message)(obj);
          setCondition(obj, HealthyCondition, 'Unknown', ProgressingReason, message);
        }),
      );
      if (passed && announce) await ctx.event('Normal', ProgressingReason, passed, { revision });
    } catch (err) {
      record(reasonOf(err));
      throw err;
    } finally {
      target.close();
    }

    status.lastAppliedRevision = revision;
    record(ReconciliationSucceededReason);
    if (origin) status.lastAppliedOriginRevision = origin;
    else delete status.lastAppliedOriginRevision;
    markReady(ks, ReconciliationSucceededReason, `Applied revision: ${revision}`);
    await ctx.event('Normal', ReconciliationSucceededReason, `Reconciliation finished in ${formatGoDuration(performance.now() - started)}, next run in ${formatGoDuration(timing.intervalMs)}`, { revision });
    return { requeueAfterMs: timing.intervalMs };
  } catch (err) {
    if (err instanceof StalledError) throw err;
    if (cancel.aborted && cancel.reason instanceof NewRevisionError) {
      markRetrying(ks, HealthCheckCanceledReason, cancel.reason.message);
      setCondition(ks, HealthyCondition, 'False', HealthCheckCanceledReason, cancel.reason.message);
      return { requeueAfterMs: 1 };
    }
    const reason = reasonOf(err);
    const message = (err as Error).message;
    markRetrying(ks, reason, message);
    ctx.log.error('Reconciliation failed', err, { revision });
    // Upstream's event carries the step that failed where its Ready message does not.
    const eventMessage = err instanceof KubeClientError ? `failed to build kube client: ${message}` : message;
    await ctx.event('Warning', reason, eventMessage, revision ? { revision } : undefined);
    return { requeueAfterMs: timing.retryIntervalMs };
  }
}

/** A CEL expression that does not compile never will: Stalled until the spec changes, as upstream. */
function terminal(err: unknown): unknown {
  if (!(err instanceof CelExpressionError)) return err;
  return new StalledError(InvalidCELExpressionReason, `Reconciliation failed terminally due to configuration error: ${err.message}`);
}

async function checkHealth(
  ks: Kustomization,
  client: ResourceManager['client'],
  objects: KubeObject[],
  changes: Parameters<typeof healthCheckTargets>[2],
  timeoutMs: number,
  signal: AbortSignal,
  cancel: AbortSignal,
  onStart: () => void,
): Promise<string | undefined> {
  const targets = healthCheckTargets(ks, objects, changes);
  if (targets.length === 0) {
    removeCondition(ks, HealthyCondition);
    return undefined;
  }
  onStart();
  const started = performance.now();
  try {
    const observed = changes.flatMap((c) => (c.object ? [c.object] : []));
    await waitForSet(client, targets, { timeoutMs, failFast: true, signal, customHealth: celHealth(ks.spec.healthCheckExprs ?? []), observed });
  } catch (err) {
    if (cancel.aborted) throw err;
    const message = err instanceof HealthCheckError ? err.message : `health check failed: ${(err as Error).message}`;
    setCondition(ks, HealthyCondition, 'False', HealthCheckFailedReason, message);
    throw new StepError(HealthCheckFailedReason, message, { cause: err });
  }
  const message = `Health check passed in ${formatGoDuration(performance.now() - started)}`;
  setCondition(ks, HealthyCondition, 'True', SucceededReason, message);
  return message;
}
