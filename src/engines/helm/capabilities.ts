// .Capabilities as `helm template` (client-only) provides it: Kubernetes version v1.36.0 by default
// (what upstream release builds report: their Kubernetes libraries are v0.36) or --kube-version, and the
// API versions of client-go's scheme plus --api-versions. The list below was read from helm v3.21.4 and
// v4.2.4 (identical), in their order: `{{ toJson .Capabilities.APIVersions }}`.
import { quote } from '../gotemplate/index.ts';
import { typedSlice } from '../gotemplate/values.ts';

export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1', 'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1',
  'apps/v1beta2', 'authentication.k8s.io/v1', 'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1',
  'batch/v1beta1', 'certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2', 'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1', 'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'node.k8s.io/v1',
  'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1', 'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2', 'resource.k8s.io/v1beta1', 'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha2',
  'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1', 'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1beta1', 'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

export class KubeVersion {
  static goTypeName = 'chartutil.KubeVersion';
  // String and GitVersion have pointer receivers in Go: fmt of a copy passed to a function prints the struct.
  static pointerMethods = ['String', 'GitVersion'];
  Version: string;
  /** Helm v4 only: the version without build suffixes (an unexported field in Go, but fmt prints it). */
  declare normalizedVersion?: string;
  Major: string;
  Minor: string;
  constructor(version: string, major: string, minor: string, normalizedVersion?: string) {
    this.Version = version;
    this.Major = major;
    this.Minor = minor;
    if (normalizedVersion !== undefined) {
      // fmt prints fields in declaration order: Version, normalizedVersion, Major, Minor.
      Reflect.deleteProperty(this, 'Major');
      Reflect.deleteProperty(this, 'Minor');
      this.normalizedVersion = normalizedVersion;
      this.Major = major;
      this.Minor = minor;
    }
  }
  String(): string {
    return this.normalizedVersion || this.Version;
  }
  GitVersion(): string {
    return this.Version;
  }
}

/** chartutil.VersionSet: a []string with Has. */
export class VersionSet extends Array<string> {
  static goTypeName = 'chartutil.VersionSet';
  Has(apiVersion: string): boolean {
    return this.includes(apiVersion);
  }
}

export class HelmBuildInfo {
  static goTypeName = 'version.BuildInfo';
  Version: string;
  GitCommit = '';
  GitTreeState = '';
  GoVersion = 'go1.26.8';
  /** Only Helm v4's BuildInfo has this field. */
  declare KubeClientVersion?: string;
  constructor(version: string) {
    this.Version = version;
    if (version.startsWith('v4')) this.KubeClientVersion = 'v1.36';
  }
}

export class Capabilities {
  static goTypeName = '*chartutil.Capabilities';
  KubeVersion: KubeVersion;
  APIVersions: VersionSet;
  HelmVersion: HelmBuildInfo;
  constructor(kube: KubeVersion, apiVersions: string[], helmVersion: string) {
    this.KubeVersion = kube;
    this.APIVersions = typedSlice(VersionSet.from(apiVersions) as VersionSet, 'chartutil.VersionSet');
    this.HelmVersion = new HelmBuildInfo(helmVersion);
  }
}

// Helm v4 moved these types to package common: the same values under v4's type names.
class KubeVersionV4 extends KubeVersion { static override goTypeName = 'common.KubeVersion'; }
class VersionSetV4 extends VersionSet { static override goTypeName = 'common.VersionSet'; }
class CapabilitiesV4 extends Capabilities {
  static override goTypeName = '*common.Capabilities';
  constructor(kube: KubeVersion, apiVersions: string[], helmVersion: string) {
    super(kube, apiVersions, helmVersion);
    this.APIVersions = typedSlice(VersionSetV4.from(apiVersions) as VersionSetV4, 'common.VersionSet');
  }
}

export class KubeVersionError extends Error {}

/**
 * ParseKubeVersion over k8s.io/apimachinery's ParseGeneric: at least two numeric components (only the
 * first may not start with 0), anything after them ignored; "v" + the components is the version ("1.30"
 * stays v1.30). v3 keeps only that; v4 keeps the text given as Version and that form for constraints.
 */
export function parseKubeVersion(text: string, v4 = false): KubeVersion {
  const m = /^\s*v?([0-9]+(?:\.[0-9]+)*)([\s\S]*)$/.exec(text);
  if (!m) throw new KubeVersionError(`could not parse ${quote(text)} as version`);
  const parts = m[1]!.split('.');
  if (parts.length < 2) throw new KubeVersionError(`illegal version string ${quote(text)}`);
  if (parts[0]!.startsWith('0') && parts[0] !== '0') throw new KubeVersionError(`illegal zero-prefixed version component ${quote(parts[0]!)} in ${quote(text)}`);
  const numbers = parts.map((p) => BigInt(p).toString());
  const normalized = `v${numbers.join('.')}`;
  if (v4) return new KubeVersionV4(text.startsWith('v') ? text : `v${text}`, numbers[0]!, numbers[1]!, normalized);
  return new KubeVersion(normalized, numbers[0]!, numbers[1]!);
}

export function defaultCapabilities(options: { kubeVersion?: string; apiVersions?: string[]; helmVersion?: string } = {}): Capabilities {
  const v4 = (options.helmVersion ?? '').startsWith('v4');
  const kube = options.kubeVersion
    ? parseKubeVersion(options.kubeVersion, v4)
    : v4 ? new KubeVersionV4('v1.36.0', '1', '36', 'v1.36.0') : new KubeVersion('v1.36.0', '1', '36');
  const apiVersions = [...DEFAULT_API_VERSIONS, ...(options.apiVersions ?? [])];
  return v4 ? new CapabilitiesV4(kube, apiVersions, options.helmVersion!) : new Capabilities(kube, apiVersions, options.helmVersion ?? 'v3.21.4');
}
