// Turning a resources file into Resources: every document of a multi-document file, `*List` kinds
// expanded into their items, and a clear error for documents that are not Kubernetes objects.

import type { JsonObject, JsonValue, Resource } from './resource.ts';
import { isJsonObject, newResource } from './resource.ts';
import { KustomizeError } from './errors.ts';
import { parseYamlDocuments } from './yaml/reader.ts';

function isListKind(doc: JsonObject): boolean {
  return typeof doc.kind === 'string' && doc.kind.endsWith('List');
}

/**
 * kustomize expands a list kind's `items`; a null `items` gives nothing, and so does any other non-list
 * `items` when the list is alone in its file (among other documents it fails). A list kind without
 * `items` stays an object of its own, with empty metadata and no name needed.
 */
function expandLists(doc: JsonValue, file: string, out: JsonObject[], alone: boolean): void {
  if (!isJsonObject(doc)) throw new KustomizeError(`${file}: a resource must be a YAML mapping, got ${JSON.stringify(doc)}`);
  if (isListKind(doc)) {
    const items = doc.items;
    if (Array.isArray(items)) {
      for (const item of items) expandLists(item, file, out, alone);
      return;
    }
    if (!alone && items !== undefined && items !== null) {
      throw new KustomizeError(`${file}: expected array in ${String(doc.kind)}/items, but found ${isJsonObject(items) ? 'a map' : JSON.stringify(items)}`);
    }
    if (items !== undefined) return;
    if (!isJsonObject(doc.metadata)) doc.metadata = {};
  }
  out.push(doc);
}

/** `annotationsAsText: false` for patches, whose annotation values (a null that deletes) must keep their type. */
export function resourcesFromText(text: string, file: string, originPath: string, annotationsAsText = true): Resource[] {
  const objects: JsonObject[] = [];
  const docs = parseYamlDocuments(text, file, { annotationsAsText }).filter((doc) => doc !== null);
  for (const doc of docs) expandLists(doc, file, objects, docs.length === 1);
  return objects.map((obj) => {
    if (typeof obj.kind !== 'string' || obj.kind === '') {
      throw new KustomizeError(`${file}: missing Resource metadata: a resource needs a kind (got ${JSON.stringify(obj).slice(0, 200)})`);
    }
    const md = obj.metadata;
    const name = isJsonObject(md) ? md.name : undefined;
    if ((name === undefined || name === null || name === '' || typeof name === 'object') && !isListKind(obj)) {
      throw new KustomizeError(`${file}: missing metadata.name in object ${JSON.stringify(obj).slice(0, 200)}`);
    }
    return newResource(obj, { path: originPath });
  });
}
