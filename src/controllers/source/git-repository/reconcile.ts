// The GitRepository reconciliation, independent of how objects are watched and written: it takes
// the object as read, does the IO (git, storage) through the environment, and returns the object
// with its new status plus when to come back. Conditions and reasons follow source-controller.
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { Artifact } from '../../../api/meta/artifact.ts';
import * as C from '../../../api/meta/conditions.ts';
import type { GitRepository, GitRepositoryInclude, GitRepositoryStatus } from '../../../api/source/git-repository.ts';
import type { ArtifactCache } from '../../../artifact/index.ts';
import { markReady, markReconciling, markRetrying, markStalled, removeCondition, setCondition, isConditionTrue } from '../../../runtime/conditions.ts';
import { reconcileRequest } from '../../../runtime/flux-object.ts';
import { parseGoDuration } from '../../../runtime/duration.ts';
import { openAuthSession, type GitAuth } from '../git/auth.ts';
import { checkout } from '../git/checkout.ts';
import { resolveRef, type ResolvedRef } from '../git/remote-refs.ts';
import { readTrustedKeys, verifyCheckout } from '../git/verify.ts';
import { loadIgnoreMatcher } from '../storage/source-ignore.ts';
import type { ArtifactStorage } from '../storage/storage.ts';
import { gitAuthFromSecret, proxyFromSecret, trustedKeysFromSecret, type SecretData } from './secrets.ts';

export type EventType = 'Normal' | 'Warning';

export interface GitRepositoryEnvironment {
  storage: ArtifactStorage;
  /** Where per-repository git caches live (`<root>/<namespace>/<name>`). */
  gitCacheRoot: string;
  /** Fetches included artifacts. */
  artifacts: ArtifactCache;
  /** A Secret's decoded data; throws (with the API's message) when it cannot be read. */
  getSecret(namespace: string, name: string): Promise<SecretData>;
  getGitRepository(namespace: string, name: string): Promise<GitRepository | undefined>;
  event(object: GitRepository, type: EventType, reason: string, message: string, metadata?: Record<string, string>): void;
  /** Publishes the status so far (Reconciling/ArtifactOutdated while a new revision is built). */
  progress?(object: GitRepository): Promise<void>;
  now?(): Date;
}

export interface ReconcileOutcome {
  /** The object with its new status (a copy; the input is left untouched). */
  object: GitRepository;
  /** Come back after this long (spec.interval) when everything went well. */
  requeueAfterMs?: number;
  /** Set when the reconciliation failed and should be retried with back-off; `reason` is the Ready reason. */
  error?: Error & { reason: string };
  /** True when the spec can never work as it is: wait for the next generation. */
  stalled?: boolean;
}

const DEFAULT_TIMEOUT_MS = 60_000;

class ReconcileFailure extends Error {
  readonly reason: string;
  readonly stalled: boolean;
  constructor(reason: string, message: string, stalled = false) {
    super(message);
    this.reason = reason;
    this.stalled = stalled;
  }
}

export async function reconcileGitRepository(original: GitRepository, env: GitRepositoryEnvironment): Promise<ReconcileOutcome> {
  const obj = structuredClone(original);
  const status: GitRepositoryStatus = (obj.status ??= {});
  const now = env.now?.() ?? new Date();
  const interval = parseGoDuration(obj.spec.interval);
  if (status.observedGeneration !== obj.metadata.generation) {
    markReconciling(obj, `processing object: new generation ${status.observedGeneration ?? -1} -> ${obj.metadata.generation}`, now);
  }
  try {
    await reconcileStorage(obj, env, now);
    const revision = await reconcileSourceAndArtifact(obj, env, now);
    markReady(obj, C.SucceededReason, `stored artifact for revision '${revision}'`, now);
    markRequestHandled(obj);
    return { object: obj, requeueAfterMs: interval };
  } catch (err) {
    const failure = err instanceof ReconcileFailure ? err : new ReconcileFailure(C.FailedReason, (err as Error).message);
    if (failure.stalled) markStalled(obj, failure.reason, failure.message, now);
    else markRetrying(obj, failure.reason, failure.message, now);
    markRequestHandled(obj);
    // The Warning event for a failure is the caller's: the controller runtime records one per failure.
    return { object: obj, error: failure, stalled: failure.stalled };
  }
}

// Only once the outcome is known: `tsflux reconcile` waits for this token and then reads Ready.
function markRequestHandled(obj: GitRepository): void {
  const token = reconcileRequest(obj);
  if (token) obj.status!.lastHandledReconcileAt = token;
}

/** Drops an artifact that vanished from storage (e.g. an emptyDir after a restart) and collects garbage. */
async function reconcileStorage(obj: GitRepository, env: GitRepositoryEnvironment, now: Date): Promise<void> {
  const status = obj.status!;
  if (status.artifact && !(await env.storage.exists(status.artifact))) {
    delete status.artifact;
    removeCondition(obj, C.ArtifactInStorageCondition);
    setCondition(obj, C.ReconcilingCondition, 'True', 'NoArtifact', 'no artifact for resource in storage', now);
    return;
  }
  if (status.artifact) {
    // The advertised address may have changed since the artifact was stored (new flags, new pod).
    status.artifact.url = env.storage.url(status.artifact.path);
    await env.storage.garbageCollect(keyOf(obj), status.artifact, now.getTime());
    setCondition(obj, C.ArtifactInStorageCondition, 'True', C.SucceededReason, `stored artifact for revision '${status.artifact.revision}'`, now);
  }
}

async function reconcileSourceAndArtifact(obj: GitRepository, env: GitRepositoryEnvironment, now: Date): Promise<string> {
  const { spec } = obj;
  const status = obj.status!;
  const namespace = obj.metadata.namespace!;
  let scheme: string;
  try {
    scheme = new URL(spec.url).protocol;
  } catch {
    throw fetchFailure(obj, now, C.URLInvalidReason, `invalid URL '${spec.url}'`, true);
  }
  if (!['http:', 'https:', 'ssh:'].includes(scheme)) {
    throw fetchFailure(obj, now, C.URLInvalidReason, `git repository URL '${spec.url}' has invalid transport type, supported types are: http, https, ssh`, true);
  }
  const auth = await readAuth(obj, env, now);
  const timeoutMs = spec.timeout ? parseGoDuration(spec.timeout) : DEFAULT_TIMEOUT_MS;
  const session = await openAuthSession(spec.url, auth).catch((err: Error) => {
    throw fetchFailure(obj, now, C.AuthenticationFailedReason, err.message);
  });
  try {
    let resolved: ResolvedRef;
    try {
      resolved = await resolveRef(spec.url, spec.ref, { env: session.env, timeoutMs });
    } catch (err) {
      // Never stalled, even for a malformed ref: upstream retries every git failure with back-off.
      throw fetchFailure(obj, now, C.GitOperationFailedReason, `failed to checkout and determine revision: ${(err as Error).message}`);
    }
    const includes = await resolveIncludes(obj, env, now);
    if (isUpToDate(obj, resolved, includes)) {
      clearFailures(obj);
      return status.artifact!.revision;
    }
    if (status.artifact?.revision !== resolved.revision) {
      const message = `new upstream revision '${resolved.revision}'`;
      setCondition(obj, C.ArtifactOutdatedCondition, 'True', C.NewRevisionReason, message, now);
      setCondition(obj, C.ReconcilingCondition, 'True', C.NewRevisionReason, `building artifact: ${message}`, now);
      setCondition(obj, C.ReadyCondition, 'Unknown', C.ProgressingReason, `building artifact: ${message}`, now);
      await env.progress?.(obj);
    }

    const dir = join(env.gitCacheRoot, namespace, obj.metadata.name!);
    let commit: string;
    let revision: string;
    let subject: string;
    try {
      ({ commit, revision, subject } = await checkout({
        url: spec.url,
        resolved,
        dir,
        env: session.env,
        timeoutMs,
        recurseSubmodules: spec.recurseSubmodules,
        sparseCheckout: spec.sparseCheckout,
      }));
    } catch (err) {
      // A git killed half-way (timeout) can leave lock files behind: start the next attempt afresh.
      await rm(dir, { recursive: true, force: true });
      throw fetchFailure(obj, now, C.GitOperationFailedReason, `failed to checkout and determine revision: ${(err as Error).message}`);
    }
    await verify(obj, env, now, dir, commit, resolved);
    await copyIncludes(obj, env, now, dir, includes);

    let artifact: Artifact;
    try {
      const matcher = await loadIgnoreMatcher(dir, spec.ignore);
      artifact = await env.storage.archive(keyOf(obj), `${commit}.tar.gz`, revision, dir, matcher);
    } catch (err) {
      const message = `unable to archive artifact to storage: ${(err as Error).message}`;
      setCondition(obj, C.StorageOperationFailedCondition, 'True', C.ArchiveOperationFailedReason, message, now);
      throw new ReconcileFailure(C.ArchiveOperationFailedReason, message);
    }
    const previous = status.artifact;
    status.artifact = artifact;
    status.includedArtifacts = includes.map((i) => i.artifact);
    if (includes.length === 0) delete status.includedArtifacts;
    recordObservedConfig(obj);
    await env.storage.garbageCollect(keyOf(obj), artifact, now.getTime());
    clearFailures(obj);
    setCondition(obj, C.ArtifactInStorageCondition, 'True', C.SucceededReason, `stored artifact for revision '${revision}'`, now);
    if (previous?.digest !== artifact.digest) {
      env.event(obj, 'Normal', 'NewArtifact', `stored artifact for commit '${shortMessage(subject)}'`, {
        'source.toolkit.fluxcd.io/revision': revision,
        'source.toolkit.fluxcd.io/digest': artifact.digest,
      });
    }
    return revision;
  } finally {
    await session.dispose();
  }
}

async function readAuth(obj: GitRepository, env: GitRepositoryEnvironment, now: Date): Promise<GitAuth> {
  const namespace = obj.metadata.namespace!;
  let auth: GitAuth = {};
  const read = async (name: string) => {
    try {
      return await env.getSecret(namespace, name);
    } catch (err) {
      throw fetchFailure(obj, now, C.AuthenticationFailedReason, `failed to get secret '${namespace}/${name}': ${(err as Error).message}`);
    }
  };
  if (obj.spec.secretRef) auth = gitAuthFromSecret(await read(obj.spec.secretRef.name));
  if (obj.spec.proxySecretRef) {
    const name = obj.spec.proxySecretRef.name;
    try {
      auth.proxy = proxyFromSecret(await read(name), `${namespace}/${name}`);
    } catch (err) {
      if (err instanceof ReconcileFailure) throw err;
      throw fetchFailure(obj, now, C.AuthenticationFailedReason, (err as Error).message);
    }
  }
  return auth;
}

interface ResolvedInclude {
  include: GitRepositoryInclude;
  artifact: Artifact;
}

async function resolveIncludes(obj: GitRepository, env: GitRepositoryEnvironment, now: Date): Promise<ResolvedInclude[]> {
  const resolved: ResolvedInclude[] = [];
  for (const include of obj.spec.include ?? []) {
    const name = include.repository.name;
    const other = await env.getGitRepository(obj.metadata.namespace!, name);
    let problem: [string, string] | undefined;
    if (!other) problem = ['NotFound', `could not get resource for include '${name}': GitRepository not found`];
    else if (!other.status?.artifact) problem = ['NoArtifact', `no artifact available for include '${name}'`];
    if (problem) {
      setCondition(obj, C.IncludeUnavailableCondition, 'True', problem[0], problem[1], now);
      throw new ReconcileFailure(problem[0], problem[1]);
    }
    resolved.push({ include, artifact: other!.status!.artifact! });
  }
  removeCondition(obj, C.IncludeUnavailableCondition);
  return resolved;
}

async function copyIncludes(obj: GitRepository, env: GitRepositoryEnvironment, now: Date, dir: string, includes: ResolvedInclude[]): Promise<void> {
  for (const { include, artifact } of includes) {
    const toPath = safeRelative(include.toPath ?? include.repository.name);
    const fromPath = safeRelative(include.fromPath ?? '');
    try {
      const content = await env.artifacts.obtain(artifact);
      const source = join(content, fromPath);
      await stat(source);
      const target = join(dir, toPath);
      await rm(target, { recursive: true, force: true });
      await mkdir(join(target, '..'), { recursive: true });
      await cp(source, target, { recursive: true, verbatimSymlinks: true });
    } catch (err) {
      const message = `failed to copy '${include.repository.name}' included artifact from '${fromPath || '.'}' to '${toPath}': ${(err as Error).message}`;
      setCondition(obj, C.IncludeUnavailableCondition, 'True', 'CopyFailure', message, now);
      throw new ReconcileFailure('CopyFailure', message);
    }
  }
}

async function verify(obj: GitRepository, env: GitRepositoryEnvironment, now: Date, dir: string, commit: string, resolved: ResolvedRef): Promise<void> {
  const spec = obj.spec.verify;
  if (!spec) {
    removeCondition(obj, C.SourceVerifiedCondition);
    delete obj.status!.sourceVerificationMode;
    return;
  }
  const mode = spec.mode ?? 'HEAD';
  try {
    const data = await env.getSecret(obj.metadata.namespace!, spec.secretRef.name);
    const keys = await readTrustedKeys(trustedKeysFromSecret(data));
    const message = await verifyCheckout({ dir, commit, tagRef: resolved.tagRef, mode, keys });
    setCondition(obj, C.SourceVerifiedCondition, 'True', C.SucceededReason, message, now);
    obj.status!.sourceVerificationMode = mode;
  } catch (err) {
    const message = `signature verification failed: ${(err as Error).message}`;
    setCondition(obj, C.SourceVerifiedCondition, 'False', C.VerificationErrorReason, message, now);
    throw new ReconcileFailure(C.VerificationErrorReason, message);
  }
}

/** The remote has nothing new and nothing in the spec changes what the artifact would contain. */
function isUpToDate(obj: GitRepository, resolved: ResolvedRef, includes: ResolvedInclude[]): boolean {
  const { spec, status } = obj;
  if (!status?.artifact || status.artifact.revision !== resolved.revision) return false;
  if ((status.observedIgnore ?? undefined) !== (spec.ignore ?? undefined)) return false;
  if ((status.observedRecurseSubmodules ?? false) !== (spec.recurseSubmodules ?? false)) return false;
  if (JSON.stringify(status.observedSparseCheckout ?? []) !== JSON.stringify(spec.sparseCheckout ?? [])) return false;
  if (JSON.stringify(status.observedInclude ?? []) !== JSON.stringify(spec.include ?? [])) return false;
  const included = (status.includedArtifacts ?? []).map((a) => a.digest);
  if (JSON.stringify(included) !== JSON.stringify(includes.map((i) => i.artifact.digest))) return false;
  if (spec.verify && !(isConditionTrue(obj, C.SourceVerifiedCondition) && status.sourceVerificationMode === (spec.verify.mode ?? 'HEAD'))) return false;
  if (!spec.verify && status.sourceVerificationMode) return false;
  return true;
}

function recordObservedConfig(obj: GitRepository): void {
  const { spec, status } = obj;
  const set = <K extends keyof GitRepositoryStatus>(key: K, value: GitRepositoryStatus[K] | undefined) => {
    if (value === undefined) delete status![key];
    else status![key] = value;
  };
  set('observedIgnore', spec.ignore);
  set('observedRecurseSubmodules', spec.recurseSubmodules);
  set('observedInclude', spec.include);
  set('observedSparseCheckout', spec.sparseCheckout);
}

function clearFailures(obj: GitRepository): void {
  for (const type of [C.FetchFailedCondition, C.ArtifactOutdatedCondition, C.IncludeUnavailableCondition, C.StorageOperationFailedCondition]) {
    removeCondition(obj, type);
  }
}

function fetchFailure(obj: GitRepository, now: Date, reason: string, message: string, stalled = false): ReconcileFailure {
  setCondition(obj, C.FetchFailedCondition, 'True', reason, message, now);
  return new ReconcileFailure(reason, message, stalled);
}

/** As upstream quotes a commit: its first line, cut after 50 characters (code points) with `...`. */
function shortMessage(subject: string): string {
  const chars = [...subject];
  return chars.length > 50 ? `${chars.slice(0, 50).join('')}...` : subject;
}

function keyOf(obj: GitRepository) {
  return { kind: 'GitRepository', namespace: obj.metadata.namespace!, name: obj.metadata.name! };
}

function safeRelative(path: string): string {
  const n = normalize(`/${path}`).slice(1);
  if (n.split('/').includes('..')) throw new Error(`path '${path}' leaves the artifact`);
  return n;
}
