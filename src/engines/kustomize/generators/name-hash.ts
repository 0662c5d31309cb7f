import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '../resource.ts';
import { goJsonMarshal } from './go-json.ts';

/**
 * The suffix kustomize appends to a generated object's name (`name-<suffix>`): the first ten hex
 * digits of a SHA-256 over a JSON encoding of the object, with the characters that could spell
 * words or look alike replaced (0→g, 1→h, 3→k, a→m, e→t).
 */
export function nameHashSuffix(object: JsonObject): string {
  return encodeHash(createHash('sha256').update(hashInput(object), 'utf8').digest('hex'));
}

/** Kustomize's hash of a list of strings (sorted first), used where it hashes several values at once. */
export function hashSortedStrings(values: string[]): string {
  const sorted = [...values].sort();
  return encodeHash(createHash('sha256').update(goJsonMarshal(sorted), 'utf8').digest('hex'));
}

const SUBSTITUTIONS: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

function encodeHash(hex: string): string {
  return [...hex.slice(0, 10)].map((c) => SUBSTITUTIONS[c] ?? c).join('');
}

function hashInput(object: JsonObject): string {
  const kind = object['kind'];
  const metadata = (object['metadata'] ?? {}) as JsonObject;
  // kustomize looks the name up as the single field "metadata/name", which never exists: the name
  // always hashes as "", so prefixes and suffixes do not change the hash.
  const name = '';
  if (kind === 'ConfigMap') {
    const encoded: JsonObject = { kind: 'ConfigMap', name, data: fieldOrEmpty(object, 'data') };
    if (isObject(object['binaryData'])) encoded['binaryData'] = object['binaryData'];
    return goJsonMarshal(encoded);
  }
  if (kind === 'Secret') {
    const encoded: JsonObject = {
      kind: 'Secret',
      type: fieldOrEmpty(object, 'type'),
      name,
      data: fieldOrEmpty(object, 'data'),
    };
    if (isObject(object['stringData'])) encoded['stringData'] = object['stringData'];
    return goJsonMarshal(encoded);
  }
  throw new Error(`computing the name hash of ${String(kind)}/${String(metadata['name'])}: only ConfigMaps and Secrets can get a hash suffix`);
}

// Kustomize reads each field as text when it is a scalar and as a JSON object otherwise; a missing
// field hashes as the empty string.
function fieldOrEmpty(object: JsonObject, key: string): JsonValue {
  const value = object[key];
  if (value === undefined || value === null) return '';
  if (isObject(value)) return value;
  return String(value);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
