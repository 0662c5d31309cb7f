// Sprig v3.3.0 function map (the version Helm v3.21 uses), without env/expandenv, which Helm
// removes. Each group lives in its own file; this file only assembles the map.
import type { FuncMap } from '../gotemplate/index.ts';
import { defaultFuncs } from './defaults.ts';
import { dictFuncs } from './dicts.ts';
import { encodingFuncs } from './encoding.ts';
import { listFuncs } from './lists.ts';
import { mathFuncs } from './math.ts';
import { pathFuncs } from './paths.ts';
import { reflectFuncs } from './reflect.ts';
import { regexFuncs } from './regex.ts';
import { semverFuncs } from './semver.ts';
import { stringFuncs } from './strings.ts';
import { urlFuncs } from './url.ts';
import { dateFuncs } from './dates.ts';

export function sprigFuncs(): FuncMap {
  return {
    ...stringFuncs(),
    ...listFuncs(),
    ...dictFuncs(),
    ...mathFuncs(),
    ...defaultFuncs(),
    ...reflectFuncs(),
    ...encodingFuncs(),
    ...pathFuncs(),
    ...regexFuncs(),
    ...semverFuncs(),
    ...dateFuncs(),
    ...urlFuncs(),
  };
}
