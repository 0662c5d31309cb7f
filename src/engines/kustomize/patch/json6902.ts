// JSON patch (RFC 6902) with the behaviour of gopkg.in/evanphx/json-patch.v4, which kustomize uses:
// operations apply in order to the object as JSON; a path that does not exist fails the patch.
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from '../resource.ts';

export interface JsonPatchOperation {
  op: string;
  path?: string;
  from?: string;
  value?: JsonValue;
}

/** Checks the shape of decoded operations (kustomize decodes them before applying anything). */
export function decodeJsonPatch(value: JsonValue): JsonPatchOperation[] {
  if (!Array.isArray(value)) throw new Error('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return value.map((op) => {
    if (!isJsonObject(op)) throw new Error('json: cannot unmarshal a non-object into Go value of type jsonpatch.Operation');
    return op as unknown as JsonPatchOperation;
  });
}

export function applyJsonPatch(document: JsonObject, operations: JsonPatchOperation[]): JsonObject {
  let doc: JsonValue = cloneJson(document);
  for (const operation of operations) {
    switch (operation.op) {
      case 'add':
        doc = add(doc, pathOf(operation), valueOf(operation));
        break;
      case 'remove':
        doc = remove(doc, pathOf(operation), 'remove');
        break;
      case 'replace':
        doc = replace(doc, pathOf(operation), valueOf(operation));
        break;
      case 'move': {
        const from = fromOf(operation);
        const value = get(doc, from, 'move');
        doc = remove(doc, from, 'move');
        doc = add(doc, pathOf(operation), value);
        break;
      }
      case 'copy': {
        const value = get(doc, fromOf(operation), 'copy');
        doc = add(doc, pathOf(operation), cloneJson(value));
        break;
      }
      case 'test': {
        const path = pathOf(operation);
        const actual = tryGet(doc, path);
        if (!deepEqual(actual, operation.value ?? null)) throw new Error(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw new Error(`Unexpected kind: ${operation.op}`);
    }
  }
  if (!isJsonObject(doc)) throw new Error('json patch turned the object into a non-object');
  return doc;
}

function pathOf(op: JsonPatchOperation): string {
  if (typeof op.path !== 'string') throw new Error(`${op.op} operation missing path`);
  return op.path;
}

function fromOf(op: JsonPatchOperation): string {
  if (typeof op.from !== 'string') throw new Error(`${op.op} operation missing from`);
  return op.from;
}

function valueOf(op: JsonPatchOperation): JsonValue {
  if (!('value' in op)) throw new Error(`${op.op} operation missing value`);
  return cloneJson(op.value ?? null);
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`JSON pointer must be empty or start with a "/": "${path}"`);
  return path.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The container holding the last token of `path`, and that token. */
function parentOf(doc: JsonValue, path: string, op: string): { container: JsonValue; key: string } {
  const tokens = parsePointer(path);
  const key = tokens.pop();
  if (key === undefined) throw new Error(`${op} operation does not apply: doc is missing path: "${path}"`);
  let current: JsonValue | undefined = doc;
  for (const token of tokens) {
    current = child(current, token);
    if (current === undefined) throw new Error(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  if (current === null || typeof current !== 'object') {
    throw new Error(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return { container: current, key };
}

function child(node: JsonValue | undefined, token: string): JsonValue | undefined {
  if (Array.isArray(node)) {
    const index = arrayIndex(token, node.length);
    return index === undefined ? undefined : node[index];
  }
  if (isJsonObject(node)) return Object.hasOwn(node, token) ? node[token] : undefined;
  return undefined;
}

function arrayIndex(token: string, length: number): number | undefined {
  if (!/^-?\d+$/.test(token)) return undefined;
  let index = Number(token);
  if (index < 0) index += length; // json-patch v4 accepts negative indexes counted from the end
  return index >= 0 && index < length ? index : undefined;
}

function tryGet(doc: JsonValue, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = doc;
  for (const token of parsePointer(path)) {
    current = child(current, token);
    if (current === undefined) return undefined;
  }
  return current;
}

function get(doc: JsonValue, path: string, op: string): JsonValue {
  const value = tryGet(doc, path);
  if (value === undefined) throw new Error(`${op} operation does not apply: doc is missing from path: "${path}"`);
  return value;
}

function add(doc: JsonValue, path: string, value: JsonValue): JsonValue {
  if (path === '') return value;
  const { container, key } = parentOf(doc, path, 'add');
  if (Array.isArray(container)) {
    const index = key === '-' ? container.length : Number(key);
    if (!/^-?\d+$/.test(key) && key !== '-') throw new Error(`add operation does not apply: doc is missing path: "${path}": invalid index`);
    const at = index < 0 ? index + container.length : index;
    if (at < 0 || at > container.length) throw new Error(`add operation does not apply: doc is missing path: "${path}": Unable to access invalid index: ${index}`);
    container.splice(at, 0, value);
  } else if (isJsonObject(container)) container[key] = value;
  return doc;
}

function remove(doc: JsonValue, path: string, op: string): JsonValue {
  const { container, key } = parentOf(doc, path, op);
  if (Array.isArray(container)) {
    const index = arrayIndex(key, container.length);
    if (index === undefined) throw new Error(`${op} operation does not apply: doc is missing path: "${path}": Unable to remove nonexistent key: ${key}: missing value`);
    container.splice(index, 1);
  } else if (isJsonObject(container)) {
    if (!Object.hasOwn(container, key)) throw new Error(`${op} operation does not apply: doc is missing path: "${path}": Unable to remove nonexistent key: ${key}: missing value`);
    delete container[key];
  }
  return doc;
}

function replace(doc: JsonValue, path: string, value: JsonValue): JsonValue {
  if (path === '') return value;
  const { container, key } = parentOf(doc, path, 'replace');
  if (Array.isArray(container)) {
    const index = arrayIndex(key, container.length);
    if (index === undefined) throw new Error(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    container[index] = value;
  } else if (isJsonObject(container)) {
    if (!Object.hasOwn(container, key)) throw new Error(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    container[key] = value;
  }
  return doc;
}

function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'number' || typeof b === 'number' || typeof a === 'bigint' || typeof b === 'bigint') {
    return (typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint') && Number(a) === Number(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
