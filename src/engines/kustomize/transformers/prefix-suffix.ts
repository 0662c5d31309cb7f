// namePrefix / nameSuffix (kustomize's PrefixTransformer and SuffixTransformer). Names of CRDs,
// APIServices and Namespaces are never changed, as in kustomize.

import type { Resource } from '../resource.ts';
import { getKind, splitApiVersion } from '../resource.ts';
import type { FieldSpec } from '../config/field-spec.ts';
import { visitFieldSpec } from './field-visitor.ts';
import { rememberCurrentId } from './rename.ts';

function skipped(res: Resource): boolean {
  const kind = getKind(res.object);
  const { group } = splitApiVersion(typeof res.object.apiVersion === 'string' ? res.object.apiVersion : '');
  return kind === 'CustomResourceDefinition' || kind === 'Namespace' || (kind === 'APIService' && group === 'apiregistration.k8s.io');
}

export function applyNameAffix(resources: Resource[], affix: string, where: 'prefix' | 'suffix', fieldSpecs: FieldSpec[]): void {
  if (affix === '') return;
  for (const res of resources) {
    if (skipped(res)) continue;
    for (const fs of fieldSpecs) {
      let remembered = false;
      visitFieldSpec(res.object, fs, 'scalar', (holder, key) => {
        const raw = holder[key];
        if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'bigint') return;
        const v = String(raw);
        if (fs.path === 'metadata/name' && !remembered) {
          rememberCurrentId(res);
          if (where === 'prefix') (res.namePrefixes ??= []).push(affix);
          else (res.nameSuffixes ??= []).push(affix);
          remembered = true;
        }
        holder[key] = where === 'prefix' ? affix + v : v + affix;
      });
    }
  }
}
