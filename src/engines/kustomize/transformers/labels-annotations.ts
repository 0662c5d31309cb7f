// commonLabels, labels and commonAnnotations: add key/value pairs to every map the field specs name.

import type { Resource } from '../resource.ts';
import { isJsonObject } from '../resource.ts';
import type { FieldSpec } from '../config/field-spec.ts';
import { KustomizeError } from '../errors.ts';
import { visitFieldSpec } from './field-visitor.ts';

export function addMapEntries(resources: Resource[], entries: Record<string, string>, fieldSpecs: FieldSpec[]): void {
  const keys = Object.keys(entries);
  if (keys.length === 0) return;
  for (const res of resources) {
    for (const fs of fieldSpecs) {
      visitFieldSpec(res.object, fs, 'map', (holder, key) => {
        const target = holder[key];
        if (target === undefined) return;
        if (!isJsonObject(target)) {
          throw new KustomizeError(`adding ${keys.join(', ')} to ${fs.path} of ${String(res.object.kind)} ${JSON.stringify(res.object.metadata ?? {})}: the field is not a map`);
        }
        for (const k of keys) target[k] = entries[k];
      });
    }
  }
}
