// kustomize's legacy `vars`: each var names an object and a field of it; at the end of the build,
// every `$(NAME)` in the fields the varReference specs list is replaced by that field's value.
import type { FieldSpec } from '../config/field-spec.ts';
import { isJsonObject, resIdOf, splitApiVersion, type JsonObject, type JsonValue, type ResId, type Resource } from '../resource.ts';
import { effectiveNamespace } from '../resource-id.ts';
import { visitFieldSpec } from '../transformers/field-visitor.ts';
import { goJsonField } from '../generators/go-json.ts';
import { annotationValuesAsText } from '../patch/annotation-text.ts';
import { lookupField, splitFieldPath } from './field-path.ts';

interface Var {
  name: string;
  objref: ResId;
  fieldPath: string;
}

/** A var's value: kustomize only substitutes strings, numbers and booleans. */
type Primitive = string | number | boolean;

export function resolveVars(resources: Resource[], vars: JsonValue[], varReferenceSpecs: FieldSpec[]): void {
  const values = new Map<string, Primitive | undefined>();
  for (const v of vars.map(readVar)) values.set(v.name, valueOf(v, boundResource(resources, v)));
  if (values.size === 0) return;
  for (const res of resources) {
    for (const fs of varReferenceSpecs) {
      visitFieldSpec(res.object, fs, 'scalar', (holder, key) => substituteField(holder, key, values));
    }
    annotationValuesAsText(res.object);
  }
}

function readVar(entry: JsonValue): Var {
  if (!isJsonObject(entry)) throw new Error(`vars: each entry must be an object, got ${JSON.stringify(entry)}`);
  const object = (v: JsonValue | undefined): JsonObject => (isJsonObject(v) ? v : {});
  const objref = object(goJsonField(entry, 'objref'));
  const fieldref = object(goJsonField(entry, 'fieldref'));
  const text = (o: JsonObject, k: string): string => {
    const v = goJsonField(o, k);
    return typeof v === 'string' ? v : '';
  };
  // An apiVersion overrides group and version given separately.
  let group = text(objref, 'group');
  let version = text(objref, 'version');
  const apiVersion = text(objref, 'apiVersion');
  if (apiVersion !== '') {
    const parts = apiVersion.split('/');
    if (parts.length === 2) ({ group, version } = splitApiVersion(apiVersion));
    else if (parts.length === 1) version = apiVersion;
  }
  return {
    name: text(entry, 'name'),
    objref: { group, version, kind: text(objref, 'kind'), name: text(objref, 'name'), namespace: text(objref, 'namespace') },
    fieldPath: text(fieldref, 'fieldPath') || 'metadata.name',
  };
}

/**
 * The resource a var refers to: the one that has (or had) the objref's group, version, kind and name,
 * and its namespace when the objref gives one.
 */
function boundResource(resources: Resource[], v: Var): Resource | undefined {
  const ref = v.objref;
  const useNamespace = ref.namespace !== '' || effectiveNamespace(ref) === '_non_namespaceable_';
  const matches = resources.filter((res) =>
    [resIdOf(res.object), ...res.previousIds].some((id) =>
      id.group === ref.group && id.version === ref.version && id.kind === ref.kind && id.name === ref.name &&
      (!useNamespace || effectiveNamespace(id) === effectiveNamespace(ref))),
  );
  if (matches.length > 1) throw new Error(`found ${matches.length} resId matches for var ${describeVar(v)} (unable to disambiguate)`);
  return matches[0];
}

function valueOf(v: Var, res: Resource | undefined): Primitive | undefined {
  if (res === undefined) throw new Error(`var '${describeVar(v)}' cannot be mapped to a field in the set of known resources`);
  const path = splitFieldPath(v.fieldPath).flatMap((part) => {
    const indexed = /^(.*)\[(\d+)\]$/.exec(part);
    if (!indexed) return [part];
    return indexed[1] === '' ? [indexed[2] ?? ''] : [indexed[1] ?? '', indexed[2] ?? ''];
  });
  const value = lookupField(res.object, path);
  if (value === undefined) throw new Error(`field specified in var '${describeVar(v)}' not found in corresponding resource`);
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined; // maps and lists are not substituted: $(NAME) stays
}

function substituteField(holder: JsonObject, key: string, values: Map<string, Primitive | undefined>): void {
  const value = holder[key];
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    holder[key] = expand(value, values);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item !== 'string') throw new Error('invalid value type expect a string');
      value[i] = expand(item, values);
    });
  } else if (isJsonObject(value)) {
    for (const [k, item] of Object.entries(value)) if (typeof item === 'string') value[k] = expand(item, values);
  }
}

/**
 * `$(NAME)` becomes the var's value (the value itself, typed, when it is the whole string); `$$`
 * becomes `$`; unknown names and other `$` stay as they are.
 */
export function expand(input: string, values: Map<string, Primitive | undefined>): JsonValue {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') out += '$';
    else if (rest[0] === '(' && rest.indexOf(')') > 0) {
      const close = rest.indexOf(')');
      const name = rest.slice(1, close);
      const value = values.get(name);
      if (input === `$(${name})`) return value ?? input;
      out += value === undefined ? `$(${name})` : String(value);
      advance = close + 1;
    } else out += `$${rest[0] ?? ''}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

function describeVar(v: Var): string {
  const ref = v.objref;
  return `{${v.name} {${ref.group} ${ref.version} ${ref.kind} ${ref.name} ${ref.namespace}} {${v.fieldPath}}}`;
}
