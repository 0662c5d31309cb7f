// The values a user passes on the command line, merged as Helm's values.Options.MergeValues does:
// -f files first (deep-merged in order), then every --set-json, --set, --set-string, --set-file and
// --set-literal, each kind in the order given, whatever their interleaving on the command line.
import { ChartLoadError } from './chart.ts';
import { mergeMaps, parseValuesDocuments, parseValuesYaml } from './chart-loader.ts';
import type { HelmFlavor, Values } from './coalesce.ts';
import { parseSetFileInto, parseSetInto, parseSetJsonInto, parseSetLiteralInto } from './strvals.ts';

export interface UserValueOptions {
  /** -f files, already read: name (for messages) and text. */
  valueFiles?: Array<{ name: string; text: string }>;
  setJson?: string[];
  set?: string[];
  setString?: string[];
  setFile?: string[];
  setLiteral?: string[];
  /** Reads a --set-file path. */
  readFile?: (path: string) => string;
  /** v4 merges every document of a -f file. */
  flavor?: HelmFlavor;
}

export class UserValuesError extends Error {}

export function mergeUserValues(opts: UserValueOptions): Values {
  let base: Values = {};
  for (const f of opts.valueFiles ?? []) {
    let current: Values;
    try {
      current = opts.flavor === 'v4' ? parseValuesDocuments(f.text, `failed to parse ${f.name}`) : parseValuesYaml(f.text, `failed to parse ${f.name}`);
    } catch (err) {
      throw new UserValuesError((err as ChartLoadError).message);
    }
    base = mergeMaps(base, current);
  }
  for (const v of opts.setJson ?? []) {
    try {
      parseSetJsonInto(v, base);
    } catch {
      throw new UserValuesError(`failed parsing --set-json data ${v}`);
    }
  }
  const parse = (list: string[] | undefined, flag: string, fn: (v: string) => void) => {
    for (const v of list ?? []) {
      try {
        fn(v);
      } catch (err) {
        throw new UserValuesError(`failed parsing ${flag} data: ${(err as Error).message}`);
      }
    }
  };
  parse(opts.set, '--set', (v) => parseSetInto(v, base));
  parse(opts.setString, '--set-string', (v) => parseSetInto(v, base, true));
  parse(opts.setFile, '--set-file', (v) => parseSetFileInto(v, base, opts.readFile ?? (() => {
    throw new UserValuesError('--set-file needs a file reader');
  })));
  parse(opts.setLiteral, '--set-literal', (v) => parseSetLiteralInto(v, base));
  return base;
}
