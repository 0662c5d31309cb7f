// kustomize-controller: the Kustomization reconciler and its build pipeline. `kustomizeControllerBundle`
// is what `tsflux controllers` runs.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactCache } from '../../artifact/index.ts';
import type { ControllerBundle } from '../../runtime/registry.ts';
import { kustomizationController } from './controller.ts';
import type { KustomizeControllerOptions } from './reconcile.ts';

export type BundleOptions = Partial<KustomizeControllerOptions>;

export function kustomizeControllerBundle(options: BundleOptions = {}): ControllerBundle {
  return {
    name: 'kustomize',
    component: 'kustomize-controller',
    defaultConcurrent: 4,
    controllers: () => [
      kustomizationController({
        ...options,
        // Extracted artifacts are shared read-only by every Kustomization of the same revision.
        artifacts: options.artifacts ?? new ArtifactCache({ dir: join(tmpdir(), `tsflux-kustomize-${process.pid}`) }),
      }),
    ],
  };
}

export { kustomizationController } from './controller.ts';
export { reconcileKustomization, ownerLabels, type KustomizeControllerOptions } from './reconcile.ts';
export { buildManifests, BuildError } from './build/index.ts';
export { resolveBuildInputs } from './inputs.ts';
