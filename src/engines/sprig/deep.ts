// reflect.DeepEqual and copystructure.Copy for the Go value model.
import { GoNumber, isGoMap, isPlainMap, mapGet, namedMap, sortedKeys, typeName } from '../gotemplate/index.ts';
import { typedSlice, sliceType } from '../gotemplate/index.ts';
import { setKey } from './go-map.ts';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoNumber && b instanceof GoNumber) return a.value === b.value;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (isGoMap(a) && isGoMap(b)) {
    const ka = sortedKeys(a);
    const kb = sortedKeys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => {
      const rb = mapGet(b, k);
      return rb.found && deepEqual(mapGet(a, k).value, rb.value);
    });
  }
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return a === b;
}

export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = v.map(deepCopy);
    return sliceType(v) === '[]interface {}' ? out : typedSlice(out, sliceType(v));
  }
  if (v instanceof Uint8Array) return v.slice();
  if (isPlainMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setKey(out, k, deepCopy(x));
    // copystructure keeps the named type (chartutil.Values).
    return typeName(v) === 'map[string]interface {}' ? out : namedMap(out, typeName(v));
  }
  if (v instanceof Map) {
    const out = new (v.constructor as MapConstructor)();
    for (const [k, x] of v) out.set(k, deepCopy(x));
    return out;
  }
  return v;
}
