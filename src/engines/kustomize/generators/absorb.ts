import { cloneResource, isJsonObject, type JsonObject, type JsonValue, type Resource } from '../resource.ts';

/**
 * What kustomize does when a generated ConfigMap/Secret meets the resources accumulated so far
 * (resWrangler.appendReplaceOrMerge): `existing` is the single resource whose id matches the generated
 * one by any of its ids (the caller looks it up), or undefined. Returns the resource to store in
 * place of `existing` (or to append). `describeId` names the id in errors.
 */
export function absorbGenerated(existing: Resource | undefined, generated: Resource, describeId: string): Resource {
  const behavior = generated.generated?.behavior ?? 'create';
  if (existing === undefined) {
    if (behavior !== 'create') throw new Error(`id ${describeId} does not exist; cannot merge or replace`);
    return generated;
  }
  if (behavior === 'create') {
    throw new Error(`id ${describeId} exists; behavior must be merge or replace`);
  }
  const result = cloneResource(generated);
  const object = result.object;
  if (!isJsonObject(object['metadata'])) object['metadata'] = {};
  const metadata = object['metadata'] as JsonObject;
  const oldMetadata = isJsonObject(existing.object['metadata']) ? existing.object['metadata'] : {};
  setOrDelete(metadata, 'labels', { ...stringMap(oldMetadata['labels']), ...stringMap(metadata['labels']) });
  setOrDelete(metadata, 'annotations', { ...stringMap(oldMetadata['annotations']), ...stringMap(metadata['annotations']) });
  setOrDelete(metadata, 'name', oldMetadata['name']);
  setOrDelete(metadata, 'namespace', oldMetadata['namespace']);
  if (behavior === 'merge') {
    for (const field of ['data', 'binaryData']) {
      setOrDelete(object, field, { ...stringMap(existing.object[field]), ...stringMap(object[field]) });
    }
  }
  // The resource keeps the identity history of the one it replaces; the hash flag is a build
  // annotation in kustomize and survives only when both sides carry it.
  result.previousIds = existing.previousIds.map((id) => ({ ...id }));
  result.origin = behavior === 'merge' ? (existing.origin ?? generated.origin) : (generated.origin ?? existing.origin);
  // Transformation records are an annotation the generated side never has, so the existing ones stay.
  result.transformations = existing.transformations ? [...existing.transformations] : generated.transformations;
  result.generated = {
    behavior: existing.generated?.behavior ?? behavior,
    needsHashSuffix: (existing.generated?.needsHashSuffix ?? false) && (generated.generated?.needsHashSuffix ?? false),
  };
  return result;
}

function stringMap(value: JsonValue | undefined): Record<string, string> {
  if (!isJsonObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

function setOrDelete(target: JsonObject, key: string, value: JsonValue | undefined): void {
  const empty = value === undefined || value === '' || (isJsonObject(value) && Object.keys(value).length === 0);
  if (empty) delete target[key];
  else target[key] = value;
}
