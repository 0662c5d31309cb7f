// Sprig's reflection helpers: typeOf/typeIs/typeIsLike (Go %T), kindOf/kindIs (reflect.Kind), deepEqual.
import { goFunc as f, kindOf, typeName } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { deepEqual } from './deep.ts';

const S = 'string' as const;
const ANY = 'interface {}' as const;

export function reflectFuncs(): FuncMap {
  return {
    typeOf: f([ANY], typeName),
    typeIs: f([S, ANY], (t: string, v: unknown) => t === typeName(v)),
    typeIsLike: f([S, ANY], (t: string, v: unknown) => t === typeName(v) || `*${t}` === typeName(v)),
    kindOf: f([ANY], kindOf),
    kindIs: f([S, ANY], (k: string, v: unknown) => k === kindOf(v)),
    deepEqual: f([ANY, ANY], deepEqual),
  };
}
