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
  if (value === null) return []; // Go decodes JSON null into an empty patch without complaint
  if (!Array.isArray(value)) throw new Error('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return value.map((op) => {
    if (!isJsonObject(op)) throw new Error('json: cannot unmarshal a non-object into Go value of type jsonpatch.Operation');
    return op as unknown as JsonPatchOperation;
  });
}

export function applyJsonPatch(document: JsonObject, operations: JsonPatchOperation[]): JsonObject {
  const root = { doc: cloneJson(document) as JsonValue };
  for (const operation of operations) applyOperation(root, operation);
  if (!isJsonObject(root.doc)) throw new Error('json patch turned the object into a non-object');
  return root.doc;
}

type Container = JsonObject | JsonValue[];

function applyOperation(root: { doc: JsonValue }, operation: JsonPatchOperation): void {
  const op = operation.op;
  switch (op) {
    case 'add': {
      const { container, key } = locate(root.doc, pathOf(operation), `add operation does not apply: doc is missing path: "${pathOf(operation)}"`);
      wrap(`error in add for path: '${pathOf(operation)}'`, () => addTo(container, key, valueOf(operation)));
      return;
    }
    case 'remove': {
      const path = pathOf(operation);
      const { container, key } = locate(root.doc, path, `remove operation does not apply: doc is missing path: "${path}"`);
      wrap(`error in remove for path: '${path}'`, () => removeFrom(container, key));
      return;
    }
    case 'replace': {
      const path = pathOf(operation);
      if (path === '') {
        const value = valueOf(operation);
        // json-patch v4.12 means to refuse a scalar here but wraps a nil error, so nothing happens.
        if (isJsonObject(value) || Array.isArray(value)) root.doc = value;
        return;
      }
      const { container, key } = locate(root.doc, path, `replace operation does not apply: doc is missing path: ${path}`);
      try {
        getFrom(container, key);
      } catch {
        throw new Error(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      }
      wrap(`error in remove for path: '${path}'`, () => setIn(container, key, valueOf(operation)));
      return;
    }
    case 'move': {
      const from = fromOf(operation);
      const source = locate(root.doc, from, `move operation does not apply: doc is missing from path: ${from}`);
      const value = wrap(`error in move for path: '${source.key}'`, () => getFrom(source.container, source.key));
      wrap(`error in move for path: '${source.key}'`, () => removeFrom(source.container, source.key));
      const path = pathOf(operation);
      const target = locate(root.doc, path, `move operation does not apply: doc is missing destination path: ${path}`);
      wrap(`error in move for path: '${path}'`, () => addTo(target.container, target.key, value ?? null));
      return;
    }
    case 'copy': {
      const from = fromOf(operation);
      const source = locate(root.doc, from, `copy operation does not apply: doc is missing from path: ${from}`);
      const value = wrap(`error in copy for from: '${from}'`, () => getFrom(source.container, source.key));
      const path = pathOf(operation);
      const target = locate(root.doc, path, `copy operation does not apply: doc is missing destination path: ${path}`);
      wrap(`error in copy for path: '${path}'`, () => addTo(target.container, target.key, cloneJson(value ?? null)));
      return;
    }
    case 'test': {
      const path = pathOf(operation);
      const expected = operation.value;
      const actual = path === '' ? root.doc : (() => {
        const { container, key } = locate(root.doc, path, `test operation does not apply: is missing path: ${path}`);
        return wrap(`error in test for path: '${path}'`, () => getFrom(container, key));
      })();
      // A missing value passes a test for null, as in json-patch v4.
      const passes = actual === undefined ? expected === undefined || expected === null : expected !== undefined && deepEqual(actual, expected);
      if (!passes) throw new Error(`testing value ${path} failed: test failed`);
      return;
    }
    default:
      throw new Error(`Unexpected kind: ${op}`);
  }
}

function wrap<T>(context: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new Error(`${context}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function pathOf(op: JsonPatchOperation): string {
  if (typeof op.path !== 'string') throw new Error(`${op.op} operation failed to decode path: missing value`);
  return op.path;
}

function fromOf(op: JsonPatchOperation): string {
  if (typeof op.from !== 'string') throw new Error(`${op.op} operation failed to decode from: missing value`);
  return op.from;
}

function valueOf(op: JsonPatchOperation): JsonValue {
  return cloneJson(op.value ?? null);
}

function decodeKey(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** json-patch's findObject: walks all but the last token; a missing or null step means "missing path". */
function locate(doc: JsonValue, path: string, missing: string): { container: Container; key: string } {
  const parts = path.split('/');
  if (parts.length < 2) throw new Error(`${missing}: missing value`);
  let current: JsonValue = doc;
  for (const part of parts.slice(1, -1)) {
    if (!isJsonObject(current) && !Array.isArray(current)) throw new Error(`${missing}: missing value`);
    let next: JsonValue | undefined;
    try {
      next = getFrom(current, decodeKey(part));
    } catch {
      next = undefined;
    }
    if (next === undefined || next === null) throw new Error(`${missing}: missing value`);
    current = next;
  }
  if (!isJsonObject(current) && !Array.isArray(current)) throw new Error(`${missing}: missing value`);
  return { container: current, key: decodeKey(parts[parts.length - 1] ?? '') };
}

function arrayIndex(key: string, length: number, allowEnd: boolean): number {
  if (!/^[-+]?\d+$/.test(key)) throw new Error(`value was not a proper array index: '${key}'`);
  let index = Number(key);
  const size = allowEnd ? length + 1 : length;
  if (index >= size) throw new Error(`Unable to access invalid index: ${index}: invalid index referenced`);
  if (index < 0) {
    if (index < -size) throw new Error(`Unable to access invalid index: ${index}: invalid index referenced`);
    index += size;
  }
  return index;
}

function getFrom(container: Container, key: string): JsonValue | undefined {
  if (Array.isArray(container)) return container[arrayIndex(key, container.length, false)];
  return Object.hasOwn(container, key) ? container[key] : undefined;
}

function setIn(container: Container, key: string, value: JsonValue): void {
  if (Array.isArray(container)) container[arrayIndex(key, container.length, false)] = value;
  else container[key] = value;
}

function addTo(container: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(container)) {
    container[key] = value;
    return;
  }
  if (key === '-') container.push(value);
  else container.splice(arrayIndex(key, container.length, true), 0, value);
}

function removeFrom(container: Container, key: string): void {
  if (Array.isArray(container)) {
    container.splice(arrayIndex(key, container.length, false), 1);
    return;
  }
  if (!Object.hasOwn(container, key)) throw new Error(`Unable to remove nonexistent key: ${key}: missing value`);
  delete container[key];
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
