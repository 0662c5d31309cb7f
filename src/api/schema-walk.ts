// Walks a CRD schema the way the apiserver reads it, yielding each node with its field path
// (`spec.ref.branch`, `spec.include[]`, `status.artifact.metadata.*`). Used by the structural-schema
// and type/schema agreement tests, and handy for anyone who needs every field of a kind.
import type { JSONSchemaProps } from './crd.ts';

export interface SchemaNode {
  path: string;
  schema: JSONSchemaProps;
}

export function* walkSchema(schema: JSONSchemaProps, path = ''): Generator<SchemaNode> {
  yield { path, schema };
  for (const [name, child] of Object.entries(schema.properties ?? {})) yield* walkSchema(child, join(path, name));
  if (schema.items) yield* walkSchema(schema.items, `${path}[]`);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    yield* walkSchema(schema.additionalProperties, join(path, '*'));
  }
}

/** The field paths a JSON value sets, in the notation of walkSchema. */
export function valuePaths(value: unknown, path = '', into = new Set<string>()): Set<string> {
  into.add(path);
  if (Array.isArray(value)) {
    for (const item of value) valuePaths(item, `${path}[]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) {
      valuePaths(child, join(path, name), into);
      // A map's entries also count as its `*` entry, the way walkSchema names additionalProperties.
      valuePaths(child, join(path, '*'), into);
    }
  }
  return into;
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
