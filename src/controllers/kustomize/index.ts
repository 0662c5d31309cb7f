// kustomize-controller: the Kustomization reconciler and its build pipeline. `kustomizeControllerBundle`
// is what `tsflux controllers` runs.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactCache } from '../../artifact/index.ts';
import type { ControllerBundle, ControllerOptions } from '../../runtime/registry.ts';
import { kustomizationController } from './controller.ts';
import { ObjectLevelWorkloadIdentity } from './workload-identity.ts';

/** `artifacts`: where downloaded artifacts are kept (default: a folder in the temp dir, per process). */
export function kustomizeControllerBundle(artifacts?: ArtifactCache): ControllerBundle {
  return {
    name: 'kustomize',
    component: 'kustomize-controller',
    defaultConcurrent: 4,
    controllers: (options: ControllerOptions) => [
      kustomizationController({
        noCrossNamespaceRefs: options.noCrossNamespaceRefs,
        noRemoteBases: options.noRemoteBases,
        requeueDependencyMs: options.requeueDependencyMs,
        defaultServiceAccount: options.defaultServiceAccount || undefined,
        defaultKubeConfigServiceAccount: options.defaultKubeConfigServiceAccount || undefined,
        objectLevelWorkloadIdentity: options.featureGates[ObjectLevelWorkloadIdentity] ?? false,
        watchConfigsLabelSelector: options.watchConfigsLabelSelector || undefined,
        // Extracted artifacts are shared read-only by every Kustomization of the same revision.
        artifacts: artifacts ?? new ArtifactCache({ dir: join(tmpdir(), `tsflux-kustomize-${process.pid}`) }),
      }),
    ],
  };
}

export { kustomizationController } from './controller.ts';
export { reconcileKustomization, ownerLabels, type KustomizeControllerOptions } from './reconcile.ts';
export { buildManifests, BuildError } from './build/index.ts';
export { resolveBuildInputs } from './inputs.ts';
