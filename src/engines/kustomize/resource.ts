// The resource model every part of the kustomize engine shares: a Kubernetes object as plain JSON plus
// the bookkeeping kustomize keeps beside it (where it came from, the names it had before prefixes,
// suffixes and hashes, how a generated object merges). Transformers, patches, generators and
// replacements all read and write this shape and nothing else.
//
// Values are what go-yaml v3 decodes into Go's interface{} and encoding/json carries on: strings,
// booleans, null, numbers, lists and string-keyed maps. Integers beyond JavaScript's safe range (but
// inside int64/uint64, where Go keeps them exact) are bigints so they print back unchanged.
// Timestamps are already turned into the RFC 3339 strings kustomize prints.

export type JsonScalar = string | number | bigint | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** How a generated ConfigMap/Secret combines with an existing one of the same id (kustomize's GenerationBehavior). */
export type GeneratorBehavior = 'create' | 'merge' | 'replace';

/** Group, version, kind, name and namespace: what kustomize calls a ResId. Empty strings mean "unset". */
export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface Resource {
  object: JsonObject;
  /** The file (relative to the build root) the resource was read from, or the generator that made it. */
  origin?: ResourceOrigin;
  /**
   * Ids this resource had before renames (prefix/suffix, hash suffix, patches with allowNameChange,
   * namespace changes), oldest first. nameReference uses them to find the references to rewrite.
   */
  previousIds: ResId[];
  /** Set on generated ConfigMaps/Secrets: the merge behavior and whether the name gets a content hash. */
  generated?: { behavior: GeneratorBehavior; needsHashSuffix: boolean };
  /** Transformers that changed the resource, for buildMetadata: [transformerAnnotations]. */
  transformations?: ResourceOrigin[];
  /** Name prefixes and suffixes applied so far, innermost first (nameReference prefers referrals renamed alike). */
  namePrefixes?: string[];
  nameSuffixes?: string[];
}

/** kustomize's config.kubernetes.io/origin content. */
export interface ResourceOrigin {
  path?: string;
  repo?: string;
  ref?: string;
  configuredIn?: string;
  configuredBy?: { apiVersion: string; kind: string; name?: string; namespace?: string };
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function newResource(object: JsonObject, origin?: ResourceOrigin): Resource {
  return { object, origin, previousIds: [] };
}

export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

export function cloneResource(res: Resource): Resource {
  return {
    object: cloneJson(res.object),
    origin: res.origin,
    previousIds: res.previousIds.map((id) => ({ ...id })),
    generated: res.generated ? { ...res.generated } : undefined,
    transformations: res.transformations ? [...res.transformations] : undefined,
    namePrefixes: res.namePrefixes ? [...res.namePrefixes] : undefined,
    nameSuffixes: res.nameSuffixes ? [...res.nameSuffixes] : undefined,
  };
}

function stringAt(obj: JsonObject, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}

function metadataOf(obj: JsonObject): JsonObject {
  const m = obj.metadata;
  return isJsonObject(m) ? m : {};
}

export function getKind(obj: JsonObject): string {
  return stringAt(obj, 'kind');
}
export function getName(obj: JsonObject): string {
  // kustomize reads the name as node text, so `name: 5` is the name "5".
  const v = metadataOf(obj).name;
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : stringAt(metadataOf(obj), 'name');
}
export function getNamespace(obj: JsonObject): string {
  return stringAt(metadataOf(obj), 'namespace');
}

/** Splits apiVersion into group and version ("apps/v1" → apps, v1; "v1" → "", v1). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function resIdOf(obj: JsonObject): ResId {
  const { group, version } = splitApiVersion(stringAt(obj, 'apiVersion'));
  return { group, version, kind: getKind(obj), name: getName(obj), namespace: getNamespace(obj) };
}

/** Sets metadata.<key>, creating metadata when missing. */
export function setMetadataField(obj: JsonObject, key: string, value: JsonValue): void {
  if (!isJsonObject(obj.metadata)) obj.metadata = {};
  (obj.metadata as JsonObject)[key] = value;
}

export function setName(obj: JsonObject, name: string): void {
  setMetadataField(obj, 'name', name);
}
export function setNamespace(obj: JsonObject, namespace: string): void {
  setMetadataField(obj, 'namespace', namespace);
}

/** "Kind.version.group/name.namespace", kustomize's way of naming a resource in messages. */
export function describeId(id: ResId): string {
  const gvk = [id.kind || '~K', id.version || '~V', id.group || '~G'].join('.');
  return `${gvk}/${id.name || '~N'}.${id.namespace || '~X'}`;
}

/** Loads files for patches and generators, relative to the kustomization being built, with kustomize's root restrictions. */
export interface KustomizationFileLoader {
  /** The directory of the kustomization, absolute. */
  readonly root: string;
  /** Reads a file given relative to the kustomization directory (or absolute). Throws a message naming the file. */
  load(path: string): Uint8Array;
}
