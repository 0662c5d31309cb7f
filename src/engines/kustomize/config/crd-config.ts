// The `crds:` field: files of OpenAPI definitions (type name → definition) whose properties carry
// kustomize's x-kubernetes-* hints. They add field specs: name references to other objects,
// annotation and label fields, and fields that get the name prefix.

import type { JsonObject, JsonValue } from '../resource.ts';
import { isJsonObject } from '../resource.ts';
import { KustomizeError } from '../errors.ts';
import type { FieldSpec } from './field-spec.ts';
import { emptyTransformerConfig, type TransformerConfig } from './transformer-config.ts';

/** encoding/json field lookup: exact name first, then any case. */
function field(obj: JsonObject, name: string): JsonValue | undefined {
  if (name in obj) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function propertiesOf(def: JsonValue | undefined): JsonObject {
  if (!isJsonObject(def)) return {};
  const schema = field(def, 'Schema');
  const props = isJsonObject(schema) ? schema.properties : undefined;
  return isJsonObject(props) ? props : {};
}

function looksLikeKubernetesType(props: JsonObject): boolean {
  return 'kind' in props && 'apiVersion' in props && 'metadata' in props;
}

function spec(kind: string, path: string[]): FieldSpec {
  return { group: '', version: '', kind, path: path.join('/'), create: false };
}

function loadType(config: TransformerConfig, kind: string, defs: JsonObject, typeName: string, path: string[], depth: number): void {
  if (depth > 50 || !(typeName in defs)) return;
  for (const [propName, property] of Object.entries(propertiesOf(defs[typeName]))) {
    if (!isJsonObject(property)) continue;
    const here = [...path, propName];
    if (typeof property['x-kubernetes-annotation'] === 'string') config.commonAnnotations.push(spec(kind, here));
    if (typeof property['x-kubernetes-label-selector'] === 'string') config.commonLabels.push(spec(kind, here));
    if (typeof property['x-kubernetes-identity'] === 'string') config.namePrefix.push(spec(kind, here));
    const refVersion = property['x-kubernetes-object-ref-api-version'];
    const refKind = property['x-kubernetes-object-ref-kind'];
    if (typeof refVersion === 'string' && typeof refKind === 'string') {
      const nameKey = typeof property['x-kubernetes-object-ref-name-key'] === 'string' ? property['x-kubernetes-object-ref-name-key'] : 'name';
      config.nameReference.push({ group: '', version: refVersion, kind: refKind, referrers: [spec(kind, [...here, nameKey])] });
    }
    const ref = property.$ref;
    if (typeof ref === 'string' && ref !== '') loadType(config, kind, defs, ref, here, depth + 1);
  }
}

export function transformerConfigFromCrdDefinitions(defs: JsonValue, file: string): TransformerConfig {
  if (!isJsonObject(defs) || Object.values(defs).some((d) => !isJsonObject(d))) {
    throw new KustomizeError(`loading CRDs [${file}]: unable to parse open API definition from '${file}': expected a map of OpenAPI definitions`);
  }
  const config = emptyTransformerConfig();
  for (const name of Object.keys(defs)) {
    if (!looksLikeKubernetesType(propertiesOf(defs[name]))) continue;
    const parts = name.split('.');
    if (parts.length < 3) throw new KustomizeError(`loading CRDs [${file}]: \`api\` should be specified in dot notation: group.version.kind (got '${name}')`);
    loadType(config, parts[parts.length - 1], defs, name, [], 0);
  }
  return config;
}
