// How a JavaScript function declares its Go signature, so the executor can check arity and
// argument types and convert constants the way text/template does for Go functions.

/** Go type names the executor understands for parameters. */
export type GoParamType =
  | 'interface {}' | 'reflect.Value' | 'string' | 'bool' | 'int' | 'int64' | 'int32' | 'uint8' | 'uint'
  | 'uint32' | 'uint64' | 'float64' | '[]interface {}' | '[]string' | 'map[string]interface {}' | 'time.Time'
  // Any other Go type name, matched against typeName() of the argument (e.g. 'sprig.certificate').
  | (string & { readonly goTypeName?: never });

export interface GoSignature {
  params: GoParamType[];
  /** Element type of a final variadic parameter (`...interface{}`), if any. */
  variadic?: GoParamType;
}

export type GoFunc = (...args: any[]) => unknown;

const SIGNATURE = Symbol('tsflux.goSignature');

/** Attaches a Go signature to a function: goFunc(['string', 'int'], fn), goFunc([], fn, 'interface {}'). */
export function goFunc<F extends GoFunc>(params: GoParamType[], fn: F, variadic?: GoParamType): F {
  Object.defineProperty(fn, SIGNATURE, { value: { params, variadic }, enumerable: false, configurable: true });
  return fn;
}

export function signatureOf(fn: GoFunc): GoSignature | undefined {
  return (fn as unknown as Record<symbol, GoSignature | undefined>)[SIGNATURE];
}

export type FuncMap = Record<string, GoFunc>;
