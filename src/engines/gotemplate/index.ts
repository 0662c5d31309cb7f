// Public API of the Go text/template engine. See /work/notes/gotemplate-interface.md and the
// value-model table at the top of values.ts.
export { TemplateSet } from './template-set.ts';
export type { TemplateSetOptions, ExecuteOptions } from './template-set.ts';
export { TemplateError } from './exec.ts';
export type { MissingKey } from './exec.ts';
export { goFunc, signatureOf } from './signature.ts';
export type { FuncMap, GoFunc, GoParamType, GoSignature } from './signature.ts';
export { sprint, sprintf, sprintln } from './fmt.ts';
export { formatFloat } from './float-format.ts';
export { quote } from './quote.ts';
export {
  GoComplex, GoNumber, int64, typedSlice, sliceType, isPlainMap, isGoMap, isStruct, isTrue, kindOf, typeName, sortedKeys,
  compareStrings, byteLength, mapGet, mapSize, utf8, fromUtf8, hasPointerReceiver, namedMap, mapView,
} from './values.ts';
export type { GoNumberType } from './values.ts';
