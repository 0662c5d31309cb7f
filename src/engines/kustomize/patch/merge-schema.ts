// The part of an OpenAPI schema that strategic merge needs: per field, the patch strategy and merge
// keys of lists, and the way down to nested fields. kustomize (kyaml) reads these from the OpenAPI
// document it compiles in; schema-data.json holds the same facts, compacted by compactSwagger().

/**
 * A schema node. `r` names a definition to resolve; `p` maps property names to their schema (0 when
 * the property exists but nothing below it matters for merging); `a` is additionalProperties; `i` the
 * items of an array (present exactly when the node is an array with items); `s` the
 * x-kubernetes-patch-strategy; `k` the merge keys (x-kubernetes-list-map-keys, else the patch merge key).
 */
export interface SchemaNode {
  r?: string;
  p?: Record<string, SchemaNode | 0>;
  a?: SchemaNode | 0;
  i?: SchemaNode | 0;
  s?: string;
  k?: string[];
}

export interface MergeSchemaData {
  /** "apiVersion kind" (as in the object: "apps/v1 Deployment") → definition name. */
  kinds: Record<string, string>;
  definitions: Record<string, SchemaNode>;
}

const EMPTY: SchemaNode = {};

export class MergeSchema {
  readonly #data: MergeSchemaData;

  constructor(data: MergeSchemaData) {
    this.#data = data;
  }

  forKind(apiVersion: string, kind: string): SchemaNode | undefined {
    const name = this.#data.kinds[`${apiVersion} ${kind}`];
    return name === undefined ? undefined : this.resolve({ r: name });
  }

  /** kyaml's ResourceSchema.Field: a property, else additionalProperties, refs resolved; undefined when unknown. */
  field(node: SchemaNode, name: string): SchemaNode | undefined {
    const resolved = this.resolve(node);
    if (resolved === undefined) return undefined;
    const child = resolved.p !== undefined && Object.hasOwn(resolved.p, name) ? resolved.p[name] : resolved.a;
    if (child === undefined) return undefined;
    return child === 0 ? EMPTY : this.resolve(child);
  }

  /** kyaml's ResourceSchema.Elements: the schema of an array's items, or undefined when not an array. */
  elements(node: SchemaNode): SchemaNode | undefined {
    const resolved = this.resolve(node);
    if (resolved?.i === undefined) return undefined;
    return resolved.i === 0 ? EMPTY : this.resolve(resolved.i);
  }

  private resolve(node: SchemaNode): SchemaNode | undefined {
    let current: SchemaNode | undefined = node;
    for (let depth = 0; current?.r !== undefined; depth++) {
      if (depth > 100) return undefined; // a reference cycle: treat as unknown
      current = this.#data.definitions[current.r];
    }
    return current;
  }
}

/** The patch strategy and merge keys of a list field, as kyaml's PatchStrategyAndKeyList reads them. */
export function strategyAndKeys(node: SchemaNode | undefined): { strategy: string; keys: string[] } {
  if (node?.s === undefined) return { strategy: '', keys: [] };
  return { strategy: node.s, keys: node.k ?? [] };
}

/** A list merges by key (rather than being replaced) when its patch strategy includes "merge". */
export function hasMergeStrategy(node: SchemaNode | undefined): boolean {
  return node !== undefined && (node.s ?? '').split(',').includes('merge');
}

// ---------------------------------------------------------------------------------------------
// Compaction of a swagger 2.0 document (or a kustomization's `openapi:` file) into MergeSchemaData.

interface SwaggerSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: SwaggerSchema | boolean;
  items?: SwaggerSchema;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-group-version-kind'?: { group?: string; version: string; kind: string }[];
}

/**
 * Keeps, for every definition that matters to merging, its property names and the way to the
 * strategies below them. Definitions of kinds are always kept, so that a kind is known (a known kind
 * with no merge information still differs from an unknown one: its nested objects are not looked up
 * by their own apiVersion/kind).
 */
export function compactSwagger(swagger: { definitions?: Record<string, SwaggerSchema> }): MergeSchemaData {
  const defs = swagger.definitions ?? {};
  const refName = (ref: string): string => ref.replace(/^#\/definitions\//, '');
  const relevantDefs = new Set<string>();
  const nodeRelevant = (s: SwaggerSchema | undefined, seen: Set<string>): boolean => {
    if (s === undefined || typeof s !== 'object') return false;
    if (s.$ref !== undefined) return defRelevant(refName(s.$ref), seen);
    if (s['x-kubernetes-patch-strategy'] !== undefined) return true;
    const children = [...Object.values(s.properties ?? {}), s.items, typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined];
    return children.some((c) => nodeRelevant(c, seen));
  };
  const defRelevant = (name: string, seen: Set<string>): boolean => {
    if (relevantDefs.has(name)) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    const relevant = nodeRelevant(defs[name], seen);
    if (relevant) relevantDefs.add(name);
    return relevant;
  };
  // Fixpoint: a definition found irrelevant while a cycle was open may become relevant later.
  for (let changed = true; changed; ) {
    const before = relevantDefs.size;
    for (const name of Object.keys(defs)) defRelevant(name, new Set());
    changed = relevantDefs.size !== before;
  }

  const kinds: Record<string, string> = {};
  for (const [name, def] of Object.entries(defs)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group !== undefined && gvk.group !== '' ? `${gvk.group}/${gvk.version}` : gvk.version;
      kinds[`${apiVersion} ${gvk.kind}`] = name;
    }
  }
  const kept = new Set([...relevantDefs, ...Object.values(kinds)]);

  const compactNode = (s: SwaggerSchema, top: boolean): SchemaNode | 0 => {
    if (s.$ref !== undefined) {
      const name = refName(s.$ref);
      return kept.has(name) && (top || relevantDefs.has(name)) ? { r: name } : 0;
    }
    if (!top && !nodeRelevant(s, new Set())) return 0;
    const out: SchemaNode = {};
    if (s.properties !== undefined) {
      out.p = {};
      for (const [key, value] of Object.entries(s.properties)) out.p[key] = compactNode(value, false);
    }
    if (typeof s.additionalProperties === 'object') out.a = compactNode(s.additionalProperties, false);
    const isArray = s.type === 'array' || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'array');
    if (isArray && s.items !== undefined) out.i = compactNode(s.items, false);
    if (s['x-kubernetes-patch-strategy'] !== undefined) {
      out.s = s['x-kubernetes-patch-strategy'];
      const keys = s['x-kubernetes-list-map-keys'] ?? (s['x-kubernetes-patch-merge-key'] !== undefined ? [s['x-kubernetes-patch-merge-key']] : undefined);
      if (keys !== undefined) out.k = keys;
    }
    return out;
  };

  const definitions: Record<string, SchemaNode> = {};
  for (const name of [...kept].sort()) {
    const def = defs[name];
    if (def !== undefined) definitions[name] = compactNode(def, true) || {};
  }
  return { kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b))), definitions };
}
