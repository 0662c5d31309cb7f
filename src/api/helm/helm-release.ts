// HelmRelease (helm.toolkit.fluxcd.io/v2): installs, upgrades, tests, remediates and uninstalls a
// Helm release from a chart produced by source-controller.
import { Described, Duration, FreeFormJson, Int, Int64, MapOf, StringEnum, StringMap, Time, Type, celRules } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import {
  CommonMetadataSchema,
  CustomHealthCheckSchema,
  IgnoreRuleSchema,
  ImageSchema,
  PatchSchema,
  ResourceInventorySchema,
} from '../meta/kustomize.ts';
import {
  DependencyReferenceSchema,
  KubeConfigReferenceSchema,
  LocalObjectReferenceSchema,
  ValuesReferenceSchema,
} from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';

export const HelmReleaseKind = kindInfo('helm.toolkit.fluxcd.io', 'v2', 'HelmRelease', 'helmreleases');

export const CRDsPolicies = ['Skip', 'Create', 'CreateReplace'] as const;
export const DriftDetectionModes = ['enabled', 'warn', 'disabled'] as const;
export const RemediationStrategies = ['rollback', 'uninstall'] as const;
export const ActionStrategies = ['RemediateOnFailure', 'RetryOnFailure'] as const;
export const ServerSideApplyModes = ['enabled', 'disabled', 'auto'] as const;
export const PostRenderStrategies = ['nohooks', 'combined', 'separate'] as const;
export const ReleaseActions = ['install', 'upgrade'] as const;

const nameField = () => Type.String({ minLength: 1, maxLength: 253 });
const namespaceField = () => Type.String({ minLength: 1, maxLength: 63 });

/** A source in any namespace holding the chart: used by the HelmChart template. */
export const HelmChartSourceReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Described(Type.String(), 'API version of the source.')),
  kind: Described(StringEnum(['HelmRepository', 'GitRepository', 'Bucket']), 'Kind of the source.'),
  name: Described(nameField(), 'Name of the source.'),
  namespace: Type.Optional(Described(namespaceField(), 'Namespace of the source; the HelmRelease namespace when omitted.')),
});

/** An existing chart artifact (OCIRepository, HelmChart or ExternalArtifact). */
export const ChartReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Described(Type.String(), 'API version of the chart source.')),
  kind: Described(StringEnum(['OCIRepository', 'HelmChart', 'ExternalArtifact']), 'Kind of the chart source.'),
  name: Described(nameField(), 'Name of the chart source.'),
  namespace: Type.Optional(Described(namespaceField(), 'Namespace of the chart source; the HelmRelease namespace when omitted.')),
});
export type ChartReference = Static<typeof ChartReferenceSchema>;

export const HelmChartTemplateSchema = Type.Object({
  metadata: Type.Optional(
    Described(
      Type.Object({ labels: Type.Optional(StringMap()), annotations: Type.Optional(StringMap()) }),
      'Labels and annotations of the generated HelmChart.',
    ),
  ),
  spec: Described(Type.Object({
    chart: Described(
      Type.String({ minLength: 1, maxLength: 2048 }),
      'Chart name in a HelmRepository, or chart path in a GitRepository or Bucket.',
    ),
    version: Type.Optional(Described(Type.String({ default: '*' }), 'SemVer range of the chart version (HelmRepository only).')),
    sourceRef: Described(HelmChartSourceReferenceSchema, 'Source holding the chart.'),
    interval: Type.Optional(
      Described(Duration(), 'How often the source is checked for a new chart; the HelmRelease interval when omitted.'),
    ),
    reconcileStrategy: Type.Optional(
      Described(
        StringEnum(['ChartVersion', 'Revision'], { default: 'ChartVersion' }),
        'ChartVersion builds a new chart when its version changes, Revision on every new source revision.',
      ),
    ),
    valuesFiles: Type.Optional(
      Described(Type.Array(Type.String()), 'Values files merged in order and packaged as the chart\'s values.'),
    ),
    ignoreMissingValuesFiles: Type.Optional(Described(Type.Boolean(), 'Skip values files that do not exist instead of failing.')),
    verify: Type.Optional(Described(Type.Object({
        provider: StringEnum(['cosign', 'notation'], { default: 'cosign' }),
        secretRef: Type.Optional(LocalObjectReferenceSchema),
      }), 'Signature verification of OCI charts.')),
  }), 'Spec of the generated HelmChart, named <namespace>-<name> in the source\'s namespace.'),
});
export type HelmChartTemplate = Static<typeof HelmChartTemplateSchema>;

/** How failures of an install/upgrade are handled: remediate (default) or retry. */
export const ActionStrategySchema = Type.Object(
  {
    name: Described(
      StringEnum(ActionStrategies),
      'RemediateOnFailure remediates a failed release; RetryOnFailure retries it without remediation.',
    ),
    retryInterval: Type.Optional(Described(Duration(), 'Time between retries (RetryOnFailure only).')),
  },
  celRules({
    rule: "!has(self.retryInterval) || self.name != 'RemediateOnFailure'",
    message: ".retryInterval cannot be set when .name is 'RemediateOnFailure'",
  }),
);

const remediationCommon = {
  retries: Type.Optional(Described(Int(), 'Attempts before giving up; a negative number retries forever.')),
  ignoreTestFailures: Type.Optional(
    Described(Type.Boolean(), 'Do not remediate when only the Helm tests failed; test.ignoreFailures when omitted.'),
  ),
  remediateLastFailure: Type.Optional(Described(Type.Boolean(), 'Remediate the last failure too, once no retries remain.')),
};

const actionCommon = {
  timeout: Type.Optional(Described(Duration(), 'Timeout of each Kubernetes operation of the action; spec.timeout when omitted.')),
  disableTakeOwnership: Type.Optional(
    Described(Type.Boolean(), 'Refuse to take over objects that exist but do not belong to the release.'),
  ),
  disableWait: Type.Optional(Described(Type.Boolean(), 'Do not wait for the resources to be ready.')),
  disableWaitForJobs: Type.Optional(Described(Type.Boolean(), 'Do not wait for Jobs to complete.')),
  disableHooks: Type.Optional(Described(Type.Boolean(), 'Do not run chart hooks.')),
  disableOpenAPIValidation: Type.Optional(
    Described(Type.Boolean(), 'Do not validate rendered manifests against the Kubernetes OpenAPI schema.'),
  ),
  disableSchemaValidation: Type.Optional(Described(Type.Boolean(), 'Do not validate values against the chart\'s JSON schema.')),
};

export const InstallSchema = Type.Object({
  ...actionCommon,
  strategy: Type.Optional(Described(ActionStrategySchema, 'What to do when the install fails.')),
  remediation: Type.Optional(Described(Type.Object(remediationCommon), 'Uninstall-based remediation of failed installs.')),
  replace: Type.Optional(Described(Type.Boolean(), 'Reuse the release name of a deleted release kept in history.')),
  skipCRDs: Type.Optional(Described(Type.Boolean(), 'Deprecated: use crds: Skip.')),
  crds: Type.Optional(Described(StringEnum(CRDsPolicies), 'CRDs of the chart: Skip, Create (default), or CreateReplace.')),
  createNamespace: Type.Optional(Described(Type.Boolean(), 'Create the target namespace when it does not exist.')),
  serverSideApply: Type.Optional(Described(Type.Boolean(), 'Apply the release with server-side apply.')),
});
export type Install = Static<typeof InstallSchema>;

export const UpgradeSchema = Type.Object({
  ...actionCommon,
  strategy: Type.Optional(Described(ActionStrategySchema, 'What to do when the upgrade fails.')),
  remediation: Type.Optional(
    Described(
      Type.Object({ ...remediationCommon, strategy: Type.Optional(StringEnum(RemediationStrategies)) }),
      'Remediation of failed upgrades (rollback or uninstall).',
    ),
  ),
  force: Type.Optional(Described(Type.Boolean(), 'Replace resources that cannot be patched.')),
  preserveValues: Type.Optional(Described(Type.Boolean(), 'Reuse the last release\'s values, merged with the current ones.')),
  cleanupOnFail: Type.Optional(Described(Type.Boolean(), 'Delete resources created by a failed upgrade.')),
  crds: Type.Optional(Described(StringEnum(CRDsPolicies), 'CRDs of the chart: Skip (default), Create, or CreateReplace.')),
  serverSideApply: Type.Optional(
    Described(StringEnum(ServerSideApplyModes), 'enabled, disabled, or auto (keep what the release used).'),
  ),
  chartNameChangeStrategy: Type.Optional(
    Described(StringEnum(['Reinstall', 'InPlaceUpdate']), 'Reinstall (default) or InPlaceUpdate when the chart name changes.'),
  ),
});
export type Upgrade = Static<typeof UpgradeSchema>;

export const TestSchema = Type.Object({
  enable: Type.Optional(Described(Type.Boolean(), 'Run the chart\'s tests after install and upgrade.')),
  timeout: Type.Optional(Described(Duration(), 'Timeout of each test operation; spec.timeout when omitted.')),
  ignoreFailures: Type.Optional(Described(Type.Boolean(), 'Do not remediate when tests fail.')),
  filters: Type.Optional(
    Described(
      Type.Array(Type.Object({ name: nameField(), exclude: Type.Optional(Type.Boolean()) })),
      'Tests to run or exclude by name.',
    ),
  ),
});
export type Test = Static<typeof TestSchema>;

export const RollbackSchema = Type.Object({
  timeout: Type.Optional(Described(Duration(), 'Timeout of each Kubernetes operation; spec.timeout when omitted.')),
  disableWait: Type.Optional(Described(Type.Boolean(), 'Do not wait for the resources to be ready.')),
  disableWaitForJobs: Type.Optional(Described(Type.Boolean(), 'Do not wait for Jobs to complete.')),
  disableHooks: Type.Optional(Described(Type.Boolean(), 'Do not run chart hooks.')),
  recreate: Type.Optional(Described(Type.Boolean(), 'Deprecated: restart pods.')),
  force: Type.Optional(Described(Type.Boolean(), 'Replace resources that cannot be patched.')),
  cleanupOnFail: Type.Optional(Described(Type.Boolean(), 'Delete resources created by a failed rollback.')),
  serverSideApply: Type.Optional(
    Described(StringEnum(ServerSideApplyModes), 'enabled, disabled, or auto (keep what the release used).'),
  ),
});
export type Rollback = Static<typeof RollbackSchema>;

export const UninstallSchema = Type.Object({
  timeout: Type.Optional(Described(Duration(), 'Timeout of each Kubernetes operation; spec.timeout when omitted.')),
  disableHooks: Type.Optional(Described(Type.Boolean(), 'Do not run chart hooks.')),
  keepHistory: Type.Optional(Described(Type.Boolean(), 'Keep the release history after uninstalling.')),
  disableWait: Type.Optional(Described(Type.Boolean(), 'Do not wait for the resources to be deleted.')),
  deletionPropagation: Type.Optional(
    Described(
      StringEnum(['background', 'foreground', 'orphan'], { default: 'background' }),
      'Deletion propagation policy of the release\'s resources.',
    ),
  ),
});
export type Uninstall = Static<typeof UninstallSchema>;

export const DriftDetectionSchema = Type.Object({
  mode: Type.Optional(
    Described(StringEnum(DriftDetectionModes), 'enabled corrects drift, warn only reports it, disabled (default) ignores it.'),
  ),
  ignore: Type.Optional(
    Described(Type.Array(IgnoreRuleSchema), 'Fields (JSON pointers) left out of drift detection, for the selected objects.'),
  ),
});
export type DriftDetection = Static<typeof DriftDetectionSchema>;

export const PostRendererSchema = Type.Object({
  kustomize: Type.Optional(Described(Type.Object({
      patches: Type.Optional(Type.Array(PatchSchema)),
      images: Type.Optional(Type.Array(ImageSchema)),
    }), 'Kustomize patches and image replacements applied to the rendered manifests.')),
});
export type PostRenderer = Static<typeof PostRendererSchema>;

export const HelmReleaseSpecSchema = Type.Object(
  {
    chart: Type.Optional(
      Described(HelmChartTemplateSchema, 'Template of the HelmChart created for this release (exclusive with chartRef).'),
    ),
    chartRef: Type.Optional(
      Described(
        ChartReferenceSchema,
        'Existing chart source: an OCIRepository, HelmChart or ExternalArtifact (exclusive with chart).',
      ),
    ),
    interval: Described(Duration(), 'How often the release is reconciled.'),
    kubeConfig: Type.Optional(Described(KubeConfigReferenceSchema, 'Remote cluster to install to, instead of the local one.')),
    suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this HelmRelease.')),
    releaseName: Type.Optional(
      Described(Type.String({ minLength: 1, maxLength: 53 }), 'Helm release name; [<targetNamespace>-]<name> when omitted.'),
    ),
    targetNamespace: Type.Optional(
      Described(namespaceField(), 'Namespace the release is installed in; the HelmRelease namespace when omitted.'),
    ),
    storageNamespace: Type.Optional(
      Described(namespaceField(), 'Namespace of the Helm release storage; the HelmRelease namespace when omitted.'),
    ),
    dependsOn: Type.Optional(
      Described(Type.Array(DependencyReferenceSchema), 'HelmReleases that must be ready before this one is reconciled.'),
    ),
    timeout: Type.Optional(Described(Duration(), 'Timeout of each Kubernetes operation of a Helm action; 5m when omitted.')),
    maxHistory: Type.Optional(Described(Int(), 'Release revisions kept by Helm; 0 keeps all, 5 when omitted.')),
    serviceAccountName: Type.Optional(Described(nameField(), 'ServiceAccount impersonated for Helm actions.')),
    persistentClient: Type.Optional(
      Described(Type.Boolean(), 'Reuse one Kubernetes client for the whole reconciliation; true when omitted.'),
    ),
    driftDetection: Type.Optional(
      Described(DriftDetectionSchema, 'Detection and correction of changes made to the release\'s resources in the cluster.'),
    ),
    install: Type.Optional(Described(InstallSchema, 'Helm install settings.')),
    upgrade: Type.Optional(Described(UpgradeSchema, 'Helm upgrade settings.')),
    test: Type.Optional(Described(TestSchema, 'Helm test settings.')),
    rollback: Type.Optional(Described(RollbackSchema, 'Helm rollback settings (upgrade remediation).')),
    uninstall: Type.Optional(Described(UninstallSchema, 'Helm uninstall settings.')),
    valuesFrom: Type.Optional(
      Described(Type.Array(ValuesReferenceSchema), 'ConfigMaps and Secrets merged, in order, into the values.'),
    ),
    values: Type.Optional(Described(FreeFormJson(), 'Inline values, merged last.')),
    postRenderers: Type.Optional(
      Described(Type.Array(PostRendererSchema), 'Post-renderers applied, in order, to the rendered manifests.'),
    ),
    postRenderStrategy: Type.Optional(
      Described(
        StringEnum(PostRenderStrategies),
        'Which manifests post-renderers see: nohooks, combined (manifests and hooks together) or separate.',
      ),
    ),
    commonMetadata: Type.Optional(Described(CommonMetadataSchema, 'Labels and annotations set on every rendered object.')),
    waitStrategy: Type.Optional(
      Described(
        Type.Object({ name: StringEnum(['poller', 'legacy']) }),
        'How readiness is awaited: poller (kstatus) or legacy (Helm\'s).',
      ),
    ),
    healthCheckExprs: Type.Optional(
      Described(
        Type.Array(CustomHealthCheckSchema),
        'CEL expressions telling the health of custom resources when waiting with poller.',
      ),
    ),
  },
  celRules({
    rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))',
    message: 'either chart or chartRef must be set',
  }),
);
export type HelmReleaseSpec = Static<typeof HelmReleaseSpecSchema>;

/** One Helm release revision as recorded in status.history, newest first. */
export const HelmReleaseSnapshotSchema = Type.Object({
  apiVersion: Type.Optional(Described(Type.String(), 'API version of the snapshot format.')),
  digest: Described(Type.String(), 'Checksum of the release object.'),
  name: Described(Type.String(), 'Release name.'),
  namespace: Described(Type.String(), 'Release namespace.'),
  version: Described(Int(), 'Release revision.'),
  status: Described(Type.String(), 'Helm status of the release.'),
  action: Type.Optional(Described(Type.String(), 'Action that produced the release.')),
  chartName: Described(Type.String(), 'Name of the chart.'),
  chartVersion: Described(Type.String(), 'Version of the chart.'),
  appVersion: Type.Optional(Described(Type.String(), 'App version of the chart.')),
  configDigest: Described(Type.String(), 'Checksum of the values.'),
  firstDeployed: Described(Time(), 'When the release was first deployed.'),
  lastDeployed: Described(Time(), 'When the release was last deployed.'),
  deleted: Type.Optional(Described(Time(), 'When the release was uninstalled.')),
  testHooks: Type.Optional(Described(MapOf(
      Type.Object({
        lastStarted: Type.Optional(Time()),
        lastCompleted: Type.Optional(Time()),
        phase: Type.Optional(Type.String()),
      }),
    ), 'Test hooks of the release by name, with their last run.')),
  ociDigest: Type.Optional(Described(Type.String(), 'Digest of the OCI artifact the chart came from.')),
});
export type HelmReleaseSnapshot = Static<typeof HelmReleaseSnapshotSchema>;

export const HelmReleaseStatusSchema = ReconcileStatus({
  observedPostRenderersDigest: Type.Optional(
    Described(Type.String(), 'Digest of the post-renderers of the last successful reconciliation.'),
  ),
  observedCommonMetadataDigest: Type.Optional(
    Described(Type.String(), 'Digest of the common metadata of the last successful reconciliation.'),
  ),
  lastAttemptedGeneration: Type.Optional(Described(Int64(), 'Last generation the controller attempted to reconcile.')),
  helmChart: Type.Optional(Described(Type.String(), '<namespace>/<name> of the HelmChart created for this release.')),
  storageNamespace: Type.Optional(Described(namespaceField(), 'Namespace of the Helm storage of the current release.')),
  history: Type.Optional(
    Described(
      Type.Array(HelmReleaseSnapshotSchema),
      'Releases performed for this HelmRelease, newest first, down to the last successful one.',
    ),
  ),
  inventory: Type.Optional(Described(ResourceInventorySchema, 'Objects of the current release (CRDs included, hooks excluded).')),
  lastAttemptedReleaseAction: Type.Optional(
    Described(StringEnum(ReleaseActions), 'Last release action attempted (install or upgrade), which selects the remediation.'),
  ),
  lastAttemptedReleaseActionDuration: Type.Optional(Described(Type.String(), 'Duration of the last release action.')),
  failures: Type.Optional(Described(Int64(), 'Reconciliation failures against the current desired state.')),
  installFailures: Type.Optional(Described(Int64(), 'Install failures against the current desired state.')),
  upgradeFailures: Type.Optional(Described(Int64(), 'Upgrade failures against the current desired state.')),
  lastAttemptedRevision: Type.Optional(
    Described(Type.String(), 'Chart version of the last attempt (with +<digest> for OCI sources).'),
  ),
  lastAttemptedRevisionDigest: Type.Optional(Described(Type.String(), 'Source digest of the last attempt (OCI sources).')),
  lastAttemptedValuesChecksum: Type.Optional(Described(Type.String(), 'Deprecated: use lastAttemptedConfigDigest.')),
  lastReleaseRevision: Type.Optional(Described(Int(), 'Deprecated: use history.')),
  lastAttemptedConfigDigest: Type.Optional(Described(Type.String(), 'Digest of the values of the last attempt.')),
  lastHandledForceAt: Type.Optional(
    Described(Type.String(), 'Value of the last reconcile.fluxcd.io/forceAt annotation handled.'),
  ),
  lastHandledResetAt: Type.Optional(
    Described(Type.String(), 'Value of the last reconcile.fluxcd.io/resetAt annotation handled.'),
  ),
});
export type HelmReleaseStatus = Static<typeof HelmReleaseStatusSchema>;

export type HelmRelease = FluxObject<HelmReleaseSpec, HelmReleaseStatus>;

export const HelmReleaseDefinition = defineKind({
  info: HelmReleaseKind,
  singular: 'helmrelease',
  shortNames: ['hr'],
  categories: ['all', 'fluxcd', 'fluxcd-appliers'],
  component: 'helm-controller',
  description: 'HelmRelease is the Schema for the helmreleases API.',
  spec: HelmReleaseSpecSchema,
  status: HelmReleaseStatusSchema,
  printerColumns: [ageColumn, readyColumn, statusColumn],
});

export const HelmReleaseCrd = customResourceDefinition(HelmReleaseDefinition);
