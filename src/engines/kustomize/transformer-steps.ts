// The transformers of one kustomization level, in kustomize's fixed order, and the built-in
// transformer/generator plugin configurations accepted under `transformers:` and `generators:`.

import { posix } from 'node:path';
import type { JsonObject, JsonValue, Resource, ResourceOrigin } from './resource.ts';
import { describeId, isJsonObject } from './resource.ts';
import { currentId, idsEqual } from './resource-id.ts';
import type { Loader } from './loader.ts';
import type { TransformerConfig } from './config/transformer-config.ts';
import { fieldSpecFromJson, mergeFieldSpecs, spec, type FieldSpec } from './config/field-spec.ts';
import { KustomizeError, wrapError } from './errors.ts';
import { stringField, stringMap } from './kustomization.ts';
import { applyNamespace, type RoleBindingSubjectsMode } from './transformers/namespace.ts';
import { applyNameAffix } from './transformers/prefix-suffix.ts';
import { addMapEntries } from './transformers/labels-annotations.ts';
import { applyImages, type ImageRule } from './transformers/images.ts';
import { applyReplicas } from './transformers/replicas.ts';
import { addHashSuffixes } from './transformers/hash-suffix.ts';
import { runPatches, runPatchesJson6902, runPatchesStrategicMerge, runReplacements } from './helper-steps.ts';
import { generateResources } from './generators/generate.ts';
import type { StepSettings } from './version.ts';
import { toSelector } from './patch/apply-fields.ts';
import { applyValueAdd, type ValueAddTarget } from './transformers/value-add.ts';
import { generateIamServiceAccount } from './generators/iam-policy.ts';
import { parseYamlDocuments } from './yaml/reader.ts';

function list(v: JsonValue | undefined): JsonValue[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function imageRule(v: JsonValue): ImageRule {
  if (!isJsonObject(v)) throw new KustomizeError(`images: each entry must be a mapping, got ${JSON.stringify(v)}`);
  return { name: stringField(v.name), newName: stringField(v.newName), newTag: stringField(v.newTag), digest: stringField(v.digest), tagSuffix: stringField(v.tagSuffix) };
}

function replicaCount(v: JsonValue): { name: string; count: number } {
  if (!isJsonObject(v)) throw new KustomizeError(`replicas: each entry must be a mapping, got ${JSON.stringify(v)}`);
  const count = typeof v.count === 'number' ? v.count : 0;
  return { name: stringField(v.name), count };
}

function labelSpecs(entry: JsonObject, config: TransformerConfig): FieldSpec[] {
  let fss = list(entry.fields).map(fieldSpecFromJson);
  if (entry.includeSelectors === true) fss = mergeFieldSpecs(fss, config.commonLabels);
  else {
    fss = mergeFieldSpecs(fss, [spec('metadata/labels create')]);
    if (entry.includeTemplates === true) fss = mergeFieldSpecs(fss, config.templateLabels);
  }
  return fss;
}

/** Where origin and transformation records come from: the kustomization file, relative to the build root. */
export interface TransformRecorder {
  configuredIn: string;
  /** The repository and ref of a remote base's kustomization. */
  repo?: string;
  ref?: string;
  /** buildMetadata lists transformerAnnotations. */
  transformations: boolean;
}

/**
 * Runs one transformer. With a recorder (buildMetadata: originAnnotations or transformerAnnotations),
 * kustomize notes every configured transformer on every resource of the level, whether or not it
 * changed that resource; a resource whose origin the transformer erased (a JSON patch replacing all
 * annotations) is taken as made by it instead.
 */
export function tracked(resources: Resource[], recorder: TransformRecorder | undefined, configuredBy: ResourceOrigin['configuredBy'], run: () => void): void {
  run();
  if (!recorder) return;
  for (const r of resources) {
    const record = { repo: recorder.repo, ref: recorder.ref, configuredIn: recorder.configuredIn, configuredBy };
    if (!r.origin) r.origin = record;
    else if (recorder.transformations) (r.transformations ??= []).push(record);
  }
}

function builtin(kind: string): ResourceOrigin['configuredBy'] {
  return { apiVersion: 'builtin', kind };
}

export function runBuiltinTransformers(
  resources: Resource[],
  k: JsonObject,
  loader: Loader,
  config: TransformerConfig,
  settings: StepSettings,
  recorder?: TransformRecorder,
): void {
  // Transformers with nothing to do (no namespace, no prefix, ...) are not configured, so not recorded.
  // Failures name the kustomization field they come from; the caller adds the file.
  const step = (kind: string, field: string, active: boolean, run: () => void) => {
    try {
      if (active) tracked(resources, recorder, builtin(kind), run);
      else run();
    } catch (err) {
      throw wrapError(field, err);
    }
  };
  const psm = list(k.patchesStrategicMerge);
  step('PatchStrategicMergeTransformer', 'patchesStrategicMerge', psm.length > 0, () => runPatchesStrategicMerge(resources, psm, loader, settings));
  for (const patch of list(k.patches)) step('PatchTransformer', 'patches', true, () => runPatches(resources, [patch], loader, settings));
  const namespace = stringField(k.namespace);
  step('NamespaceTransformer', 'namespace', namespace !== '', () => applyNamespace(resources, { namespace, fieldSpecs: config.namespace }));
  if (namespace !== '') failOnIdConflict(resources, 'namespace transformation produces ID conflict');
  const prefix = stringField(k.namePrefix);
  step('PrefixTransformer', 'namePrefix', prefix !== '', () => applyNameAffix(resources, prefix, 'prefix', config.namePrefix));
  const suffix = stringField(k.nameSuffix);
  step('SuffixTransformer', 'nameSuffix', suffix !== '', () => applyNameAffix(resources, suffix, 'suffix', config.nameSuffix));
  for (const entry of list(k.labels)) {
    if (!isJsonObject(entry)) throw new KustomizeError('labels: each entry must be a mapping');
    step('LabelTransformer', 'labels', true, () => addMapEntries(resources, stringMap(entry.pairs, 'labels.pairs'), labelSpecs(entry, config)));
  }
  const commonLabels = stringMap(k.commonLabels, 'commonLabels');
  // kustomize configures the commonLabels transformer, empty or not, whenever `labels` has entries.
  const labelsConfigured = Object.keys(commonLabels).length > 0 || list(k.labels).length > 0;
  step('LabelTransformer', 'commonLabels', labelsConfigured, () => addMapEntries(resources, commonLabels, config.commonLabels));
  const commonAnnotations = stringMap(k.commonAnnotations, 'commonAnnotations');
  step('AnnotationsTransformer', 'commonAnnotations', Object.keys(commonAnnotations).length > 0, () => addMapEntries(resources, commonAnnotations, config.commonAnnotations));
  for (const patch of list(k.patchesJson6902)) step('PatchJson6902Transformer', 'patchesJson6902', true, () => runPatchesJson6902(resources, [patch], loader));
  for (const r of list(k.replicas)) {
    const { name, count } = replicaCount(r);
    step('ReplicaCountTransformer', 'replicas', true, () => applyReplicas(resources, name, count, config.replicas));
  }
  for (const rule of list(k.images).map(imageRule)) step('ImageTagTransformer', 'images', true, () => applyImages(resources, [rule], config.images));
  const replacements = list(k.replacements);
  step('ReplacementTransformer', 'replacements', replacements.length > 0, () => runReplacements(resources, replacements, loader, settings));
}

export function failOnIdConflict(resources: Resource[], message: string): void {
  for (let i = 0; i < resources.length; i++) {
    for (let j = i + 1; j < resources.length; j++) {
      if (idsEqual(currentId(resources[i]), currentId(resources[j]))) {
        throw new KustomizeError(`${message}: ${describeId(currentId(resources[i]))} appears twice`);
      }
    }
  }
}

function specsOf(config: JsonObject): FieldSpec[] {
  return list(config.fieldSpecs).map(fieldSpecFromJson);
}

/** The value, trimmed; without one, the name of the kustomization's directory. */
function valueAddValue(config: JsonObject, loader: Loader): string {
  const value = stringField(config.value).trim();
  return value !== '' ? value : posix.basename(loader.root);
}

function valueAddTargets(config: JsonObject, loader: Loader): ValueAddTarget[] {
  const entries = list(config.targets);
  const file = stringField(config.targetFilePath);
  if (file !== '') {
    const doc = parseYamlDocuments(loader.loadText(file), file)[0];
    if (isJsonObject(doc)) entries.push(...list(doc.targets));
  }
  if (entries.length === 0) throw new KustomizeError('ValueAddTransformer: must specify at least one target');
  return entries.map((t) => {
    const entry = isJsonObject(t) ? t : {};
    const fieldPath = stringField(entry.fieldPath);
    if (fieldPath === '') throw new KustomizeError('ValueAddTransformer: fieldPath cannot be empty');
    const filePathPosition = typeof entry.filePathPosition === 'number' ? entry.filePathPosition : 0;
    if (filePathPosition < 0) throw new KustomizeError(`ValueAddTransformer: value of FilePathPosition (${filePathPosition}) cannot be negative`);
    return { selector: isJsonObject(entry.selector) ? toSelector(entry.selector) : undefined, fieldPath, filePathPosition };
  });
}

/** Runs one builtin plugin configuration (apiVersion builtin, kind PrefixSuffixTransformer, ...). */
export function runConfiguredTransformer(
  resources: Resource[],
  config: JsonObject,
  loader: Loader,
  settings: StepSettings,
  absorb: (generated: Resource) => void,
): void {
  const kind = stringField(config.kind);
  const md = isJsonObject(config.metadata) ? config.metadata : {};
  switch (kind) {
    case 'PrefixSuffixTransformer':
    case 'PrefixTransformer':
    case 'SuffixTransformer':
      applyNameAffix(resources, stringField(config.prefix), 'prefix', specsOf(config));
      applyNameAffix(resources, stringField(config.suffix), 'suffix', specsOf(config));
      return;
    case 'LabelTransformer':
      addMapEntries(resources, stringMap(config.labels, 'labels'), specsOf(config));
      return;
    case 'AnnotationsTransformer':
      addMapEntries(resources, stringMap(config.annotations, 'annotations'), specsOf(config));
      return;
    case 'NamespaceTransformer':
      applyNamespace(resources, {
        namespace: stringField(md.namespace),
        fieldSpecs: specsOf(config),
        unsetOnly: config.unsetOnly === true,
        setRoleBindingSubjects: (stringField(config.setRoleBindingSubjects) || 'defaultOnly') as RoleBindingSubjectsMode,
      });
      return;
    case 'ImageTagTransformer':
      applyImages(resources, [imageRule(config.imageTag ?? {})], specsOf(config));
      return;
    case 'ReplicaCountTransformer': {
      const { name, count } = replicaCount(config.replica ?? {});
      applyReplicas(resources, name, count, specsOf(config));
      return;
    }
    case 'PatchTransformer':
      runPatches(resources, [{ path: config.path ?? null, patch: config.patch ?? null, target: config.target ?? null, options: config.options ?? null }], loader, settings);
      return;
    case 'PatchStrategicMergeTransformer':
      runPatchesStrategicMerge(resources, [...list(config.paths), ...(config.patches !== undefined ? [config.patches] : [])], loader, settings);
      return;
    case 'PatchJson6902Transformer':
      runPatchesJson6902(resources, [{ target: config.target ?? null, path: config.path ?? null, patch: config.jsonOp ?? null }], loader);
      return;
    case 'HashTransformer':
      addHashSuffixes(resources);
      return;
    case 'ReplacementTransformer':
      runReplacements(resources, list(config.replacements), loader, settings);
      return;
    case 'ValueAddTransformer':
      applyValueAdd(resources, valueAddValue(config, loader), valueAddTargets(config, loader));
      return;
    case 'IAMPolicyGenerator':
      absorb(generateIamServiceAccount(config));
      return;
    case 'ConfigMapGenerator':
    case 'SecretGenerator': {
      const field = kind === 'ConfigMapGenerator' ? 'configMapGenerator' : 'secretGenerator';
      const args: JsonObject = { ...config, name: stringField(md.name) };
      if (md.namespace !== undefined) args.namespace = stringField(md.namespace);
      delete args.apiVersion;
      delete args.kind;
      delete args.metadata;
      for (const g of generateResources({ [field]: [args] }, loader)) absorb(g);
      return;
    }
    default:
      throw new KustomizeError(`unable to load plugin ${stringField(config.apiVersion)}/${kind} ${stringField(md.name)}: only kustomize's builtin transformers and generators are supported (no plugins run in a Flux build)`);
  }
}
