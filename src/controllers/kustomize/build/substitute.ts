// postBuild variable substitution, object by object as upstream does it: the object is printed as
// YAML, substituted as text, and read back, so `${var}` works anywhere, keys included.
import { KustomizeSubstituteAnnotation, DisabledLowercaseValue } from '../../../api/meta/annotations.ts';
import type { JsonObject, JsonValue } from '../../../engines/kustomize/index.ts';
import { substitute } from '../../../engines/envsubst/index.ts';
import { renderDocument } from '../../../engines/kustomize/yaml/writer.ts';
import { parseYamlDocuments } from '../../../engines/kustomize/yaml/reader.ts';
import { BuildError } from './errors.ts';

const VAR_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

export interface Substitution {
  variables: Record<string, string>;
  /** Fail on an undefined variable without default (upstream's default since 2.9). */
  strict: boolean;
  /** `WithVariables`: substitute only when there is at least one variable; `Always`: always. */
  strategy: 'WithVariables' | 'Always';
}

/** Refuses variable names envsubst could never reference, as upstream does before substituting. */
export function validateVariableNames(vars: Record<string, string>): void {
  for (const name of Object.keys(vars)) {
    if (!VAR_NAME.test(name)) throw new BuildError(`'${name}' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'`);
  }
}

function optedOut(obj: JsonObject): boolean {
  const metadata = obj.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined;
  return metadata?.labels?.[KustomizeSubstituteAnnotation] === DisabledLowercaseValue || metadata?.annotations?.[KustomizeSubstituteAnnotation] === DisabledLowercaseValue;
}

export function substituteObject(obj: JsonObject, sub: Substitution, describe: string): JsonObject {
  if (optedOut(obj)) return obj;
  if (sub.strategy === 'WithVariables' && Object.keys(sub.variables).length === 0) return obj;
  let docs: JsonValue[];
  try {
    docs = parseYamlDocuments(substitute(renderDocument(obj), sub.variables, { strict: sub.strict }), describe);
  } catch (err) {
    throw new BuildError(`post build failed for '${describe}': ${(err as Error).message}`);
  }
  const out = docs[0];
  if (docs.length !== 1 || !out || typeof out !== 'object' || Array.isArray(out)) {
    throw new BuildError(`post build failed for '${describe}': substitution did not produce one object`);
  }
  return out;
}
