// Telling a patch's text apart: strategic merge patches are YAML objects (one or more documents),
// JSON 6902 patches are a list of operations written as JSON or YAML.
import type { JsonObject, JsonValue } from '../resource.ts';
import { resourcesFromText } from '../resource-files.ts';
import { parseYamlDocuments } from '../yaml/reader.ts';
import { decodeJsonPatch, type JsonPatchOperation } from './json6902.ts';

export type ParsedPatch = { kind: 'strategic'; patches: JsonObject[] } | { kind: 'json6902'; operations: JsonPatchOperation[] };

/**
 * kustomize's SliceFromBytes for patches: read like a resources file (every document an object with a
 * kind and a name, `*List` kinds expanded).
 */
export function parseStrategicPatches(text: string, source: string): JsonObject[] {
  return resourcesFromText(text, source, '', false).map((res) => res.object);
}

/** kustomize's jsonPatchFromBytes: JSON when the text starts with '[', otherwise YAML. */
export function parseJsonPatch(text: string, source: string): JsonPatchOperation[] {
  if (text === '') throw new Error('empty json patch operations');
  let value: JsonValue;
  if (text.startsWith('[')) value = JSON.parse(text) as JsonValue;
  else {
    const docs = parseYamlDocuments(text, source);
    if (docs.length > 1) throw new Error(`${source}: a JSON patch must be a single document`);
    value = docs[0] ?? null;
  }
  return decodeJsonPatch(value);
}

/** Decides between the two kinds as kustomize's PatchTransformer does. */
export function parsePatch(text: string, source: string, emptyIsNothing = false): ParsedPatch {
  let strategic: JsonObject[] | undefined;
  let operations: JsonPatchOperation[] | undefined;
  try {
    strategic = parseStrategicPatches(text, source);
  } catch {
    strategic = undefined;
  }
  try {
    operations = parseJsonPatch(text, source);
  } catch {
    operations = undefined;
  }
  // kustomize v5.5.0 refuses text that parses both ways, even when both are empty (a comment-only file).
  if (strategic !== undefined && operations !== undefined) {
    if (emptyIsNothing && strategic.length === 0 && operations.length === 0) return { kind: 'strategic', patches: [] };
    throw new Error(`illegally qualifies as both an SM and JSON patch: ${source}`);
  }
  if (strategic !== undefined) return { kind: 'strategic', patches: strategic };
  if (operations !== undefined) return { kind: 'json6902', operations };
  throw new Error(`unable to parse SM or JSON patch from ${source}`);
}
