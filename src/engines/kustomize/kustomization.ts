// Finding, reading and normalizing a kustomization file: the recognized file names, the legacy fields
// kustomize still accepts (bases, imageTags, ...), and the fields Flux refuses (helm charts).

import type { JsonObject, JsonValue } from './resource.ts';
import { isJsonObject } from './resource.ts';
import type { Loader } from './loader.ts';
import { KustomizeError, errorMessage } from './errors.ts';
import { parseYamlDocuments } from './yaml/reader.ts';
import { KUSTOMIZATION_FIELDS, checkKustomizationShape, entryFields } from './kustomization-schema.ts';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface LoadedKustomization {
  /** The normalized content. */
  k: JsonObject;
  /** The file name it was read from, relative to its directory. */
  fileName: string;
}

export function loadKustomization(loader: Loader): LoadedKustomization {
  const found = KUSTOMIZATION_FILE_NAMES.filter((n) => loader.fs.stat(`${loader.root}/${n}`) === 'file');
  if (found.length === 0) {
    throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${loader.root}'`);
  }
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${loader.root}`);
  const fileName = found[0];
  const path = `${loader.root}/${fileName}`;
  let docs: JsonValue[];
  try {
    docs = parseYamlDocuments(loader.loadText(fileName), path, { yamlVersion: '1.1', duplicateKeys: 'last' });
  } catch (err) {
    throw new KustomizeError(`invalid Kustomization: ${errorMessage(err)}`, { cause: err });
  }
  const raw = docs[0] ?? {};
  if (!isJsonObject(raw)) throw new KustomizeError(`invalid Kustomization ${path}: the file must hold a mapping`);
  return { k: normalize(raw, path), fileName };
}

function strings(v: JsonValue | undefined, field: string, path: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new KustomizeError(`invalid Kustomization ${path}: ${field} must be a list`);
  return v.map((x) => (typeof x === 'string' ? x : String(x)));
}

/** encoding/json matches field names case-insensitively; rename keys to the spelling kustomize documents. */
function canonicalKeys(obj: JsonObject, known: Iterable<string>): JsonObject {
  const byLower = new Map([...known].map((f) => [f.toLowerCase(), f]));
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) out[byLower.get(key.toLowerCase()) ?? key] = value;
  return out;
}

function normalize(raw: JsonObject, path: string): JsonObject {
  // Unknown fields and wrong types fail here, so what follows sees only the fields kustomize declares.
  checkKustomizationShape(raw, path);
  const k: JsonObject = canonicalKeys(raw, KUSTOMIZATION_FIELDS);
  for (const [field, allowed] of Object.entries(ENTRY_FIELDS)) {
    const v = k[field];
    if (Array.isArray(v)) k[field] = v.map((e) => (isJsonObject(e) ? canonicalKeys(e, allowed) : e));
  }
  if (Object.keys(k).filter((key) => key !== 'apiVersion' && key !== 'kind').length === 0) {
    throw new KustomizeError(`${path.split('/').pop()} is empty`);
  }
  const kind = k.kind ?? 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') {
    throw new KustomizeError(`invalid Kustomization ${path}: kind should be Kustomization or Component, not ${String(kind)}`);
  }
  k.kind = kind;
  const requiredVersion = kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (k.apiVersion !== undefined && k.apiVersion !== null && k.apiVersion !== '' && k.apiVersion !== requiredVersion) {
    throw new KustomizeError(`Failed to read kustomization file under ${path.slice(0, path.lastIndexOf('/'))}:\napiVersion for ${kind} should be ${requiredVersion}`);
  }
  if (isJsonObject(k.openapi) && k.openapi.version !== undefined && k.openapi.version !== 'v1.21.2') {
    throw new KustomizeError(`${path}: the specified OpenAPI version ${String(k.openapi.version)} is not built in (only v1.21.2 is)`);
  }
  // helmGlobals alone, or an empty chart list, configures no generator, so kustomize builds without Helm.
  for (const helm of ['helmCharts', 'helmChartInflationGenerator']) {
    const charts = k[helm];
    if (charts !== undefined && charts !== null && !(Array.isArray(charts) && charts.length === 0)) {
      throw new KustomizeError(`${path}: ${helm} is not supported: Helm chart inflation is refused (Flux builds kustomizations without Helm)`);
    }
  }
  k.resources = [...strings(k.resources, 'resources', path), ...strings(k.bases, 'bases', path)];
  delete k.bases;
  if (Array.isArray(k.imageTags)) {
    k.images = [...(Array.isArray(k.images) ? k.images : []), ...k.imageTags];
    delete k.imageTags;
  }
  return k;
}

// List fields whose entries' keys the engine reads by their documented spelling.
const ENTRY_FIELDS = Object.fromEntries(['images', 'imageTags', 'replicas', 'labels', 'patches', 'patchesJson6902'].map((f) => [f, entryFields(f)]));

/** A map of string values (labels, annotations); kustomize reads them as strings whatever YAML type they have. */
export function stringMap(v: JsonValue | undefined, field: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isJsonObject(v)) throw new KustomizeError(`${field} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(v)) {
    if (value !== null && typeof value !== 'string') {
      throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${typeof value === 'boolean' ? 'bool' : 'number'} into Go value of type string (${field}.${key})`);
    }
    out[key] = value ?? '';
  }
  return out;
}

export function stringField(v: JsonValue | undefined, field = 'field'): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${typeof v === 'boolean' ? 'bool' : 'number'} into Go struct field of type string (${field})`);
  return v;
}
