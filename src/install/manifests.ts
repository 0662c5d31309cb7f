// Everything `tsflux install --export` prints: the namespace, the CRDs of the selected components,
// RBAC, Services and one Deployment per controller, in the order they can be applied.
import { allKinds } from '../api/index.ts';
import { customResourceDefinition } from '../api/crd.ts';
import type { CustomResourceDefinition } from '../api/crd.ts';
import type { FluxComponent } from '../api/kind.ts';
import type { KubeObject } from '../kube/types.ts';
import { rbacManifests } from './rbac.ts';
import { deploymentManifest, serviceManifests } from './workloads.ts';

export interface InstallManifestOptions {
  namespace: string;
  components: FluxComponent[];
  /** Components whose controllers `tsflux controllers` can run: only these get a Service and a Deployment. */
  runnable: FluxComponent[];
  image: string;
  version: string;
}

/** The CRDs served by the given controllers. */
export function crdsFor(components: FluxComponent[]): CustomResourceDefinition[] {
  return allKinds()
    .filter((k) => components.includes(k.component))
    .map(customResourceDefinition);
}

export function installManifests(opts: InstallManifestOptions): KubeObject[] {
  const labels = {
    'app.kubernetes.io/instance': opts.namespace,
    'app.kubernetes.io/part-of': 'flux',
    'app.kubernetes.io/version': opts.version,
  };
  const workloads = { namespace: opts.namespace, image: opts.image, labels };
  const deployed = opts.components.filter((c) => opts.runnable.includes(c));
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: opts.namespace,
        labels: { ...labels, 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'latest' },
      },
    },
    // CRDs are cluster-wide, but labelled with the installation that owns them, as Flux labels them.
    ...crdsFor(opts.components).map((crd) => ({ ...crd, metadata: { ...crd.metadata, labels: { ...crd.metadata.labels, ...labels } } })),
    ...rbacManifests(opts.namespace, opts.components, labels),
    ...serviceManifests(deployed, workloads),
    ...deployed.map((c) => deploymentManifest(c, workloads)),
  ];
}
