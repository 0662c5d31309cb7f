// Health assessment after apply: which objects to wait for (`wait` = everything applied, else
// `healthChecks`), CEL rules from `healthCheckExprs` for custom kinds, kstatus for the rest.
import type { CustomHealthCheck } from '../../api/meta/kustomize.ts';
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import type { HealthResult, ObservedObject } from '../../engines/kstatus/index.ts';
import { objectId, type ChangeSetEntry, type ObjectId } from '../../ssa/index.ts';
import type { KubeObject } from '../../kube/index.ts';
import { checkExpression, evaluateBool } from './cel.ts';

/** The objects to check: all applied ones with `wait` (minus skipped and Jobs that delete themselves). */
export function healthCheckTargets(ks: Kustomization, applied: KubeObject[], changes: ChangeSetEntry[]): ObjectId[] {
  if (ks.spec.wait) {
    const skipped = new Set(changes.filter((c) => c.action === 'skipped').map((c) => idKey(c.id)));
    return applied
      .filter((o) => !(o.kind === 'Job' && (o.spec as { ttlSecondsAfterFinished?: number } | undefined)?.ttlSecondsAfterFinished !== undefined))
      .map(objectId)
      .filter((id) => !skipped.has(idKey(id)));
  }
  return (ks.spec.healthChecks ?? []).map((ref) => {
    const [group, version] = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/', 2) : ['', ref.apiVersion ?? 'v1'];
    return { group: group!, version: version!, kind: ref.kind, name: ref.name, namespace: ref.namespace ?? '' };
  });
}

const idKey = (id: ObjectId) => `${id.group}|${id.kind}|${id.namespace}|${id.name}`;

/** Parses every expression up front: a broken one is InvalidCELExpression, not a failed object. */
export function validateHealthCheckExprs(exprs: CustomHealthCheck[]): void {
  for (const e of exprs) {
    const what = `healthCheckExprs for ${e.apiVersion}${e.kind ? `/${e.kind}` : ''}`;
    for (const expr of [e.inProgress, e.failed, e.current]) if (expr) checkExpression(expr, what);
  }
}

/** kstatus's customHealth hook for the objects a CEL rule covers; undefined leaves them to kstatus. */
export function celHealth(exprs: CustomHealthCheck[]): ((obj: ObservedObject) => HealthResult | undefined) | undefined {
  if (exprs.length === 0) return undefined;
  return (obj) => {
    const rule = exprs.find((e) => e.apiVersion === obj.apiVersion && (!e.kind || e.kind === obj.kind));
    if (!rule) return undefined;
    const what = `healthCheckExprs for ${obj.kind}`;
    if (rule.inProgress && evaluateBool(rule.inProgress, obj, what)) return { status: 'InProgress', message: `expression '${rule.inProgress}' is true (in progress)` };
    if (rule.failed && evaluateBool(rule.failed, obj, what)) return { status: 'Failed', message: `expression '${rule.failed}' is true (failed)` };
    if (evaluateBool(rule.current, obj, what)) return { status: 'Current', message: 'current' };
    return { status: 'InProgress', message: `expression '${rule.current}' is not true yet` };
  };
}
