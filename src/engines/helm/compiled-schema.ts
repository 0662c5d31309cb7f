// A chart's values.schema.json, parsed and (when our validator does not model it) compiled by Ajv once per
// schema text rather than on every render: a controller renders the same chart again on each reconcile,
// loading it afresh, so the text is the key that survives. The cache is a small LRU so a process that sees
// many charts keeps only the recent ones.
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

export type ParsedSchema = boolean | Record<string, unknown>;

/** A schema text: Go's message when it is not JSON, else the parsed schema and its Ajv validator. */
export type CompiledSchema = { error: string } | {
  schema: ParsedSchema;
  /** Ajv's validator, or its compile error; built on first use, as most schemas never need it. */
  ajv(): ValidateFunction | { error: string };
};

const CAPACITY = 32;
const cache = new Map<string, CompiledSchema>();

function compilerFor(schema: Record<string, unknown>): Ajv | Ajv2019 | Ajv2020 {
  const opts = { strict: false, validateFormats: false, allErrors: true, validateSchema: false } as const;
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (/draft-0[467]/.test(dialect)) return new Ajv(opts);
  if (/2019-09/.test(dialect)) return new Ajv2019(opts);
  return new Ajv2020(opts);
}

function compile(text: string): CompiledSchema {
  let schema: ParsedSchema;
  try {
    schema = JSON.parse(text) as ParsedSchema;
  } catch (err) {
    return { error: (err as Error).message };
  }
  let validator: ValidateFunction | { error: string } | undefined;
  const ajv = () => {
    if (validator !== undefined) return validator;
    try {
      validator = compilerFor(schema as Record<string, unknown>).compile(schema as AnySchema);
    } catch (err) {
      validator = { error: (err as Error).message };
    }
    return validator;
  };
  return { schema, ajv };
}

/** The compiled form of a schema text, from the cache when it was seen recently. */
export function compiledSchema(text: string): CompiledSchema {
  let entry = cache.get(text);
  if (entry !== undefined) cache.delete(text);
  else entry = compile(text);
  cache.set(text, entry);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
  return entry;
}
