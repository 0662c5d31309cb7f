// The build steps implemented in patch/ and replacements/ (patches of every kind, replacements, vars),
// gathered behind one small interface so the pipeline reads the same whichever module does the work.

import type { JsonValue, Resource } from './resource.ts';
import type { FieldSpec } from './config/field-spec.ts';
import type { Loader } from './loader.ts';
import type { MergeSchema } from './patch/merge-schema.ts';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patch/apply-fields.ts';
import { applyReplacements } from './replacements/apply.ts';
import { resolveVars } from './replacements/vars.ts';

export function runPatchesStrategicMerge(resources: Resource[], entries: JsonValue[], loader: Loader, schema: MergeSchema | undefined): void {
  if (entries.length > 0) applyPatchesStrategicMerge(resources, entries, loader, schema);
}

export function runPatches(resources: Resource[], entries: JsonValue[], loader: Loader, schema: MergeSchema | undefined): void {
  if (entries.length > 0) applyPatches(resources, entries, loader, schema);
}

export function runPatchesJson6902(resources: Resource[], entries: JsonValue[], loader: Loader): void {
  if (entries.length > 0) applyPatchesJson6902(resources, entries, loader);
}

export function runReplacements(resources: Resource[], entries: JsonValue[], loader: Loader): void {
  if (entries.length > 0) applyReplacements(resources, entries, loader);
}

export function runVars(resources: Resource[], vars: JsonValue[], specs: FieldSpec[]): void {
  if (vars.length > 0) resolveVars(resources, vars, specs);
}
