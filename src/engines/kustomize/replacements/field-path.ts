// kyaml field paths as replacements use them: "spec.template.spec.containers.[name=app].image",
// "spec.ports.0.port", "metadata.annotations.[a.b/c]", "spec.containers.*.image". Two readers:
// lookupField (kyaml's PathGetter: exact, for the source) and matchFields (kyaml's PathMatcher: regex
// element matching, wildcards, optional creation, for the targets).
import { isJsonObject, type JsonObject, type JsonValue } from '../resource.ts';
import { formatNumber } from '../yaml/go-number.ts';
import { resolvePlainV3 } from '../../yaml/resolve.ts';

/** kyaml's SmarterPathSplitter: split on '.', keep `\.` escapes and dots inside [brackets]. */
export function splitFieldPath(path: string): string[] {
  let parts = path.split('.');
  if (parts.length > 1 && parts[0] === '') parts = parts.slice(1);
  const joined: string[] = [parts[0] ?? ''];
  for (const part of parts.slice(1)) {
    const last = joined.length - 1;
    if ((joined[last] ?? '').endsWith('\\')) joined[last] = `${(joined[last] ?? '').slice(0, -1)}.${part}`;
    else joined.push(part);
  }
  const result: string[] = [];
  for (let i = 0; i < joined.length; i++) {
    const elem = joined[i] ?? '';
    if (elem.startsWith('[') && !elem.endsWith(']')) {
      const bracketed = [elem];
      while (i < joined.length - 1) {
        i++;
        bracketed.push(joined[i] ?? '');
        if ((joined[i] ?? '').endsWith(']')) break;
      }
      const text = bracketed.join('.');
      result.push(text.includes('=') ? text : text.replace(/^\[+|\]+$/g, ''));
    } else result.push(elem);
  }
  return result;
}

/** The text of a scalar as it appeared in YAML (collections have none). */
export function scalarText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return value === null ? 'null' : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

/** The value of a scalar created without a type (kyaml leaves the tag empty): what its text reads as. */
export function untypedScalar(text: string): JsonValue {
  const resolved = resolvePlainV3(text);
  return resolved.tag === 'str' || resolved.tag === 'merge' || resolved.tag === 'timestamp' ? text : resolved.value;
}

/** A place in a document that holds a value: where a match was found or a field was created. */
export interface Slot {
  holder: JsonObject | JsonValue[] | undefined;
  key: string | number;
  get(): JsonValue;
  set(value: JsonValue): void;
}

function fieldSlot(map: JsonObject, key: string): Slot {
  return { holder: map, key, get: () => map[key] ?? null, set: (v) => void (map[key] = v) };
}

function elementSlot(list: JsonValue[], index: number): Slot {
  return { holder: list, key: index, get: () => list[index] ?? null, set: (v) => void (list[index] = v) };
}

/**
 * Scalars kyaml created without a tag: they keep their text while replacements run and take the type
 * that text reads as only when the object is read back at the end (so "2." written twice with a
 * delimiter gives the string "2.2.", not a number).
 */
export class UntypedScalars {
  readonly #marked = new Map<object, Set<string | number>>();

  mark(slot: Slot): void {
    if (slot.holder === undefined) return;
    let keys = this.#marked.get(slot.holder);
    if (keys === undefined) this.#marked.set(slot.holder, (keys = new Set()));
    keys.add(slot.key);
  }

  has(slot: Slot): boolean {
    return slot.holder !== undefined && (this.#marked.get(slot.holder)?.has(slot.key) ?? false);
  }

  /** Gives every marked scalar the value its text reads as. */
  settle(): void {
    for (const [holder, keys] of this.#marked) {
      for (const key of keys) {
        const container = holder as Record<string | number, JsonValue>;
        const value = container[key];
        if (typeof value === 'string') container[key] = untypedScalar(value);
      }
    }
    this.#marked.clear();
  }
}

const isIndex = (part: string): boolean => /^[-+]?\d+$/.test(part) && Number(part) >= 0;
const isListSelector = (part: string): boolean => part.startsWith('[') && part.endsWith(']');

function splitSelector(part: string): { name: string; value: string } {
  const inner = part.slice(1, -1);
  const eq = inner.indexOf('=');
  if (eq < 0) throw new Error('list path element must contain fieldName=fieldValue for element to match');
  return { name: inner.slice(0, eq), value: inner.slice(eq + 1) };
}

function wrongKind(expected: string, got: JsonValue): Error {
  const kind = Array.isArray(got) ? 'SequenceNode' : isJsonObject(got) ? 'MappingNode' : 'ScalarNode';
  return new Error(`wrong node kind: expected ${expected} but got ${kind}: node contents:\n${JSON.stringify(got)}`);
}

/** kyaml's Lookup (PathGetter without create): the value at `path`, or undefined when any step is missing. */
export function lookupField(root: JsonValue, path: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const part of path.map((p) => p.trim()).filter((p) => p !== '')) {
    if (current === undefined || current === null) return undefined;
    if (/^-?\d+$/.test(part)) {
      const index = Number(part);
      if (index < 0) throw new Error(`array index ${index} cannot be negative`);
      if (!Array.isArray(current)) throw wrongKind('SequenceNode', current);
      current = current[index];
    } else if (part === '-') {
      if (!Array.isArray(current)) throw wrongKind('SequenceNode', current);
      current = current[current.length - 1];
    } else if (part === '*') {
      throw new Error('wildcard is not supported in PathGetter');
    } else if (isListSelector(part)) {
      const { name, value } = splitSelector(part);
      if (!Array.isArray(current)) throw wrongKind('SequenceNode', current);
      current = name === ''
        ? current.find((e) => !isJsonObject(e) && !Array.isArray(e) && scalarText(e) === value)
        : current.find((e) => isJsonObject(e) && Object.hasOwn(e, name) && scalarText(e[name]) === value);
    } else {
      if (!isJsonObject(current)) throw wrongKind('MappingNode', current);
      current = Object.hasOwn(current, part) ? current[part] : undefined;
    }
  }
  return current;
}

export type CreateKind = 'map' | 'list' | 'scalar' | undefined;

function emptyOfKind(kind: 'map' | 'list' | 'scalar'): JsonValue {
  return kind === 'map' ? {} : kind === 'list' ? [] : CREATED_SCALAR;
}

/** A created scalar has no type of its own: the value written into it decides. */
const CREATED_SCALAR = '';

function kindForNext(next: string | undefined, create: 'map' | 'list' | 'scalar'): 'map' | 'list' | 'scalar' {
  if (next === undefined || next === '') return create;
  if (isListSelector(next) || isIndex(next)) return 'list';
  return 'map';
}

/**
 * kyaml's PathMatcher: every place matching `path` under `slot`; `[field=regex]` matches elements whose
 * field (as YAML text) contains a match of the regex, `*` every element. With `create`, missing fields,
 * list elements and a trailing index equal to the length are created on the way.
 */
export function matchFields(slot: Slot, path: string[], create: CreateKind, created: UntypedScalars): Slot[] {
  if (path.length === 0) return [slot];
  const [part = '', ...rest] = path;
  const node = slot.get();
  if (node === null && create !== undefined) {
    // kyaml "creates" inside a null value without attaching anything to the document: the write
    // succeeds and is lost.
    const detached: JsonValue = isIndex(part) || isListSelector(part) || part === '*' ? [] : {};
    return matchFields({ holder: undefined, key: '', get: () => detached, set: () => undefined }, path, create, created);
  }
  if (isIndex(part)) {
    const index = Number(part);
    if (!Array.isArray(node)) throw wrongKind('SequenceNode', node);
    const child = elementSlot(node, index);
    if (node.length === index && create !== undefined) {
      node.push(emptyOfKind(kindForNext(rest[0], create)));
      if (rest.length === 0) created.mark(child);
    }
    if (node.length < index + 1) throw new Error(`index ${index} specified but only ${node.length} elements found`);
    return matchFields(child, rest, create, created);
  }
  if (isListSelector(part)) return matchElements(node, part, rest, create, created);
  if (part === '*') {
    if (node === null) return [];
    if (!Array.isArray(node)) throw wrongKind('SequenceNode', node);
    return node.flatMap((_, i) => matchFields(elementSlot(node, i), rest, create, created));
  }
  if (node === null) return [];
  if (!isJsonObject(node)) throw wrongKind('MappingNode', node);
  if (!Object.hasOwn(node, part)) {
    if (create === undefined) return [];
    node[part] = emptyOfKind(kindForNext(rest[0], create));
    const child = fieldSlot(node, part);
    if (rest.length === 0) created.mark(child);
    return matchFields(child, rest, create, created);
  }
  return matchFields(fieldSlot(node, part), rest, create, created);
}

function matchElements(node: JsonValue, part: string, rest: string[], create: CreateKind, created: UntypedScalars): Slot[] {
  const { name, value } = splitSelector(part);
  if (node === null) return [];
  if (!Array.isArray(node)) throw wrongKind('SequenceNode', node);
  const regex = new RegExp(value, 'u');
  const found: Slot[] = [];
  node.forEach((element, i) => {
    const text = name === '' ? scalarText(element) : isJsonObject(element) && Object.hasOwn(element, name) ? scalarText(element[name]) : undefined;
    if (text === undefined || !regex.test(text.trim())) return;
    found.push(...matchFields(elementSlot(node, i), rest, create, created));
  });
  if (found.length > 0 || create === undefined) return found;
  node.push(name === '' ? untypedScalar(value) : { [name]: untypedScalar(value) });
  return matchElements(node, part, rest, create, created);
}
