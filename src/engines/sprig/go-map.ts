// Go maps modelled as plain objects. In Go every string is an ordinary map key; in JS, assigning
// `obj['__proto__']` replaces the object's prototype instead (and can pollute Object.prototype through
// an inherited read), and reading `obj['constructor']` finds Object. User-controlled keys (values
// files, --set, dict, fromYaml) go through these two functions.

/** m[key] = value, with `__proto__` stored as an own key like any other. */
export function setKey<T>(m: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === '__proto__') Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
  else m[key] = value;
}

/** m[key] when m really holds the key; never a member inherited from Object.prototype. */
export function getKey<T>(m: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(m, key) ? m[key] : undefined;
}
