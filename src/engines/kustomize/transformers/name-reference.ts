// kustomize's nameReference pass ("FixBackReferences"), run once at the end of a build: wherever a
// resource names another one (a Deployment's ConfigMap volume, a RoleBinding's role, an Ingress's
// Service...), the reference follows the referred resource's renames (prefixes, suffixes, hashes).

import type { JsonObject, JsonValue, Resource } from '../resource.ts';
import { getKind, getName, getNamespace, isJsonObject, resIdOf } from '../resource.ts';
import { gvkOf, gvkSelected, type FieldSpec, type NameBackReference } from '../config/field-spec.ts';
import { isClusterScopedObject } from '../resource-id.ts';
import { KustomizeError } from '../errors.ts';
import { visitFieldSpec } from './field-visitor.ts';

function nsEquals(a: string, b: string): boolean {
  return (a === '' ? 'default' : a) === (b === '' ? 'default' : b);
}

function hadName(res: Resource, name: string): boolean {
  return res.previousIds.some((id) => id.name === name) || getName(res.object) === name;
}

function originalNamespace(res: Resource): string {
  return res.previousIds.length > 0 ? res.previousIds[0].namespace : getNamespace(res.object);
}

/** Whether one list ends with the other (both empty counts; one empty and the other not does not). */
function sameEnding(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return long.length === 0;
  const diff = long.length - short.length;
  return short.every((v, i) => long[i + diff] === v);
}

/** kustomize's PrefixesSuffixesEquals: with allowEmpty, a side without prefixes (suffixes) matches anything. */
function sameAffixes(a: Resource, b: Resource, allowEmpty: boolean): boolean {
  const ap = a.namePrefixes ?? [];
  const bp = b.namePrefixes ?? [];
  const as = a.nameSuffixes ?? [];
  const bs = b.nameSuffixes ?? [];
  if (!allowEmpty) return sameEnding(ap, bp) && sameEnding(as, bs);
  return (ap.length === 0 || bp.length === 0 || sameEnding(ap, bp)) && (as.length === 0 || bs.length === 0 || sameEnding(as, bs));
}

function selectReferral(referrer: Resource, oldName: string, candidates: Resource[], roleRef?: { group: string; kind: string }): Resource | undefined {
  let found = candidates.filter((c) => hadName(c, oldName));
  if (roleRef) found = found.filter((c) => getKind(c.object) === roleRef.kind && gvkOf(c.object).group === roleRef.group);
  if (!isClusterScopedObject(referrer.object)) {
    const ns = getNamespace(referrer.object);
    found = found.filter((c) => isClusterScopedObject(c.object) || getKind(c.object) === 'ServiceAccount' || nsEquals(ns, getNamespace(c.object)));
  }
  if (found.length <= 1) return found[0];
  found = found.filter((c) => sameAffixes(c, referrer, true));
  if (found.length === 1) return found[0];
  found = found.filter((c) => sameAffixes(c, referrer, false));
  if (found.length <= 1) return found[0];
  if (found.every((c) => getName(c.object) === getName(found[0].object))) return found[0];
  const ids = found.map((c) => {
    const id = resIdOf(c.object);
    return `${id.kind}.${id.version}.${id.group || '[noGrp]'}/${id.name}.${id.namespace || '[noNs]'}`;
  });
  throw new KustomizeError(`found multiple possible referrals: [${ids.join(' ')}] for the reference '${oldName}' in ${getKind(referrer.object)} ${getName(referrer.object)}`);
}

function roleRefOf(referrer: JsonObject): { group: string; kind: string } | undefined {
  const rr = referrer.roleRef;
  if (!isJsonObject(rr)) return undefined;
  const group = typeof rr.apiGroup === 'string' ? rr.apiGroup : '';
  return typeof rr.kind === 'string' ? { group, kind: rr.kind } : undefined;
}

/** Whether the referrer may name a resource (kustomize's SubsetThatCouldBeReferencedByResource), whatever its kind. */
function mayReferTo(referrer: Resource): (target: Resource) => boolean {
  if (isClusterScopedObject(referrer.object)) return () => true;
  const ns = getNamespace(referrer.object);
  // A RoleBinding reaches into the namespaces its ServiceAccount subjects name.
  const subjectNamespaces = new Set<string>();
  const subjects = referrer.object.subjects;
  if (getKind(referrer.object) === 'RoleBinding' && Array.isArray(subjects)) {
    for (const s of subjects) if (isJsonObject(s) && s.kind === 'ServiceAccount' && typeof s.namespace === 'string') subjectNamespaces.add(s.namespace);
  }
  return (r) => isClusterScopedObject(r.object) || nsEquals(getNamespace(r.object), ns) || subjectNamespaces.has(getNamespace(r.object));
}

function effective(namespace: string): string {
  return namespace === '' ? 'default' : namespace;
}

interface ReferenceContext {
  referrer: Resource;
  /** Every resource of the build (a written namespace is looked up among all kinds). */
  resources: Resource[];
  /** The resources of the kind the reference names. */
  candidates: Resource[];
  mayRefer: (target: Resource) => boolean;
}

/**
 * The candidates a {name, namespace} reference may mean: those that came from that namespace if any
 * resource the referrer may name did (whatever its kind), else those now in it.
 */
function inWrittenNamespace(ctx: ReferenceContext, ns: string): Resource[] {
  const namespacedReferable = (r: Resource) => !isClusterScopedObject(r.object) && ctx.mayRefer(r);
  const cameFrom = (r: Resource) => namespacedReferable(r) && effective(originalNamespace(r)) === ns;
  if (ctx.resources.some(cameFrom)) return ctx.candidates.filter(cameFrom);
  return ctx.candidates.filter((r) => namespacedReferable(r) && effective(getNamespace(r.object)) === ns);
}

function fixValue(value: JsonValue, ctx: ReferenceContext, fs: FieldSpec): JsonValue {
  const { referrer } = ctx;
  const roleRef = fs.path === 'roleRef/name' ? roleRefOf(referrer.object) : undefined;
  if (typeof value === 'string') {
    const referral = selectReferral(referrer, value, ctx.candidates.filter(ctx.mayRefer), roleRef);
    return referral ? getName(referral.object) : value;
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? fixValue(v, ctx, fs) : v));
  if (isJsonObject(value)) {
    // A {name, namespace} pair (role binding subjects, webhook services).
    if (typeof value.name !== 'string') return value;
    const ns = value.namespace;
    const scope = ns === undefined || ns === null ? ctx.candidates.filter(ctx.mayRefer) : inWrittenNamespace(ctx, String(ns));
    const referral = selectReferral(referrer, value.name, scope);
    if (!referral) return value;
    value.name = getName(referral.object);
    if (getNamespace(referral.object) !== '') value.namespace = getNamespace(referral.object);
    return value;
  }
  return value;
}

export function fixNameReferences(resources: Resource[], backRefs: NameBackReference[]): void {
  const predicates = new Map<Resource, (target: Resource) => boolean>();
  for (const backRef of backRefs) {
    // A resource whose kind changed (patch with allowKindChange) is still found under its earlier kinds.
    const candidates = resources.filter((r) => gvkSelected(gvkOf(r.object), backRef) || r.previousIds.some((id) => gvkSelected(id, backRef)));
    if (candidates.length === 0) continue;
    for (const referrer of resources) {
      let mayRefer = predicates.get(referrer);
      if (!mayRefer) predicates.set(referrer, (mayRefer = mayReferTo(referrer)));
      const ctx: ReferenceContext = { referrer, resources, candidates, mayRefer };
      for (const fs of backRef.referrers) {
        visitFieldSpec(referrer.object, fs, 'scalar', (holder, key) => {
          const v = holder[key];
          if (v === undefined || v === null) return;
          if (fs.path === 'subjects' && Array.isArray(v)) {
            holder[key] = v.map((s) => (isJsonObject(s) && s.kind === backRef.kind ? fixValue(s, ctx, fs) : s));
            return;
          }
          holder[key] = fixValue(v, ctx, fs);
        });
      }
    }
  }
}
