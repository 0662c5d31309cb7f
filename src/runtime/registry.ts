// Which controllers a tsflux process can run. Each controller folder exports a ControllerBundle (the
// equivalent of one Flux Deployment: source-controller, kustomize-controller, ...) and the CLI lists the
// bundles it was built with; `--only` picks among them.
import type { ControllerDefinition } from './controller.ts';

/** The flags every Flux controller shares (fluxcd/pkg runtime), handed to each bundle. */
export interface ControllerOptions {
  /** Where the controllers run (RUNTIME_NAMESPACE): leases, and the watch scope without --watch-all-namespaces. */
  runtimeNamespace: string;
  /** Secrets/ConfigMaps with these labels trigger reconciles of the objects referencing them. */
  watchConfigsLabelSelector: string;
  /** Refuse references to objects in other namespaces (multi-tenancy lockdown). */
  noCrossNamespaceRefs: boolean;
  /** --no-remote-bases: kustomize builds refuse remote bases (git repositories, http(s) files). */
  noRemoteBases: boolean;
  /** How often to re-check a dependency that is not ready yet (--requeue-dependency). */
  requeueDependencyMs: number;
  /** Service account to impersonate when an object names none (--default-service-account). */
  defaultServiceAccount: string;
  /** Service account for secret-less remote clusters when their ConfigMap names none (--default-kubeconfig-service-account). */
  defaultKubeConfigServiceAccount: string;
  /** --feature-gates: the gates set on the command line (unset gates keep their defaults). */
  featureGates: Readonly<Record<string, boolean>>;
}

export const defaultControllerOptions: Omit<ControllerOptions, 'runtimeNamespace'> = {
  watchConfigsLabelSelector: 'reconcile.fluxcd.io/watch=Enabled',
  noCrossNamespaceRefs: false,
  noRemoteBases: false,
  requeueDependencyMs: 30_000,
  defaultServiceAccount: '',
  defaultKubeConfigServiceAccount: '',
  featureGates: {},
};

export interface ControllerBundle {
  /** The `--only` name: source, kustomize, helm, notification, image. */
  name: string;
  /** The Flux Deployment it replaces; field manager, event reporter and lease name derive from it. */
  component: string;
  /** Flux's --concurrent default for this component. */
  defaultConcurrent: number;
  controllers(options: ControllerOptions): ControllerDefinition<any>[];
  /**
   * Starts what the controllers need besides the API before controllers() is called (source-controller:
   * the artifact store and its file server), from the parsed `tsflux controllers` flags; stopped after
   * the manager.
   */
  start?(flags: Record<string, unknown>): Promise<{ stop(): Promise<void> }>;
}

/** The controller groups of Flux, in the order `flux install` lists them. */
export const fluxControllerNames = ['source', 'kustomize', 'helm', 'notification', 'image'] as const;

/**
 * The bundles named by `--only` (all available ones when `only` is empty). Unknown or not yet
 * implemented names are an error that says what is available.
 */
export function selectBundles(available: readonly ControllerBundle[], only: string[]): ControllerBundle[] {
  const names = available.map((b) => b.name);
  const describeAvailable = names.length > 0 ? names.join(', ') : 'none: no controller is implemented in this build yet';
  if (only.length === 0) {
    if (available.length === 0) throw new Error(`no controllers to run (available: ${describeAvailable})`);
    return [...available];
  }
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    const planned = unknown.filter((n) => (fluxControllerNames as readonly string[]).includes(n));
    const detail = planned.length === unknown.length ? 'not implemented yet' : 'unknown';
    throw new Error(`controller(s) ${unknown.join(', ')}: ${detail} (available: ${describeAvailable})`);
  }
  return available.filter((b) => only.includes(b.name));
}
