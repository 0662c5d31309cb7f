// Sprig v3.3.0 function map (the version Helm v3.21 uses), without env/expandenv as Helm removes them.
import type { FuncMap } from '../gotemplate/index.ts';

export function sprigFuncs(): FuncMap {
  return {};
}
