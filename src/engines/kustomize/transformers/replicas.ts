// The `replicas:` field (kustomize's ReplicaCountTransformer): sets the replica count of the named
// workloads, matching current or earlier names; naming nothing is an error.

import type { Resource } from '../resource.ts';
import { getName } from '../resource.ts';
import { gvkOf, gvkSelected, type FieldSpec } from '../config/field-spec.ts';
import { KustomizeError } from '../errors.ts';
import { visitFieldSpec } from './field-visitor.ts';

export function applyReplicas(resources: Resource[], name: string, count: number, fieldSpecs: FieldSpec[]): void {
  let found = false;
  for (const fs of fieldSpecs) {
    for (const res of resources) {
      const names = [getName(res.object), ...res.previousIds.map((id) => id.name)];
      if (!names.includes(name) || !gvkSelected(gvkOf(res.object), fs)) continue;
      found = true;
      visitFieldSpec(res.object, fs, 'scalar', (holder, key) => {
        // kustomize keeps a quoted count quoted.
        holder[key] = typeof holder[key] === 'string' ? String(count) : count;
      });
    }
  }
  if (!found) {
    const gvks = fieldSpecs.map((fs) => [fs.group, fs.version, fs.kind].filter((x) => x !== '').join('_'));
    throw new KustomizeError(`resource with name ${name} does not match a config with the following GVK [${gvks.join(' ')}]`);
  }
}
