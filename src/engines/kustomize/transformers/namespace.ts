// The `namespace:` field (kustomize's NamespaceTransformer): sets metadata.namespace on every
// namespaced resource and moves the ServiceAccount subjects of role bindings along with them.

import type { JsonObject, Resource } from '../resource.ts';
import { getKind, getNamespace, isJsonObject } from '../resource.ts';
import { isClusterScopedObject } from '../resource-id.ts';
import type { FieldSpec } from '../config/field-spec.ts';
import { visitFieldSpec } from './field-visitor.ts';
import { rememberCurrentId } from './rename.ts';

export type RoleBindingSubjectsMode = 'defaultOnly' | 'allServiceAccounts' | 'none';

export interface NamespaceOptions {
  namespace: string;
  fieldSpecs: FieldSpec[];
  /** Only set the namespace where none is set yet. */
  unsetOnly?: boolean;
  setRoleBindingSubjects?: RoleBindingSubjectsMode;
}

// kustomize moves only the subjects named "default" (the namespace's default ServiceAccount) unless
// told to move every ServiceAccount subject; subjects naming ServiceAccounts of the build follow them
// through nameReference instead.
function setSubjects(obj: JsonObject, opts: NamespaceOptions): void {
  const mode = opts.setRoleBindingSubjects ?? 'defaultOnly';
  const subjects = obj.subjects;
  if (mode === 'none' || !Array.isArray(subjects)) return;
  for (const s of subjects) {
    if (!isJsonObject(s)) continue;
    if (mode === 'allServiceAccounts' ? s.kind === 'ServiceAccount' : s.name === 'default') s.namespace = opts.namespace;
  }
}

export function applyNamespace(resources: Resource[], opts: NamespaceOptions): void {
  if (opts.namespace === '') return;
  for (const res of resources) {
    const obj = res.object;
    const kind = getKind(obj);
    const before = getNamespace(obj);
    // kustomize moves role binding subjects by kind, whatever the field specs say.
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') setSubjects(obj, opts);
    for (const fs of opts.fieldSpecs) {
      if (fs.path === 'metadata/namespace' && isClusterScopedObject(obj)) continue;
      visitFieldSpec(obj, fs, 'scalar', (holder, key) => {
        if (opts.unsetOnly && holder[key] !== undefined && holder[key] !== null && holder[key] !== '') return;
        if (holder[key] === undefined && !fs.create) return;
        holder[key] = opts.namespace;
      });
    }
    if (getNamespace(obj) !== before) {
      const after = getNamespace(obj);
      setNs(obj, before);
      rememberCurrentId(res);
      setNs(obj, after);
    }
  }
}

function setNs(obj: JsonObject, ns: string): void {
  const md = obj.metadata;
  if (!isJsonObject(md)) return;
  if (ns === '') delete md.namespace;
  else md.namespace = ns;
}
