// The build steps implemented in patch/ and replacements/ (patches of every kind, replacements, vars),
// gathered behind one small interface so the pipeline reads the same whichever module does the work.

import type { JsonValue, Resource } from './resource.ts';
import type { FieldSpec } from './config/field-spec.ts';
import type { Loader } from './loader.ts';
import { KustomizeError } from './errors.ts';

function notYet(field: string): never {
  throw new KustomizeError(`${field} is not supported yet by this kustomize engine`);
}

export function runPatchesStrategicMerge(_resources: Resource[], entries: JsonValue[], _loader: Loader): void {
  if (entries.length > 0) notYet('patchesStrategicMerge');
}

export function runPatches(_resources: Resource[], entries: JsonValue[], _loader: Loader): void {
  if (entries.length > 0) notYet('patches');
}

export function runPatchesJson6902(_resources: Resource[], entries: JsonValue[], _loader: Loader): void {
  if (entries.length > 0) notYet('patchesJson6902');
}

export function runReplacements(_resources: Resource[], entries: JsonValue[], _loader: Loader): void {
  if (entries.length > 0) notYet('replacements');
}

export function runVars(_resources: Resource[], vars: JsonValue[], _specs: FieldSpec[]): void {
  if (vars.length > 0) notYet('vars');
}
