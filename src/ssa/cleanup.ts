// Taking back objects that someone edited with kubectl, as fluxcd/pkg ssa does before applying: drop
// metadata keys (kubectl's last-applied-configuration, legacy Flux markers) and rename the managedFields
// entries of other managers (kubectl, before-first-apply, ...) to our own apply entry. Server-side apply
// then removes the fields those managers added, since we now own them and our manifest lacks them.
import type { KubeObject } from '../kube/index.ts';
import type { ManagedFieldsEntry } from './managed-fields.ts';

export interface FieldManagerMatch {
  /** A prefix of the manager name (`kubectl` matches `kubectl-edit`, `kubectl-client-side-apply`). */
  name: string;
  operation: 'Apply' | 'Update';
}

export interface CleanupOptions {
  annotations: string[];
  labels: string[];
  managers: FieldManagerMatch[];
}

export type JsonPatchOperation = { op: 'remove'; path: string } | { op: 'replace'; path: string; value: unknown };

const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** The union of two fieldsV1 sets (nested maps whose leaves are `{}`). */
function mergeFields(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = k in out ? mergeFields(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

function takeOverManagers(entries: ManagedFieldsEntry[], managers: FieldManagerMatch[], owner: string): ManagedFieldsEntry[] | undefined {
  const matches = (e: ManagedFieldsEntry) => !e.subresource && managers.some((m) => e.operation === m.operation && (e.manager ?? '').startsWith(m.name));
  if (!entries.some(matches)) return undefined;
  let ours: ManagedFieldsEntry | undefined = entries.find((e) => e.manager === owner && e.operation === 'Apply' && !e.subresource);
  const kept: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (e === ours) continue;
    if (!matches(e)) {
      kept.push(e);
      continue;
    }
    ours = ours ? { ...ours, fieldsV1: mergeFields(ours.fieldsV1, e.fieldsV1) } : { ...e, manager: owner, operation: 'Apply' };
  }
  return [...kept, ours!];
}

/** The JSON patch that cleans `live` up for `owner`, or an empty list when there is nothing to do. */
export function cleanupPatch(live: KubeObject, opts: CleanupOptions, owner: string): JsonPatchOperation[] {
  const patch: JsonPatchOperation[] = [];
  const { annotations = {}, labels = {} } = live.metadata;
  for (const key of opts.annotations) if (key in annotations) patch.push({ op: 'remove', path: `/metadata/annotations/${pointer(key)}` });
  for (const key of opts.labels) if (key in labels) patch.push({ op: 'remove', path: `/metadata/labels/${pointer(key)}` });
  const managedFields = takeOverManagers((live.metadata.managedFields ?? []) as ManagedFieldsEntry[], opts.managers, owner);
  if (managedFields) patch.push({ op: 'replace', path: '/metadata/managedFields', value: managedFields });
  return patch;
}
