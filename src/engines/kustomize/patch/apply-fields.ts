// The three patch fields of a kustomization, applied to the resources accumulated so far, as
// kustomize's PatchStrategicMergeTransformer, PatchTransformer and PatchJson6902Transformer do.
// (They run at different points of a build: patchesStrategicMerge first, then patches, and
// patchesJson6902 after the namespace, prefix/suffix, label and annotation transformers.)
import { cloneJson, getKind, getName, getNamespace, isJsonObject, resIdOf, setName, type JsonObject, type JsonValue, type KustomizationFileLoader, type Resource, type ResId } from '../resource.ts';
import { effectiveNamespace, matchesAnyId } from '../resource-id.ts';
import { rememberCurrentId } from '../transformers/rename.ts';
import { annotationValuesAsText } from './annotation-text.ts';
import { builtinMergeSchema } from './builtin-schema.ts';
import { goJsonField } from '../generators/go-json.ts';
import { scalarText } from '../replacements/field-path.ts';
import { applyJsonPatch, type JsonPatchOperation } from './json6902.ts';
import type { MergeSchema } from './merge-schema.ts';
import type { KustomizeVersion } from '../version.ts';
import { parseJsonPatch, parsePatch, parseStrategicPatches } from './patch-text.ts';
import { selectResources, type Selector } from './selector.ts';
import { strategicMerge } from './strategic-merge.ts';

interface PatchContext {
  loader: KustomizationFileLoader;
  schema: MergeSchema;
  version: KustomizeVersion;
}

interface PatchOptions {
  allowNameChange: boolean;
  allowKindChange: boolean;
}

const NO_OPTIONS: PatchOptions = { allowNameChange: false, allowKindChange: false };

/**
 * The `patches` field: each entry inline or from a file, strategic merge or JSON 6902, with an optional
 * target. Updates `resources` in place (patched, or removed by `$patch: delete`).
 */
export function applyPatches(
  resources: Resource[],
  entries: JsonValue[],
  loader: KustomizationFileLoader,
  schema: MergeSchema = builtinMergeSchema(),
  version: KustomizeVersion = 'v5.5.0',
): void {
  replaceAll(resources, patchesField(resources, entries, { loader, schema, version }));
}

/** The legacy `patchesStrategicMerge` field: each entry a file path or an inline patch. */
export function applyPatchesStrategicMerge(resources: Resource[], entries: JsonValue[], loader: KustomizationFileLoader, schema: MergeSchema = builtinMergeSchema()): void {
  if (entries.length === 0) return;
  replaceAll(resources, patchesStrategicMergeField(resources, entries, { loader, schema, version: 'v5.5.0' }));
}

/** The legacy `patchesJson6902` field: a target (name required) and a patch inline or from a file. */
export function applyPatchesJson6902(resources: Resource[], entries: JsonValue[], loader: KustomizationFileLoader): void {
  patchesJson6902Field(resources, entries, loader);
}

function replaceAll(resources: Resource[], next: Resource[]): void {
  resources.splice(0, resources.length, ...next);
}

function patchesField(resources: Resource[], entries: JsonValue[], ctx: PatchContext): Resource[] {
  let current = resources;
  for (const entry of entries) {
    if (!isJsonObject(entry)) throw new Error(`patches: each entry must be an object, got ${JSON.stringify(entry)}`);
    const inline = stringOf(goJsonField(entry, 'patch')).trim();
    const path = stringOf(goJsonField(entry, 'path'));
    if (inline === '' && path === '') throw new Error(`must specify one of patch and path in\n${JSON.stringify(entry)}`);
    if (inline !== '' && path !== '') throw new Error(`patch and path can't be set at the same time\n${JSON.stringify(entry)}`);
    const source = inline !== '' ? `[patch: ${JSON.stringify(inline)}]` : `[path: ${JSON.stringify(path)}]`;
    const text = inline !== '' ? inline : loadText(ctx.loader, path, `failed to get the patch file from path(${path})`);
    const target = targetOf(entry);
    const options = readOptions(goJsonField(entry, 'options'), ctx.version);
    // kustomize v5.8 skips a patch with nothing in it (v5.5 refuses it as both kinds at once).
    const parsed = parsePatch(text, source, ctx.version === 'v5.8.1');
    if (parsed.kind === 'json6902') {
      if (target === undefined) throw new Error(`must specify a target for JSON patch ${source}`);
      applyJsonToSelected(current, target, parsed.operations, true);
    } else if (target !== undefined) {
      if (parsed.patches.length > 1) {
        throw new Error(`Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${source}`);
      }
      const [patch] = parsed.patches;
      if (patch === undefined) continue;
      const selected = new Set(selectResources(current, target));
      current = applyToSet(current, selected, patch, options, ctx);
    } else {
      for (const patch of parsed.patches) {
        const id = resIdOf(patch);
        const matches = current.filter((res) => matchesAnyId(res, id));
        if (matches.length !== 1) {
          const problem = matches.length === 0 ? 'no matches for Id' : 'multiple matches for Id';
          throw new Error(`no resource matches strategic merge patch "${describe(id)}": ${problem} ${describe(id)}; failed to find unique target for patch ${describe(id)}`);
        }
        current = applyToSet(current, new Set(matches), patch, options, ctx, false);
      }
    }
  }
  return current;
}

function patchesStrategicMergeField(resources: Resource[], entries: JsonValue[], ctx: PatchContext): Resource[] {
  const patches: JsonObject[] = [];
  for (const entry of entries) {
    const text = typeof entry === 'string' ? entry : JSON.stringify(entry);
    let inline: JsonObject[] | undefined;
    try {
      inline = parseStrategicPatches(text, 'patchesStrategicMerge');
    } catch {
      inline = undefined;
    }
    patches.push(...(inline ?? parseStrategicPatches(loadText(ctx.loader, text, `trouble reading patch ${text}`), text)));
  }
  if (patches.length === 0) throw new Error(`patch appears to be empty; files=${JSON.stringify(entries)}`);
  let current = resources;
  for (const patch of patches) {
    const id = resIdOf(patch);
    const matches = current.filter((res) => matchesAnyId(res, id));
    if (matches.length !== 1) {
      const problem = matches.length === 0 ? 'no matches for Id' : 'multiple matches for Id';
      throw new Error(`${problem} ${describe(id)}; failed to find unique target for patch ${describe(id)}`);
    }
    current = applyToSet(current, new Set(matches), patch, NO_OPTIONS, ctx);
  }
  return current;
}

function patchesJson6902Field(resources: Resource[], entries: JsonValue[], loader: KustomizationFileLoader): void {
  for (const entry of entries) {
    if (!isJsonObject(entry)) throw new Error(`patchesJson6902: each entry must be an object`);
    const target = targetOf(entry);
    if (target === undefined || !target.name) throw new Error('must specify the target name');
    const path = stringOf(goJsonField(entry, 'path'));
    const inline = stringOf(goJsonField(entry, 'patch'));
    if (path === '' && inline === '') throw new Error('empty file path and empty jsonOp');
    if (path !== '' && inline !== '') throw new Error('must specify a file path or jsonOp, not both');
    const text = path !== '' ? loadText(loader, path, `loading ${path}`) : inline;
    if (text === '') throw new Error(`patch file '${path}' empty seems to be empty`);
    const operations = parseJsonPatch(text, path || 'patchesJson6902');
    if (operations.length === 0) throw new Error(`patch appears to be empty; file=${path}, JsonOp=${text}`);
    applyJsonToSelected(resources, target, operations, false);
  }
}

function applyJsonToSelected(resources: Resource[], target: Selector, operations: JsonPatchOperation[], storeId: boolean): void {
  for (const res of selectResources(resources, target)) {
    if (storeId) rememberCurrentId(res);
    const internal = internalAnnotations(res);
    res.object = applyJsonPatch(withAnnotations(res.object, internal), operations);
    rewriteAnnotations(res.object, internal);
    if (operations.some(replacesAllAnnotations)) {
      // kustomize keeps origin and transformation records as annotations that, unlike its internal
      // ones, it does not put back: the resource loses them.
      res.origin = undefined;
      res.transformations = undefined;
    }
    if (typeof res.object['kind'] !== 'string' || res.object['kind'] === '') {
      throw new Error(`missing kind in object ${JSON.stringify(res.object)} after a JSON patch`);
    }
  }
}

function replacesAllAnnotations(op: JsonPatchOperation): boolean {
  const touches = (path: unknown) => path === '' || path === '/metadata' || path === '/metadata/annotations';
  return op.op !== 'test' && (touches(op.path) || (op.op === 'move' && touches(op.from)));
}

/**
 * The bookkeeping annotations kustomize keeps on a resource while building (previous ids, generator
 * flags). A JSON patch sees them, so `add /metadata/annotations/x` works on a resource that has them.
 */
function internalAnnotations(res: Resource): Record<string, string> {
  const out: Record<string, string> = {};
  if (res.previousIds.length > 0) {
    out['internal.config.kubernetes.io/previousNames'] = res.previousIds.map((id) => id.name).join(',');
    out['internal.config.kubernetes.io/previousNamespaces'] = res.previousIds.map((id) => effectiveNamespace(id)).join(',');
    out['internal.config.kubernetes.io/previousKinds'] = res.previousIds.map((id) => id.kind).join(',');
  }
  if (res.generated !== undefined) {
    out['internal.config.kubernetes.io/generatorBehavior'] = res.generated.behavior;
    if (res.generated.needsHashSuffix) out['internal.config.kubernetes.io/needsHashSuffix'] = 'enabled';
  }
  return out;
}

function withAnnotations(object: JsonObject, internal: Record<string, string>): JsonObject {
  if (Object.keys(internal).length === 0) return object;
  if (!isJsonObject(object['metadata'])) object['metadata'] = {};
  const metadata = object['metadata'] as JsonObject;
  const annotations = isJsonObject(metadata['annotations']) ? metadata['annotations'] : {};
  metadata['annotations'] = { ...annotations, ...internal };
  return object;
}

/**
 * kustomize reads the annotations back and sets them again after a JSON patch: values become their
 * text, the bookkeeping ones are put back aside, and an empty or malformed annotations field
 * disappears (metadata is created if missing).
 */
function rewriteAnnotations(object: JsonObject, internal: Record<string, string>): void {
  if (!isJsonObject(object['metadata'])) object['metadata'] = {};
  const metadata = object['metadata'] as JsonObject;
  const annotations = metadata['annotations'];
  // kustomize crashes reading a list there; refuse it.
  if (Array.isArray(annotations)) throw new Error(`metadata.annotations must be a map, a JSON patch made it a list: ${JSON.stringify(annotations)}`);
  const rewritten: JsonObject = {};
  if (isJsonObject(annotations)) {
    for (const [key, value] of Object.entries(annotations)) if (!Object.hasOwn(internal, key)) rewritten[key] = scalarText(value);
  }
  if (Object.keys(rewritten).length > 0) metadata['annotations'] = rewritten;
  else delete metadata['annotations'];
}

/**
 * Applies a strategic merge patch to each selected resource; resources the patch deletes leave the
 * list. The patch takes the target's apiVersion (and keeps its own kind) unless `asIs`.
 */
function applyToSet(resources: Resource[], selected: Set<Resource>, patch: JsonObject, options: PatchOptions, ctx: PatchContext, retype = true): Resource[] {
  const kept: Resource[] = [];
  for (const res of resources) {
    if (selected.has(res)) {
      const copy = cloneJson(patch);
      if (retype) {
        copy['apiVersion'] = res.object['apiVersion'] ?? '';
        copy['kind'] = patch['kind'] ?? '';
      }
      if (!applyStrategicPatchTo(res, copy, options, ctx)) continue;
    }
    kept.push(res);
  }
  return kept;
}

/** kustomize's Resource.ApplySmPatch; false when the patch deleted the resource. */
function applyStrategicPatchTo(res: Resource, patch: JsonObject, options: PatchOptions, ctx: PatchContext): boolean {
  const name = getName(res.object);
  const namespace = getNamespace(res.object);
  const kind = getKind(res.object);
  if (options.allowNameChange || options.allowKindChange) rememberCurrentId(res);
  // kustomize keeps the object it handed to the merge, merged in place; a different root (a
  // top-level `$patch: replace`) is dropped, leaving the resource as it was.
  const merged = strategicMerge(res.object, patch, ctx.schema);
  if (merged === undefined || Object.keys(res.object).length === 0) return false;
  const object = res.object;
  annotationValuesAsText(object);
  if (!options.allowKindChange) object['kind'] = kind;
  if (!options.allowNameChange) setName(object, name);
  const metadata = object['metadata'];
  if (namespace !== '') {
    if (isJsonObject(metadata)) metadata['namespace'] = namespace;
    else object['metadata'] = { namespace };
  } else if (isJsonObject(metadata)) delete metadata['namespace'];
  return true;
}

function readOptions(value: JsonValue | undefined, version: KustomizeVersion = 'v5.5.0'): PatchOptions {
  if (!isJsonObject(value)) return NO_OPTIONS;
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v !== 'boolean') throw new Error(`invalid Kustomization: json: cannot unmarshal ${typeof v === 'string' ? 'string' : typeof v === 'object' ? 'object' : 'number'} into patches options.${key} of type bool`);
  }
  // kustomize v5.8 decodes the options as a struct, so an unknown option fails the build.
  const unknown = Object.keys(value).find((key) => !['allowNameChange', 'allowKindChange'].includes(key));
  if (version === 'v5.8.1' && unknown !== undefined) throw new Error(`invalid Kustomization: json: unknown field "${unknown}" in patches options`);
  return { allowNameChange: goJsonField(value, 'allowNameChange') === true, allowKindChange: goJsonField(value, 'allowKindChange') === true };
}

function stringOf(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function targetOf(entry: JsonObject): Selector | undefined {
  const target = goJsonField(entry, 'target');
  return isJsonObject(target) ? toSelector(target) : undefined;
}

/** A patch-style target (group, version, kind, name, namespace, label and annotation selectors) read from YAML. */
export function toSelector(value: JsonObject): Selector {
  const text = (key: string): string | undefined => {
    const v = goJsonField(value, key);
    return typeof v === 'string' ? v : undefined;
  };
  return {
    group: text('group'),
    version: text('version'),
    kind: text('kind'),
    name: text('name'),
    namespace: text('namespace'),
    labelSelector: text('labelSelector'),
    annotationSelector: text('annotationSelector'),
  };
}

function loadText(loader: KustomizationFileLoader, path: string, context: string): string {
  try {
    return Buffer.from(loader.load(path)).toString('utf8');
  } catch (err) {
    throw new Error(`${context}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** ResId as kustomize prints it: group/version/kind with [noGrp] and [noNs] placeholders. */
function describe(id: ResId): string {
  const gvk = `${id.group === '' ? '[noGrp]' : id.group}/${id.version}/${id.kind}`;
  return `${gvk}/${id.namespace === '' ? '[noNs]' : id.namespace}/${id.name}`;
}
