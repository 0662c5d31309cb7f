// Turning a resources file into Resources: every document of a multi-document file, `*List` kinds
// expanded into their items, and a clear error for documents that are not Kubernetes objects.

import type { JsonObject, JsonValue, Resource } from './resource.ts';
import { isJsonObject, newResource } from './resource.ts';
import { KustomizeError } from './errors.ts';
import { parseYamlDocuments } from './yaml/reader.ts';

function expandLists(doc: JsonValue, file: string, out: JsonObject[]): void {
  if (!isJsonObject(doc)) throw new KustomizeError(`${file}: a resource must be a YAML mapping, got ${JSON.stringify(doc)}`);
  const kind = doc.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(doc.items)) {
    for (const item of doc.items) expandLists(item, file, out);
    return;
  }
  out.push(doc);
}

/** `annotationsAsText: false` for patches, whose annotation values (a null that deletes) must keep their type. */
export function resourcesFromText(text: string, file: string, originPath: string, annotationsAsText = true): Resource[] {
  const objects: JsonObject[] = [];
  for (const doc of parseYamlDocuments(text, file, { annotationsAsText })) expandLists(doc, file, objects);
  return objects.map((obj) => {
    if (typeof obj.kind !== 'string' || obj.kind === '') {
      throw new KustomizeError(`${file}: missing Resource metadata: a resource needs a kind (got ${JSON.stringify(obj).slice(0, 200)})`);
    }
    const md = obj.metadata;
    const name = isJsonObject(md) ? md.name : undefined;
    if (name === undefined || name === null || name === '' || typeof name === 'object') {
      throw new KustomizeError(`${file}: missing metadata.name in object ${JSON.stringify(obj).slice(0, 200)}`);
    }
    return newResource(obj, { path: originPath });
  });
}
