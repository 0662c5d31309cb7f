// The shape kustomize v5.5 decodes a kustomization file into (its Go structs), so that a field of the
// wrong type or an unknown field fails the build as it does in kustomize, with a message naming the
// field: Go's JSON decoder refuses a number where a string goes, an object where a list of strings
// goes, a fraction where an integer goes, and keys no struct declares.

import type { JsonValue } from './resource.ts';
import { isJsonObject } from './resource.ts';
import { KustomizeError } from './errors.ts';

type Shape = 'string' | 'bool' | 'int' | 'any' | { list: Shape; goType?: string } | { map: Shape } | Struct;

interface Struct {
  struct: string;
  fields: Record<string, Shape>;
}

const strings: Shape = { list: 'string' };
const stringMap: Shape = { map: 'string' };

const selector: Struct = {
  struct: 'Selector',
  fields: { group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string', labelSelector: 'string', annotationSelector: 'string' },
};
const fieldSpec: Struct = { struct: 'FieldSpec', fields: { group: 'string', version: 'string', kind: 'string', path: 'string', create: 'bool' } };
const patch: Struct = { struct: 'Patch', fields: { path: 'string', patch: 'string', target: selector, options: { map: 'bool' } } };
const image: Struct = { struct: 'Image', fields: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } };
const generatorOptions: Struct = {
  struct: 'GeneratorOptions',
  fields: { labels: stringMap, annotations: stringMap, disableNameSuffixHash: 'bool', immutable: 'bool' },
};
const generatorArgs = {
  namespace: 'string',
  name: 'string',
  behavior: 'string',
  literals: strings,
  files: strings,
  envs: strings,
  env: 'string',
  options: generatorOptions,
} satisfies Record<string, Shape>;
const fieldOptions: Struct = { struct: 'FieldOptions', fields: { delimiter: 'string', index: 'int', encoding: 'string', create: 'bool' } };
const replacement: Struct = {
  struct: 'ReplacementField',
  fields: {
    path: 'string',
    source: {
      struct: 'SourceSelector',
      fields: { group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string', fieldPath: 'string', options: fieldOptions },
    },
    targets: {
      list: { struct: 'TargetSelector', fields: { select: selector, reject: { list: selector }, fieldPaths: strings, options: fieldOptions } },
    },
  },
};

const KUSTOMIZATION: Struct = {
  struct: 'Kustomization',
  fields: {
    apiVersion: 'string',
    kind: 'string',
    metadata: { struct: 'ObjectMeta', fields: { name: 'string', namespace: 'string', labels: stringMap, annotations: stringMap } },
    openapi: stringMap,
    namePrefix: 'string',
    nameSuffix: 'string',
    namespace: 'string',
    commonLabels: stringMap,
    labels: { list: { struct: 'Label', fields: { pairs: stringMap, includeSelectors: 'bool', includeTemplates: 'bool', fields: { list: fieldSpec } } } },
    commonAnnotations: stringMap,
    patchesStrategicMerge: { list: 'string', goType: 'types.PatchStrategicMerge' },
    patchesJson6902: { list: patch },
    patches: { list: patch },
    images: { list: image },
    imageTags: { list: image },
    replacements: { list: replacement },
    replicas: { list: { struct: 'Replica', fields: { name: 'string', count: 'int' } } },
    vars: {
      list: {
        struct: 'Var',
        fields: {
          name: 'string',
          objref: { struct: 'Target', fields: { apiVersion: 'string', group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string' } },
          fieldref: { struct: 'FieldSelector', fields: { fieldpath: 'string' } },
        },
      },
    },
    sortOptions: {
      struct: 'SortOptions',
      fields: { order: 'string', legacySortOptions: { struct: 'LegacySortOptions', fields: { orderFirst: strings, orderLast: strings } } },
    },
    resources: strings,
    components: strings,
    crds: strings,
    bases: strings,
    configMapGenerator: { list: { struct: 'ConfigMapArgs', fields: generatorArgs } },
    secretGenerator: { list: { struct: 'SecretArgs', fields: { ...generatorArgs, type: 'string' } } },
    generatorOptions,
    configurations: strings,
    generators: strings,
    transformers: strings,
    validators: strings,
    buildMetadata: strings,
    helmGlobals: 'any',
    helmCharts: 'any',
    helmChartInflationGenerator: 'any',
  },
};

/** The top-level fields, spelled as kustomize documents them. */
export const KUSTOMIZATION_FIELDS: readonly string[] = Object.keys(KUSTOMIZATION.fields);

/** The fields of a list field's entries (images, patches, ...), spelled as kustomize documents them. */
export function entryFields(field: string): string[] {
  const shape = KUSTOMIZATION.fields[field];
  const entry = typeof shape === 'object' && 'list' in shape ? shape.list : undefined;
  if (typeof entry !== 'object' || !('struct' in entry)) throw new Error(`${field} is not a list of structs`);
  return Object.keys(entry.fields);
}

function jsonType(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (isJsonObject(v)) return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  return 'string';
}

function goType(shape: Shape): string {
  if (typeof shape === 'string') return shape === 'int' ? 'int64' : shape;
  if ('struct' in shape) return `types.${shape.struct}`;
  if ('list' in shape) return shape.goType ?? `[]${goType(shape.list)}`;
  return `map[string]${goType(shape.map)}`;
}

/** Go matches JSON keys to struct fields exactly, else case-insensitively. */
function fieldOf(struct: Struct, key: string): Shape | undefined {
  if (Object.hasOwn(struct.fields, key)) return struct.fields[key];
  const lower = key.toLowerCase();
  const match = Object.keys(struct.fields).find((f) => f.toLowerCase() === lower);
  return match === undefined ? undefined : struct.fields[match];
}

function check(value: JsonValue, shape: Shape, owner: string, path: string, file: string): void {
  if (value === null || shape === 'any') return;
  const fail = (detail = jsonType(value)) => {
    throw new KustomizeError(`invalid Kustomization ${file}: json: cannot unmarshal ${detail} into Go struct field ${owner}.${path} of type ${goType(shape)}`);
  };
  if (shape === 'string') {
    if (typeof value !== 'string') fail();
    return;
  }
  if (shape === 'bool') {
    if (typeof value !== 'boolean') fail();
    return;
  }
  if (shape === 'int') {
    if (typeof value === 'bigint') return;
    if (typeof value !== 'number') fail();
    else if (!Number.isInteger(value)) fail(`number ${value}`);
    return;
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) fail();
    else for (const item of value) check(item, shape.list, owner, path, file);
    return;
  }
  if (!isJsonObject(value)) {
    fail();
    return;
  }
  if ('map' in shape) {
    for (const [key, item] of Object.entries(value)) check(item, shape.map, owner, `${path}.${key}`, file);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = fieldOf(shape, key);
    if (field === undefined) throw new KustomizeError(`invalid Kustomization ${file}: json: unknown field "${key}"${path === '' ? '' : ` in ${path}`}`);
    check(item, field, shape.struct, path === '' ? key : `${path}.${key}`, file);
  }
}

/** Fails like kustomize's decoder on a kustomization whose fields have the wrong types or are unknown. */
export function checkKustomizationShape(raw: JsonValue, file: string): void {
  check(raw, KUSTOMIZATION, 'Kustomization', '', file);
}
