// The field-spec tables one build works with: the built-in ones plus whatever `configurations` files
// and CRDs add (kustomize's TransformerConfig). Nested kustomizations merge theirs into their parent's.

import type { JsonValue } from '../resource.ts';
import { isJsonObject } from '../resource.ts';
import * as defaults from './default-field-specs.ts';
import { fieldSpecFromJson, mergeFieldSpecs, type FieldSpec, type NameBackReference } from './field-spec.ts';

export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  namespace: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  varReference: FieldSpec[];
  nameReference: NameBackReference[];
}

export function defaultTransformerConfig(): TransformerConfig {
  return {
    namePrefix: [...defaults.NAME_PREFIX_SPECS],
    nameSuffix: [...defaults.NAME_SUFFIX_SPECS],
    commonLabels: [...defaults.COMMON_LABEL_SPECS],
    templateLabels: [...defaults.TEMPLATE_LABEL_SPECS],
    commonAnnotations: [...defaults.COMMON_ANNOTATION_SPECS],
    namespace: [...defaults.NAMESPACE_SPECS],
    images: [...defaults.IMAGE_SPECS],
    replicas: [...defaults.REPLICA_SPECS],
    varReference: [...defaults.VAR_REFERENCE_SPECS],
    nameReference: defaults.NAME_REFERENCE_SPECS.map((r) => ({ ...r, referrers: [...r.referrers] })),
  };
}

export function emptyTransformerConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    commonLabels: [],
    templateLabels: [],
    commonAnnotations: [],
    namespace: [],
    images: [],
    replicas: [],
    varReference: [],
    nameReference: [],
  };
}

export function mergeNameReferences(into: NameBackReference[], more: NameBackReference[]): NameBackReference[] {
  const out = into.map((r) => ({ ...r, referrers: [...r.referrers] }));
  for (const m of more) {
    const same = out.find((o) => o.group === m.group && o.version === m.version && o.kind === m.kind);
    if (same) same.referrers = mergeFieldSpecs(same.referrers, m.referrers);
    else out.push({ ...m, referrers: [...m.referrers] });
  }
  return out;
}

export function mergeTransformerConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  return {
    namePrefix: mergeFieldSpecs(a.namePrefix, b.namePrefix),
    nameSuffix: mergeFieldSpecs(a.nameSuffix, b.nameSuffix),
    commonLabels: mergeFieldSpecs(a.commonLabels, b.commonLabels),
    templateLabels: mergeFieldSpecs(a.templateLabels, b.templateLabels),
    commonAnnotations: mergeFieldSpecs(a.commonAnnotations, b.commonAnnotations),
    namespace: mergeFieldSpecs(a.namespace, b.namespace),
    images: mergeFieldSpecs(a.images, b.images),
    replicas: mergeFieldSpecs(a.replicas, b.replicas),
    varReference: mergeFieldSpecs(a.varReference, b.varReference),
    nameReference: mergeNameReferences(a.nameReference, b.nameReference),
  };
}

function specList(v: JsonValue | undefined): FieldSpec[] {
  return Array.isArray(v) ? v.map(fieldSpecFromJson) : [];
}

/** Reads a `configurations` file (keys namePrefix, commonLabels, nameReference, ... as in kustomize). */
export function transformerConfigFromJson(doc: JsonValue, file: string): TransformerConfig {
  if (!isJsonObject(doc)) throw new Error(`${file}: a transformer configuration must be a mapping`);
  const known = ['namePrefix', 'nameSuffix', 'commonLabels', 'templateLabels', 'commonAnnotations', 'namespace', 'images', 'replicas', 'varReference', 'nameReference'];
  for (const k of Object.keys(doc)) if (!known.includes(k)) throw new Error(`${file}: json: unknown field "${k}"`);
  const nameReference: NameBackReference[] = Array.isArray(doc.nameReference)
    ? doc.nameReference.map((r) => {
        const o = isJsonObject(r) ? r : {};
        const g = fieldSpecFromJson(o);
        return { group: g.group, version: g.version, kind: g.kind, referrers: specList(o.fieldSpecs) };
      })
    : [];
  return {
    namePrefix: specList(doc.namePrefix),
    nameSuffix: specList(doc.nameSuffix),
    commonLabels: specList(doc.commonLabels),
    templateLabels: specList(doc.templateLabels),
    commonAnnotations: specList(doc.commonAnnotations),
    namespace: specList(doc.namespace),
    images: specList(doc.images),
    replicas: specList(doc.replicas),
    varReference: specList(doc.varReference),
    nameReference,
  };
}
