// values.schema.json validation as Helm does it (chartutil/jsonschema.go): each chart's schema checks the
// values that chart sees, subcharts recursively. schema-validate.ts mirrors Helm's validator
// (santhosh-tekuri/jsonschema v6, draft 2020-12 when `$schema` is absent, `format` asserted before
// 2019-09) with its messages; Ajv covers schemas using what that does not model. Messages list every
// chart whose values failed, under Helm's heading.
import type { ErrorObject } from 'ajv';
import type { Chart } from './chart.ts';
import { isTable, type Values } from './coalesce.ts';
import { goJSONMarshal } from '../sprig/index.ts';
import { compiledSchema } from './compiled-schema.ts';
import { describeViolations } from './schema-validate.ts';

export class SchemaValidationError extends Error {}

function describe(err: ErrorObject): string {
  const at = err.instancePath === '' ? '' : err.instancePath;
  return `- at '${at}': ${err.message ?? 'invalid'}`;
}

/** ValidateAgainstSingleSchema: an error text (one line per violation) or undefined when the values pass. */
export function validateAgainstSingleSchema(values: Values, schemaBytes: Uint8Array): string | undefined {
  const compiled = compiledSchema(Buffer.from(schemaBytes).toString('utf8'));
  if ('error' in compiled) return `${compiled.error}\n`;
  const schema = compiled.schema;
  if (typeof schema === 'boolean') return schema ? undefined : "- at '': false schema\n";
  const described = describeViolations(schema, values);
  if (described !== undefined) return described === '' ? undefined : described;
  const validate = compiled.ajv();
  if ('error' in validate) return `${validate.error}\n`;
  // The validator sees Go values: int64 and float64 alike are JSON numbers.
  const plain: unknown = JSON.parse(goJSONMarshal(values, { escapeHTML: false }));
  if (validate(plain)) return undefined;
  return `${(validate.errors ?? []).map(describe).join('\n')}\n`;
}

/** ValidateAgainstSchema over the chart tree; throws with Helm's heading when any chart's values fail. */
export function validateValuesAgainstSchemas(chart: Chart, values: Values): void {
  const text = collect(chart, values);
  if (text !== '') throw new SchemaValidationError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${text}`);
}

function collect(chart: Chart, values: Values): string {
  let out = '';
  if (chart.schema) {
    const err = validateAgainstSingleSchema(values, chart.schema);
    if (err !== undefined) out += `${chart.metadata.Name}:\n${err}`;
  }
  for (const sub of chart.dependencies) {
    const raw = values[sub.metadata.Name];
    if (raw === undefined || raw === null) continue;
    if (!isTable(raw)) {
      out += `${sub.metadata.Name}:\ninvalid type for values: expected object (map), got ${typeof raw}\n`;
      continue;
    }
    out += collect(sub, raw);
  }
  return out;
}
