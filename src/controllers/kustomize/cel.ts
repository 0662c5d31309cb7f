// CEL for healthCheckExprs and dependsOn readyExpr, through @marcbachmann/cel-js. Expressions are parsed
// once and kept, since the same few expressions run on every poll.
import { parse } from '@marcbachmann/cel-js';

export class CelExpressionError extends Error {}

const compiled = new Map<string, (vars: Record<string, unknown>) => unknown>();

function program(expr: string, what: string): (vars: Record<string, unknown>) => unknown {
  let fn = compiled.get(expr);
  if (!fn) {
    try {
      fn = parse(expr) as (vars: Record<string, unknown>) => unknown;
    } catch (err) {
      throw new CelExpressionError(`failed to parse ${what} '${expr}': ${(err as Error).message}`);
    }
    compiled.set(expr, fn);
  }
  return fn;
}

/** Evaluates to a boolean; a missing field makes the expression false, as Flux treats "not there yet". */
export function evaluateBool(expr: string, vars: Record<string, unknown>, what: string): boolean {
  const fn = program(expr, what);
  try {
    const out = fn(vars);
    if (typeof out !== 'boolean') throw new CelExpressionError(`${what} '${expr}' did not evaluate to a boolean`);
    return out;
  } catch (err) {
    if (err instanceof CelExpressionError) throw err;
    return false;
  }
}

/** Parses an expression now, so a typo fails the reconcile (InvalidCELExpression) before any apply. */
export function checkExpression(expr: string, what: string): void {
  program(expr, what);
}
