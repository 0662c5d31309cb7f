// Variable substitution as Flux's postBuild does it: `${var}` expressions with bash-like expansions,
// `$${var}` as an escape, and a strict mode in which an unset variable without a default is an error.
import { expansion, isDefaultOperator } from './functions.ts';
import { parse, type Node } from './parser.ts';

export interface SubstituteOptions {
  /** Fail on a variable that is not set and has no default (Flux's default since 2.9). */
  strict?: boolean;
}

export class SubstitutionError extends Error {}

export function substitute(text: string, vars: Readonly<Record<string, string>>, opts: SubstituteOptions = {}): string {
  let tree: Node;
  try {
    tree = parse(text);
  } catch (err) {
    throw new SubstitutionError((err as Error).message);
  }
  return evaluate(tree, vars, opts.strict ?? false);
}

function evaluate(node: Node, vars: Readonly<Record<string, string>>, strict: boolean): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'list':
      return node.nodes.map((n) => evaluate(n, vars, strict)).join('');
    case 'func': {
      const args = node.args.map((n) => evaluate(n, vars, strict));
      const exists = Object.hasOwn(vars, node.param);
      if (strict && !exists && !isDefaultOperator(node.name)) {
        throw new SubstitutionError(`variable not set (strict mode): ${JSON.stringify(node.param)}`);
      }
      return expansion(node.name, args.length)(exists ? vars[node.param]! : '', args);
    }
  }
}
