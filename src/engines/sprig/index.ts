// Sprig v3.3.0 function map (the version Helm v3.21 uses), without env/expandenv, which Helm
// removes. Each group lives in its own file; this file only assembles the map.
import { goFunc } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { cryptoFuncs } from './crypto.ts';
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

export interface SprigOptions {
  /**
   * Resolves a host name for getHostByName. Engines do no network I/O themselves, so without
   * this the function fails; Go's Sprig picks one of the addresses at random.
   */
  lookupHost?: (name: string) => string[];
}

export { GoTime } from './go-time.ts';
export { getKey, setKey } from './go-map.ts';
export { Certificate } from './crypto.ts';
export { marshal as goJSONMarshal, unmarshal as goJSONUnmarshal, structFields as goJSONStructFields } from './go-json.ts';
export type { MarshalOptions as GoJSONMarshalOptions } from './go-json.ts';

export function sprigFuncs(options: SprigOptions = {}): FuncMap {
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
    ...cryptoFuncs(),
    getHostByName: goFunc(['string'], (name: string) => {
      if (!options.lookupHost) throw new Error(`getHostByName ${name}: host lookups are not available to this renderer`);
      const addrs = options.lookupHost(name);
      if (addrs.length === 0) throw new Error('runtime error: index out of range [0] with length 0');
      return addrs[Math.floor(Math.random() * addrs.length)];
    }),
  };
}
