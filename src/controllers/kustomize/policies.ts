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
  SSAMergeValue,
} from '../../api/meta/annotations.ts';
import type { KubeObject } from '../../kube/index.ts';
import type { ApplyPolicy, CleanupOptions } from '../../ssa/index.ts';

function marker(obj: KubeObject, key: string): string | undefined {
  return obj.metadata.annotations?.[key] ?? obj.metadata.labels?.[key];
}

const sameWord = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

export const reconcileDisabled = (obj: KubeObject) => sameWord(marker(obj, KustomizeReconcileAnnotation), DisabledLowercaseValue);
const ssaIgnored = (obj: KubeObject) => marker(obj, KustomizeSSAAnnotation) === SSAIgnoreValue;

/**
 * Default (Override) objects are taken back from kubectl: its last-applied annotation and legacy Flux
 * markers go, and the fields of kubectl (apply or edit), `before-first-apply` and of our own old
 * Update-operation writes become ours, so the next apply reverts them. `ssa: Merge` keeps them.
 */
function overrideCleanup(fieldManager: string): CleanupOptions {
  return {
    annotations: ['kubectl.kubernetes.io/last-applied-configuration', 'kustomize.toolkit.fluxcd.io/checksum', 'fluxcd.io/sync-checksum'],
    labels: ['fluxcd.io/sync-gc-mark'],
    managers: [
      { name: 'kubectl', operation: 'Apply' },
      { name: 'kubectl', operation: 'Update' },
      { name: 'before-first-apply', operation: 'Update' },
      { name: fieldManager, operation: 'Update' },
    ],
  };
}

const merged = (obj: KubeObject) => sameWord(marker(obj, KustomizeSSAAnnotation), SSAMergeValue);

export function applyPolicy(specForce: boolean, fieldManager: string): ApplyPolicy {
  const cleanup = overrideCleanup(fieldManager);
  return {
    skip: (obj) => reconcileDisabled(obj) || ssaIgnored(obj),
    ifNotPresent: (obj) => marker(obj, KustomizeSSAAnnotation) === SSAIfNotPresentValue,
    force: (obj) => specForce || marker(obj, KustomizeForceAnnotation) === EnabledValue,
    cleanup: (desired, live) => (merged(desired) || merged(live) ? undefined : cleanup),
  };
}

/** Objects garbage collection leaves alone. */
export function keepOnPrune(obj: KubeObject): boolean {
  return sameWord(marker(obj, KustomizePruneAnnotation), DisabledValue) || reconcileDisabled(obj) || ssaIgnored(obj);
}
