import type { GeneratorBehavior, JsonObject, KustomizationFileLoader, Resource } from '../resource.ts';
import { resolvePlainV3 } from '../../yaml/resolve.ts';
import { loadKvPairs, type KvPair, type KvSources, type LoadFile } from './kv-sources.ts';

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** One entry of configMapGenerator or secretGenerator in a kustomization. */
export interface GeneratorArgs extends KvSources {
  name?: string;
  namespace?: string;
  behavior?: string;
  /** Legacy single env file, treated as one more entry of `envs`. */
  env?: string;
  options?: GeneratorOptions;
  /** Secrets only; defaults to Opaque. */
  type?: string;
}

/**
 * The ConfigMaps and Secrets of one kustomization's configMapGenerator and secretGenerator, in that
 * order, each marked with its behavior and whether its name gets a hash suffix.
 */
export function generateResources(kustomization: JsonObject, loader: KustomizationFileLoader): Resource[] {
  const globalOptions = kustomization['generatorOptions'] as GeneratorOptions | undefined;
  const load: LoadFile = (path) => loader.load(path);
  const configMaps = (kustomization['configMapGenerator'] ?? []) as GeneratorArgs[];
  const secrets = (kustomization['secretGenerator'] ?? []) as GeneratorArgs[];
  return [
    ...configMaps.map((args) => generateConfigMap(args, globalOptions, load)),
    ...secrets.map((args) => generateSecret(args, globalOptions, load)),
  ];
}

export function generateConfigMap(args: GeneratorArgs, globalOptions: GeneratorOptions | undefined, load: LoadFile): Resource {
  const object = baseObject('ConfigMap', args);
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const { key, value } of validatedPairs(args, load)) {
    if ('text' in value) data[key] = value.text;
    else binaryData[key] = wrappedBase64(value.bytes);
  }
  if (Object.keys(data).length > 0) object['data'] = data;
  if (Object.keys(binaryData).length > 0) object['binaryData'] = binaryData;
  return finish(object, args, globalOptions);
}

export function generateSecret(args: GeneratorArgs, globalOptions: GeneratorOptions | undefined, load: LoadFile): Resource {
  const object = baseObject('Secret', args);
  object['type'] = args.type !== undefined && args.type !== '' ? args.type : 'Opaque';
  const data: Record<string, string> = {};
  for (const { key, value } of validatedPairs(args, load)) {
    data[key] = wrappedBase64('text' in value ? Buffer.from(value.text, 'utf8') : value.bytes);
  }
  object['data'] = data;
  return finish(object, args, globalOptions);
}

function baseObject(kind: string, args: GeneratorArgs): JsonObject {
  if (args.name === undefined || args.name === '') throw new Error(`a configmap must have a name`);
  const metadata: JsonObject = { name: args.name };
  if (args.namespace !== undefined && args.namespace !== '') metadata['namespace'] = args.namespace;
  return { apiVersion: 'v1', kind, metadata };
}

function validatedPairs(args: GeneratorArgs, load: LoadFile): KvPair[] {
  const envs = [...(args.envs ?? []), ...(args.env !== undefined && args.env !== '' ? [args.env] : [])];
  let pairs: KvPair[];
  try {
    pairs = loadKvPairs({ literals: args.literals, files: args.files, envs }, load);
  } catch (err) {
    throw new Error(`loading KV pairs: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const seen = new Set<string>();
  for (const { key } of pairs) {
    // kustomize says "configmap" for Secrets too.
    if (seen.has(key)) throw new Error(`configmap ${args.name ?? ''} illegally repeats the key \`${key}\``);
    seen.add(key);
  }
  for (const { key } of pairs) {
    // kustomize writes each key as an untyped YAML scalar; one that reads as a number, boolean, null
    // or date makes the object impossible to convert to JSON later, and the build fails.
    const tag = resolvePlainV3(key).tag;
    if (tag !== 'str') throw new Error(`data key "${key}" of ${args.name ?? ''} reads as a YAML !!${tag}, which kustomize cannot encode as JSON`);
  }
  return pairs;
}

function finish(object: JsonObject, args: GeneratorArgs, globalOptions: GeneratorOptions | undefined): Resource {
  const options = mergeOptions(args.options, globalOptions);
  const metadata = object['metadata'] as JsonObject;
  if (options.labels !== undefined && Object.keys(options.labels).length > 0) metadata['labels'] = { ...options.labels };
  if (options.annotations !== undefined && Object.keys(options.annotations).length > 0) {
    metadata['annotations'] = { ...options.annotations };
  }
  if (options.immutable === true) object['immutable'] = true;
  return {
    object,
    previousIds: [],
    generated: { behavior: parseBehavior(args.behavior), needsHashSuffix: options.disableNameSuffixHash !== true },
  };
}

/** The entry's own options win over the kustomization's generatorOptions, key by key. */
export function mergeOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions {
  if (global === undefined) return local ?? {};
  const merged: GeneratorOptions = { ...local };
  if (global.labels !== undefined) merged.labels = { ...global.labels, ...local?.labels };
  if (global.annotations !== undefined) merged.annotations = { ...global.annotations, ...local?.annotations };
  if (global.disableNameSuffixHash === true) merged.disableNameSuffixHash = true;
  if (global.immutable === true) merged.immutable = true;
  return merged;
}

// kustomize treats an unknown or missing behavior as create.
function parseBehavior(behavior: string | undefined): GeneratorBehavior {
  return behavior === 'merge' || behavior === 'replace' ? behavior : 'create';
}

/** Base64 as kustomize writes it: lines of 70 characters, each ending in a newline once there are several. */
export function wrappedBase64(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes).toString('base64');
  if (encoded.length < 70) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += `${encoded.slice(i, i + 70)}\n`;
  return out;
}
