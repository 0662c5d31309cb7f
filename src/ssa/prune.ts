// Garbage collection: deletes objects that left the desired set, but only those this owner created
// (they carry its owner labels) and that do not opt out of pruning.
import { isNotFound, type KubeClient, type KubeObject } from '../kube/index.ts';
import type { ChangeSetEntry } from './changeset.ts';
import { apiVersionOf, describeId, type ObjectId } from './object-id.ts';

export interface PruneOptions {
  ownerLabels: Record<string, string>;
  /** Objects the caller must keep (e.g. annotated `kustomize.toolkit.fluxcd.io/prune: disabled`). */
  keep?: (obj: KubeObject) => boolean;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export class PruneError extends Error {
  /** The objects that could not be deleted (callers keep them in their inventory to retry). */
  readonly failed: ObjectId[];
  constructor(message: string, failed: ObjectId[]) {
    super(message);
    this.failed = failed;
  }
}

export async function deleteObjects(client: KubeClient, ids: ObjectId[], opts: PruneOptions): Promise<ChangeSetEntry[]> {
  const entries: ChangeSetEntry[] = [];
  const errors: string[] = [];
  const failed: ObjectId[] = [];
  for (const id of ids) {
    const ref = { apiVersion: apiVersionOf(id), kind: id.kind, name: id.name, namespace: id.namespace || undefined };
    try {
      const obj = await client.get(ref);
      const labels = obj.metadata.labels ?? {};
      const ours = Object.entries(opts.ownerLabels).every(([k, v]) => labels[k] === v);
      if (!ours || opts.keep?.(obj) || obj.metadata.deletionTimestamp) {
        entries.push({ id, action: 'skipped' });
        continue;
      }
      await client.delete(ref, { propagationPolicy: opts.propagationPolicy ?? 'Background' });
      entries.push({ id, action: 'deleted' });
    } catch (err) {
      if (isNotFound(err)) continue;
      errors.push(`${describeId(id)}: ${(err as Error).message}`);
      failed.push(id);
    }
  }
  if (errors.length > 0) throw new PruneError(`pruning failed: ${errors.join('; ')}`, failed);
  return entries;
}

/** Objects of the previous inventory that are not in the desired set any more. */
export function staleObjects(previous: ObjectId[], desired: ObjectId[]): ObjectId[] {
  const key = (id: ObjectId) => `${id.group}|${id.kind}|${id.namespace}|${id.name}`;
  const keep = new Set(desired.map(key));
  return previous.filter((id) => !keep.has(key(id)));
}
