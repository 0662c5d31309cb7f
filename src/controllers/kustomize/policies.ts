// The per-object annotations (or labels) that change how an object is applied and pruned, read here
// so the shared ssa library stays annotation-agnostic.
import {
  DisabledLowercaseValue,
  DisabledValue,
  EnabledValue,
  KustomizeForceAnnotation,
  KustomizePruneAnnotation,
  KustomizeReconcileAnnotation,
  KustomizeSSAAnnotation,
  SSAIfNotPresentValue,
  SSAIgnoreValue,
} from '../../api/meta/annotations.ts';
import type { KubeObject } from '../../kube/index.ts';
import type { ApplyPolicy } from '../../ssa/index.ts';

function marker(obj: KubeObject, key: string): string | undefined {
  return obj.metadata.annotations?.[key] ?? obj.metadata.labels?.[key];
}

const sameWord = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

export const reconcileDisabled = (obj: KubeObject) => sameWord(marker(obj, KustomizeReconcileAnnotation), DisabledLowercaseValue);
const ssaIgnored = (obj: KubeObject) => marker(obj, KustomizeSSAAnnotation) === SSAIgnoreValue;

export function applyPolicy(specForce: boolean): ApplyPolicy {
  return {
    skip: (obj) => reconcileDisabled(obj) || ssaIgnored(obj),
    ifNotPresent: (obj) => marker(obj, KustomizeSSAAnnotation) === SSAIfNotPresentValue,
    force: (obj) => specForce || marker(obj, KustomizeForceAnnotation) === EnabledValue,
  };
}

/** Objects garbage collection leaves alone. */
export function keepOnPrune(obj: KubeObject): boolean {
  return sameWord(marker(obj, KustomizePruneAnnotation), DisabledValue) || reconcileDisabled(obj) || ssaIgnored(obj);
}
