// Strategic merge patch as kustomize applies it: kyaml's merge2 walker (not apimachinery's
// strategicpatch). Its behaviour differs from `kubectl patch` in ways that show in the output, so the
// walk follows kyaml step by step, including its in-place updates:
// - maps merge key by key; `null` in the patch deletes a key; `$patch: delete|replace|merge` on a map;
// - a list merges by key only when the schema gives it a patch strategy containing "merge" (built-in
//   kinds; custom resources without an `openapi:` schema have every list replaced);
// - merged lists put the patch's elements first, in patch order, then the target's remaining ones;
//   primitive lists with a merge strategy become the union, patch values first;
// - `$patch: delete|replace|merge` as a list element; other directives ($setElementOrder,
//   $retainKeys, $deleteFromPrimitiveList) are not understood by kyaml and stay as plain fields.
import { isJsonObject, type JsonObject, type JsonValue } from '../resource.ts';
import { emptyNullKeys } from '../yaml/reader.ts';
import { hasMergeStrategy, strategyAndKeys, type MergeSchema, type SchemaNode } from './merge-schema.ts';

/** A null that the target had and the patch did not touch: kept, unlike a null from the patch. */
const KEEP_NULL = Symbol('keep-null');
type Node = JsonValue | undefined;
type Result = Node | typeof KEEP_NULL;
type Sources = [dest: Node, origin: Node];

const DIRECTIVE = '$patch';

/**
 * Merges `patch` into `target` and returns the result, or undefined when the patch deletes the whole
 * object (`$patch: delete` at the top). Both arguments may be modified.
 */
export function strategicMerge(target: JsonObject, patch: JsonObject, schema: MergeSchema): JsonObject | undefined {
  const result = new Walker(schema).walk([target, patch], undefined);
  if (result === KEEP_NULL || !isJsonObject(result)) return undefined;
  return result;
}

class Walker {
  readonly #schema: MergeSchema;

  constructor(schema: MergeSchema) {
    this.#schema = schema;
  }

  walk(sources: Sources, given: SchemaNode | undefined): Result {
    const schema = given ?? this.schemaFromTypeMeta(sources);
    const kind = nodeKind(sources.find((s) => !isMissingOrNull(s)));
    switch (kind) {
      case 'map':
      case undefined:
        if (kind === 'map') expectKind('map', sources);
        return this.walkMap(sources, schema);
      case 'list':
        expectKind('list', sources);
        return hasMergeStrategy(schema) ? this.walkAssociativeList(sources, schema) : visitPlainList(sources);
      case 'scalar':
        expectKind('scalar', sources);
        return sources[1] !== undefined ? sources[1] : sources[0];
    }
  }

  // Where the schema does not reach, a nested object carrying apiVersion and kind gets its own schema.
  private schemaFromTypeMeta(sources: Sources): SchemaNode | undefined {
    for (const source of sources) {
      if (!isJsonObject(source)) continue;
      const { apiVersion, kind } = source;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') continue;
      const found = this.#schema.forKind(apiVersion, kind);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private walkMap(sources: Sources, schema: SchemaNode | undefined): Result {
    const dest = visitMap(sources);
    if (dest === undefined || dest === KEEP_NULL) return dest;
    sources[0] = dest;
    const names = new Set<string>();
    for (const source of sources) if (isJsonObject(source)) for (const key of Object.keys(source)) names.add(key);
    const emptyNulls = isJsonObject(dest) ? emptyNullKeys(dest) : undefined;
    for (const name of [...names].sort()) {
      if (emptyNulls?.has(name) && isJsonObject(dest) && dest[name] === null && fieldOf(sources[1], name) === undefined) {
        // kyaml keeps a null the patch leaves alone only when it was written out (`null`, `~`); a key
        // written with no value at all goes.
        delete dest[name];
        continue;
      }
      const childSchema = schema === undefined ? undefined : this.#schema.field(schema, name);
      const child: Sources = [fieldOf(sources[0], name), fieldOf(sources[1], name)];
      const value = this.walk(child, childSchema);
      if (!isJsonObject(dest)) continue;
      if (value === undefined || value === null) delete dest[name];
      else dest[name] = value === KEEP_NULL ? null : value;
    }
    return dest;
  }

  private walkAssociativeList(sources: Sources, schema: SchemaNode | undefined): Result {
    const dest = visitMergingList(sources);
    if (dest === undefined || dest === null || !Array.isArray(dest)) return dest === null ? null : undefined;
    sources[0] = dest;
    const { keys } = strategyAndKeys(schema);
    const values = elementValues(sources, keys);
    if (values.length > 0 || keys.length > 0) return this.setListElements(sources, values, keys, dest, schema);
    return this.setListElements(sources, primitiveValues(sources), [''], dest, schema);
  }

  private setListElements(sources: Sources, valuesList: string[][], keys: string[], dest: JsonValue[], schema: SchemaNode | undefined): Result {
    const added: JsonValue[] = [];
    const elementSchema = schema === undefined ? undefined : this.#schema.elements(schema);
    if (keys.length > 1) mergeValues(valuesList);
    let validKeys: string[] = [];
    for (const values of valuesList) {
      if (values.length === 0) continue;
      let validValues: string[];
      [validKeys, validValues] = validateKeys(valuesList, values, keys);
      const [matchKeys, matchValues] = validateKeys([validValues], validValues, validKeys);
      const elementSources: Sources = [matchElement(sources[0], matchKeys, matchValues), matchElement(sources[1], matchKeys, matchValues)];
      const walked = this.walk(elementSources, elementSchema);
      const value = walked === KEEP_NULL ? null : walked;
      let removed = false;
      validKeys.forEach((key, i) => {
        if (isMissingOrNull(value) || (isJsonObject(value) && Object.keys(value).length === 0)) {
          setElement(dest, undefined, validKeys, validValues);
          removed = true;
        } else if (isJsonObject(value) && !Object.hasOwn(value, key) && validValues[i] !== '') {
          value[key] = validValues[i] ?? '';
        }
      });
      if (removed) continue;
      setElement(added, value, validKeys, validValues);
    }
    if (valuesList.length === 0) return dest;
    // kustomize merges with "prepend" ordering: the merged elements in the order found above (patch
    // first), then the target's elements set into that list.
    return appendElements(added, dest, validKeys);
  }
}

function visitMap([dest, origin]: Sources): Result {
  if (isMissingOrNull(dest)) {
    let directive: string;
    try {
      directive = takeDirective(origin);
    } catch {
      directive = 'unknown';
    }
    if (directive === 'delete') return undefined;
    if (origin === undefined && dest === null) return KEEP_NULL;
    return origin;
  }
  if (origin === null) return undefined;
  const directive = takeDirective(origin);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return origin;
  return dest;
}

function visitPlainList([dest, origin]: Sources): Result {
  return origin !== undefined ? origin : dest;
}

function visitMergingList([dest, origin]: Sources): Node {
  if (isMissingOrNull(dest)) return origin;
  if (origin === null) return undefined;
  const directive = takeDirective(origin);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return origin;
  return dest;
}

/** Reads and removes the `$patch` directive of a patch map or list; "merge" when there is none. */
function takeDirective(patch: Node): string {
  if (patch === undefined) return 'merge';
  if (Array.isArray(patch)) {
    const element = patch.find((e) => isJsonObject(e) && Object.hasOwn(e, DIRECTIVE));
    // kyaml only honours an element that holds nothing but the directive.
    if (!isJsonObject(element) || Object.keys(element).length > 1) return 'merge';
    const value = scalarText(element[DIRECTIVE]);
    checkDirective(value);
    setElement(patch, undefined, [DIRECTIVE], [value]);
    return value;
  }
  if (isJsonObject(patch)) {
    if (!Object.hasOwn(patch, DIRECTIVE)) return 'merge';
    const value = scalarText(patch[DIRECTIVE]);
    checkDirective(value);
    delete patch[DIRECTIVE];
    return value;
  }
  throw new Error(`no implemented strategic merge patch strategy for '${tagOf(patch)}' ('${scalarText(patch)}')`);
}

function checkDirective(value: string): void {
  if (value !== 'delete' && value !== 'replace' && value !== 'merge') throw new Error(`unknown patch strategy '${value}'`);
}

// ---------------------------------------------------------------------------------------------
// List element bookkeeping, with kyaml's matching rules (values compared as scalar text).

function elementValues(sources: Sources, keys: string[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const source of [sources[1], sources[0]]) {
    if (!Array.isArray(source)) continue;
    for (const element of source) {
      const values = keys.map((key) => {
        const field = isJsonObject(element) ? element[key] : undefined;
        return isNilOrEmpty(field) ? '' : scalarText(field);
      });
      const id = JSON.stringify(values);
      if (values.length === 0 || seen.has(id)) continue;
      out.push(values);
      seen.add(id);
    }
  }
  return out;
}

function primitiveValues(sources: Sources): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const source of [sources[1], sources[0]]) {
    if (!Array.isArray(source)) continue;
    for (const item of source) {
      const text = scalarText(item);
      if (seen.has(text)) continue;
      out.push([text]);
      seen.add(text);
    }
  }
  return out;
}

/** With several merge keys, tuples that agree where both are set are completed from each other. */
function mergeValues(valuesList: string[][]): void {
  for (let i = 0; i < valuesList.length; i++) {
    for (let j = 0; j < valuesList.length; j++) {
      const merged = matchTuples(valuesList[i] ?? [], valuesList[j] ?? []);
      if (merged !== undefined) {
        valuesList[i] = merged;
        valuesList[j] = merged;
      }
    }
  }
}

function matchTuples(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) {
      common = true;
      out.push(x);
    } else if (x !== '' && y !== '') return undefined;
    else out.push(x !== '' ? x : y);
  }
  return common ? out : undefined;
}

/** Drops the keys no element uses, unless none is used at all. */
function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const used = new Set<string>();
  for (const tuple of valuesList) tuple.forEach((v, i) => v !== '' && used.add(keys[i] ?? ''));
  if (used.size === 0) return [keys, values];
  return [keys.filter((k) => used.has(k)), values.filter((v, i) => v !== '' || used.has(keys[i] ?? ''))];
}

/** kyaml's ElementMatcher: the first element whose keys hold these values ("" keys: scalar elements). */
function matchElement(list: Node, keys: string[], values: string[]): Node {
  if (!Array.isArray(list)) return undefined;
  if (keys.length === 0 || keys[0] === '') {
    const wanted = values[0] ?? '';
    return list.find((e) => scalarText(e) === wanted);
  }
  return list.find((e) => isJsonObject(e) && keys.every((key, i) => Object.hasOwn(e, key) && scalarText(e[key]) === (values[i] ?? '')));
}

/**
 * kyaml's ElementSetter, in place: drops null and empty-map elements, replaces the elements matching
 * keys/values with `element` (or removes them when it is undefined), appends it when none matched.
 */
function setElement(list: JsonValue[], element: Node, keysIn: string[], values: string[]): void {
  const keys = keysIn.length === 0 ? [''] : keysIn;
  const mappingSetter = keys[0] !== '' && values.length > 0 && values[0] !== '';
  const next: JsonValue[] = [];
  let matched = false;
  for (const current of list) {
    if (current === null || (isJsonObject(current) && Object.keys(current).length === 0)) continue;
    if (!isJsonObject(current) && mappingSetter) {
      next.push(current);
      continue;
    }
    // Like kyaml, a key without a value reuses the previous key's verdict.
    let found = true;
    let hit = false;
    for (let j = 0; j < keys.length; j++) {
      if (j < values.length) hit = fieldMatches(current, keys[j] ?? '', values[j] ?? '');
      if (!hit) {
        found = false;
        break;
      }
    }
    if (!found) {
      if (values.length > 0) next.push(current);
      continue;
    }
    matched = true;
    if (element !== undefined) next.push(element);
  }
  list.splice(0, list.length, ...next);
  if (isMissingOrNull(element)) return;
  if (!matched) list.push(element as JsonValue);
}

// kyaml's FieldMatcher with a string value: an empty value matches any element having the field.
function fieldMatches(element: JsonValue, key: string, value: string): boolean {
  if (key === '') {
    if (isJsonObject(element) || Array.isArray(element)) throw new Error('wrong node kind: expected ScalarNode but got a collection');
    return scalarText(element) === value;
  }
  if (!isJsonObject(element)) throw new Error('wrong node kind: expected MappingNode but got a scalar or list');
  if (!Object.hasOwn(element, key)) return false;
  return value === '' || scalarText(element[key]) === value;
}

function appendElements(into: JsonValue[], from: JsonValue[], keys: string[]): JsonValue[] {
  for (const element of [...from]) {
    if (keys[0] === '' || keys.length === 0) {
      setElement(into, element, [''], [scalarText(element)]);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      if (!isJsonObject(element) || !Object.hasOwn(element, key) || element[key] === null) {
        into.push(element);
        continue;
      }
      values.push(scalarText(element[key]));
    }
    if (keys.length > 1) setElement(into, undefined, keys, values);
    setElement(into, element, keys, values);
  }
  return into;
}

// ---------------------------------------------------------------------------------------------

function isMissingOrNull(node: Node): node is undefined | null {
  return node === undefined || node === null;
}

function isNilOrEmpty(node: Node): boolean {
  if (node === undefined || node === null) return true;
  if (Array.isArray(node)) return node.length === 0;
  return isJsonObject(node) && Object.keys(node).length === 0;
}

function nodeKind(node: Node): 'map' | 'list' | 'scalar' | undefined {
  if (node === undefined || node === null) return undefined;
  if (Array.isArray(node)) return 'list';
  return isJsonObject(node) ? 'map' : 'scalar';
}

function fieldOf(node: Node, name: string): Node {
  return isJsonObject(node) ? node[name] : undefined;
}

/** The text of a scalar as YAML holds it; collections have none. */
function scalarText(node: Node): string {
  if (node === undefined || isJsonObject(node) || Array.isArray(node)) return '';
  if (node === null) return 'null';
  return String(node);
}

function tagOf(node: Node): string {
  if (node === null) return '!!null';
  if (typeof node === 'boolean') return '!!bool';
  if (typeof node === 'number' || typeof node === 'bigint') return Number.isInteger(node) || typeof node === 'bigint' ? '!!int' : '!!float';
  return '!!str';
}

const KIND_NAMES = { map: 'MappingNode', list: 'SequenceNode', scalar: 'ScalarNode' } as const;

function expectKind(expected: 'map' | 'list' | 'scalar', sources: Sources): void {
  for (const source of sources) {
    const kind = nodeKind(source);
    if (kind !== undefined && kind !== expected) {
      throw new Error(`wrong node kind: expected ${KIND_NAMES[expected]} but got ${KIND_NAMES[kind]}: node contents:\n${JSON.stringify(source)}`);
    }
  }
}
