// The build steps implemented in patch/ and replacements/ (patches of every kind, replacements, vars),
// gathered behind one small interface so the pipeline reads the same whichever module does the work.

import type { JsonValue, Resource } from './resource.ts';
import type { FieldSpec } from './config/field-spec.ts';
import type { Loader } from './loader.ts';
import type { StepSettings } from './version.ts';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patch/apply-fields.ts';
import { applyReplacements } from './replacements/apply.ts';
import { resolveVars } from './replacements/vars.ts';

export function runPatchesStrategicMerge(resources: Resource[], entries: JsonValue[], loader: Loader, settings: StepSettings): void {
  if (entries.length > 0) applyPatchesStrategicMerge(resources, entries, loader, settings.schema);
}

export function runPatches(resources: Resource[], entries: JsonValue[], loader: Loader, settings: StepSettings): void {
  if (entries.length > 0) applyPatches(resources, entries, loader, settings.schema, settings.version);
}

export function runPatchesJson6902(resources: Resource[], entries: JsonValue[], loader: Loader): void {
  if (entries.length > 0) applyPatchesJson6902(resources, entries, loader);
}

export function runReplacements(resources: Resource[], entries: JsonValue[], loader: Loader, settings: StepSettings): void {
  if (entries.length > 0) applyReplacements(resources, entries, loader, settings.version);
}

export function runVars(resources: Resource[], vars: JsonValue[], specs: FieldSpec[]): void {
  if (vars.length > 0) resolveVars(resources, vars, specs);
}
