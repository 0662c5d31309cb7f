// Server-side apply of a set of objects the way Flux does it: in stages (cluster definitions, classes,
// the rest), a dry-run first so unchanged objects cost no write, recreation of objects whose immutable
// fields changed when forced, and per-object policies decided by the caller.
import { isAlreadyExists, isInvalid, isNotFound, type KubeClient, type KubeObject } from '../kube/index.ts';
import type { ChangeSetEntry } from './changeset.ts';
import { cleanupPatch, type CleanupOptions } from './cleanup.ts';
import { withIgnoredFields } from './ignore.ts';
import { describeId, objectId } from './object-id.ts';
import { splitStages } from './stages.ts';
import { waitForSet } from './wait.ts';

export interface ApplyPolicy {
  /** Skip the object entirely (e.g. `reconcile: disabled`, `ssa: Ignore`). */
  skip?: (obj: KubeObject) => boolean;
  /** Create the object only when it does not exist yet (`ssa: IfNotPresent`). */
  ifNotPresent?: (obj: KubeObject) => boolean;
  /** Recreate the object when an immutable field changed (`force: Enabled` or spec.force). */
  force?: (obj: KubeObject) => boolean;
  /** JSON pointers of fields left as the live object has them (drift ignore rules). */
  ignorePaths?: (obj: KubeObject) => string[];
  /** What to clean up on the live object before applying (undefined: nothing, e.g. `ssa: Merge`). */
  cleanup?: (desired: KubeObject, live: KubeObject) => CleanupOptions | undefined;
}

export interface ApplyOptions extends ApplyPolicy {
  /** How long to wait for CRDs to become Established before applying the objects that use them. */
  definitionsTimeoutMs?: number;
  signal?: AbortSignal;
}

export class ApplyError extends Error {}

export class ResourceManager {
  readonly client: KubeClient;
  readonly fieldManager: string;
  /** Labels stamped on every applied object: they mark what this owner may later prune. */
  readonly ownerLabels: Record<string, string>;

  constructor(client: KubeClient, fieldManager: string, ownerLabels: Record<string, string>) {
    this.client = client;
    this.fieldManager = fieldManager;
    this.ownerLabels = ownerLabels;
  }

  async applyAllStaged(objects: KubeObject[], opts: ApplyOptions = {}): Promise<ChangeSetEntry[]> {
    const stages = splitStages(objects);
    const entries: ChangeSetEntry[] = [];
    if (stages.clusterDefinitions.length > 0) {
      entries.push(...(await this.applyAll(stages.clusterDefinitions, opts)));
      const crds = stages.clusterDefinitions.filter((o) => o.kind === 'CustomResourceDefinition').map(objectId);
      if (crds.length > 0) await waitForSet(this.client, crds, { timeoutMs: opts.definitionsTimeoutMs ?? 60_000, signal: opts.signal });
    }
    if (stages.classDefinitions.length > 0) entries.push(...(await this.applyAll(stages.classDefinitions, opts)));
    entries.push(...(await this.applyAll(stages.rest, opts)));
    return entries;
  }

  /** Applies objects concurrently (bounded) and returns their entries in input order. */
  async applyAll(objects: KubeObject[], opts: ApplyOptions = {}): Promise<ChangeSetEntry[]> {
    const results: ChangeSetEntry[] = new Array(objects.length);
    let next = 0;
    const worker = async () => {
      while (next < objects.length) {
        const i = next++;
        results[i] = await this.apply(objects[i]!, opts);
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, objects.length) }, worker));
    return results;
  }

  async apply(input: KubeObject, policy: ApplyPolicy = {}): Promise<ChangeSetEntry> {
    const id = objectId(input);
    if (policy.skip?.(input)) return { id, action: 'skipped' };
    const labelled = this.withOwnerLabels(input);
    const ref = { apiVersion: labelled.apiVersion, kind: labelled.kind, name: id.name, namespace: id.namespace || undefined };
    const getLive = () =>
      this.client.get(ref).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
    let existing = await getLive();
    // The live object may carry the exclusion too (`kubectl annotate ... reconcile=disabled`).
    if (existing && (policy.ifNotPresent?.(input) || policy.skip?.(existing))) return { id, action: 'skipped' };
    const ignored = existing ? (policy.ignorePaths?.(input) ?? []) : [];
    const obj = ignored.length > 0 ? withIgnoredFields(labelled, existing!, ignored, this.fieldManager) : labelled;

    try {
      if (existing) {
        const dryRunApply = () => this.client.apply(obj, { fieldManager: this.fieldManager, force: true, dryRun: true });
        let dryRun = await dryRunApply();
        // Another controller may write the object between our read and the dry-run (a Deployment's
        // status, say); comparing states of two versions would report a change that is not ours.
        for (let retry = 0; retry < 2 && existing && dryRun.metadata.resourceVersion !== existing.metadata.resourceVersion; retry++) {
          existing = await getLive();
          if (existing) dryRun = await dryRunApply();
        }
        if (existing) {
          const cleanedUp = await this.cleanup(input, existing, policy);
          if (!cleanedUp && sameContent(existing, dryRun)) return { id, action: 'unchanged', object: existing };
        }
      }
      const applied = await this.client.apply(obj, { fieldManager: this.fieldManager, force: true });
      return { id, action: existing ? 'configured' : 'created', object: applied };
    } catch (err) {
      if (err instanceof ApplyError) throw err;
      if (existing && isImmutableError(err) && policy.force?.(input)) {
        await this.recreate(obj);
        return { id, action: 'created' };
      }
      throw new ApplyError(`${describeId(id)} ${existing ? 'dry-run failed' : 'apply failed'}: ${apiserverMessage(err)}`, { cause: err });
    }
  }

  /**
   * What applying `input` would do, by a server-side dry-run (nothing is written): the live object and
   * the object the apiserver would store, for `diff` commands.
   */
  async diff(input: KubeObject): Promise<{ id: ChangeSetEntry['id']; action: 'created' | 'configured' | 'unchanged'; live?: KubeObject; merged: KubeObject }> {
    const id = objectId(input);
    const obj = this.withOwnerLabels(input);
    const live = await this.client.get({ apiVersion: obj.apiVersion, kind: obj.kind, name: id.name, namespace: id.namespace || undefined }).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    let merged: KubeObject;
    try {
      merged = await this.client.apply(obj, { fieldManager: this.fieldManager, force: true, dryRun: true });
    } catch (err) {
      throw new ApplyError(`${describeId(id)} dry-run failed: ${apiserverMessage(err)}`, { cause: err });
    }
    if (!live) return { id, action: 'created', merged };
    return { id, action: sameContent(live, merged) ? 'unchanged' : 'configured', live, merged };
  }

  /** Strips what the policy says from the live object (a JSON patch); true when something was patched. */
  private async cleanup(desired: KubeObject, live: KubeObject, policy: ApplyPolicy): Promise<boolean> {
    const opts = policy.cleanup?.(desired, live);
    const patch = opts ? cleanupPatch(live, opts, this.fieldManager) : [];
    if (patch.length === 0) return false;
    const ref = { apiVersion: live.apiVersion, kind: live.kind, name: live.metadata.name!, namespace: live.metadata.namespace };
    try {
      await this.client.patch(ref, patch, 'json', { fieldManager: this.fieldManager });
    } catch (err) {
      throw new ApplyError(`${describeId(objectId(live))} metadata.managedFields cleanup failed: ${apiserverMessage(err)}`, { cause: err });
    }
    return true;
  }

  private async recreate(obj: KubeObject): Promise<void> {
    const ref = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name!, namespace: obj.metadata.namespace };
    await this.client.delete(ref, { propagationPolicy: 'Background' }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
    // The name stays taken until finalizers have run; retry the create until it is free.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await this.client.apply(obj, { fieldManager: this.fieldManager, force: true });
        return;
      } catch (err) {
        if (!isAlreadyExists(err) && !isConflictWhileDeleting(err)) throw err;
        if (Date.now() > deadline) throw new ApplyError(`${describeId(objectId(obj))} recreate failed: still terminating after 60s`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private withOwnerLabels(obj: KubeObject): KubeObject {
    return { ...obj, metadata: { ...obj.metadata, labels: { ...obj.metadata.labels, ...this.ownerLabels } } };
  }
}

const VOLATILE_METADATA = ['managedFields', 'resourceVersion', 'generation'];

function stripVolatile(obj: KubeObject): unknown {
  const metadata = Object.fromEntries(Object.entries(obj.metadata).filter(([k]) => !VOLATILE_METADATA.includes(k)));
  return { ...obj, metadata };
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  return canonicalJson(stripVolatile(a)) === canonicalJson(stripVolatile(b));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isImmutableError(err: unknown): boolean {
  if (!isInvalid(err)) return false;
  const msg = (err as Error).message;
  return ['field is immutable', 'cannot change roleRef', 'updates to statefulset spec for fields other than', 'may not change once set'].some((s) => msg.includes(s));
}

function isConflictWhileDeleting(err: unknown): boolean {
  return err instanceof Error && /being deleted|object is being deleted/.test(err.message);
}

function apiserverMessage(err: unknown): string {
  const status = (err as { status?: { message?: string } }).status;
  return status?.message ?? (err as Error).message;
}

