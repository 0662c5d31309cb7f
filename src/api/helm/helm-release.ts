// HelmRelease (helm.toolkit.fluxcd.io/v2): installs, upgrades, tests, remediates and uninstalls a
// Helm release from a chart produced by source-controller.
import { Duration, FreeFormJson, Int, Int64, MapOf, StringEnum, StringMap, Time, Type, celRules } from '../schema.ts';
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
  apiVersion: Type.Optional(Type.String()),
  kind: StringEnum(['HelmRepository', 'GitRepository', 'Bucket']),
  name: nameField(),
  namespace: Type.Optional(namespaceField()),
});

/** An existing chart artifact (OCIRepository, HelmChart or ExternalArtifact). */
export const ChartReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Type.String()),
  kind: StringEnum(['OCIRepository', 'HelmChart', 'ExternalArtifact']),
  name: nameField(),
  namespace: Type.Optional(namespaceField()),
});
export type ChartReference = Static<typeof ChartReferenceSchema>;

export const HelmChartTemplateSchema = Type.Object({
  metadata: Type.Optional(Type.Object({ labels: Type.Optional(StringMap()), annotations: Type.Optional(StringMap()) })),
  spec: Type.Object({
    chart: Type.String({ minLength: 1, maxLength: 2048 }),
    version: Type.Optional(Type.String({ default: '*' })),
    sourceRef: HelmChartSourceReferenceSchema,
    interval: Type.Optional(Duration()),
    reconcileStrategy: Type.Optional(StringEnum(['ChartVersion', 'Revision'], { default: 'ChartVersion' })),
    valuesFiles: Type.Optional(Type.Array(Type.String())),
    ignoreMissingValuesFiles: Type.Optional(Type.Boolean()),
    verify: Type.Optional(
      Type.Object({
        provider: StringEnum(['cosign', 'notation'], { default: 'cosign' }),
        secretRef: Type.Optional(LocalObjectReferenceSchema),
      }),
    ),
  }),
});
export type HelmChartTemplate = Static<typeof HelmChartTemplateSchema>;

/** How failures of an install/upgrade are handled: remediate (default) or retry. */
export const ActionStrategySchema = Type.Object(
  {
    name: StringEnum(ActionStrategies),
    retryInterval: Type.Optional(Duration()),
  },
  celRules({
    rule: "!has(self.retryInterval) || self.name != 'RemediateOnFailure'",
    message: ".retryInterval cannot be set when .name is 'RemediateOnFailure'",
  }),
);

const remediationCommon = {
  /** Retries before giving up; negative means unlimited. */
  retries: Type.Optional(Int()),
  ignoreTestFailures: Type.Optional(Type.Boolean()),
  remediateLastFailure: Type.Optional(Type.Boolean()),
};

const actionCommon = {
  timeout: Type.Optional(Duration()),
  disableTakeOwnership: Type.Optional(Type.Boolean()),
  disableWait: Type.Optional(Type.Boolean()),
  disableWaitForJobs: Type.Optional(Type.Boolean()),
  disableHooks: Type.Optional(Type.Boolean()),
  disableOpenAPIValidation: Type.Optional(Type.Boolean()),
  disableSchemaValidation: Type.Optional(Type.Boolean()),
};

export const InstallSchema = Type.Object({
  ...actionCommon,
  strategy: Type.Optional(ActionStrategySchema),
  remediation: Type.Optional(Type.Object(remediationCommon)),
  replace: Type.Optional(Type.Boolean()),
  /** Deprecated: use `crds: Skip`. */
  skipCRDs: Type.Optional(Type.Boolean()),
  crds: Type.Optional(StringEnum(CRDsPolicies)),
  createNamespace: Type.Optional(Type.Boolean()),
  serverSideApply: Type.Optional(Type.Boolean()),
});
export type Install = Static<typeof InstallSchema>;

export const UpgradeSchema = Type.Object({
  ...actionCommon,
  strategy: Type.Optional(ActionStrategySchema),
  remediation: Type.Optional(Type.Object({ ...remediationCommon, strategy: Type.Optional(StringEnum(RemediationStrategies)) })),
  force: Type.Optional(Type.Boolean()),
  preserveValues: Type.Optional(Type.Boolean()),
  cleanupOnFail: Type.Optional(Type.Boolean()),
  crds: Type.Optional(StringEnum(CRDsPolicies)),
  serverSideApply: Type.Optional(StringEnum(ServerSideApplyModes)),
  chartNameChangeStrategy: Type.Optional(StringEnum(['Reinstall', 'InPlaceUpdate'])),
});
export type Upgrade = Static<typeof UpgradeSchema>;

export const TestSchema = Type.Object({
  enable: Type.Optional(Type.Boolean()),
  timeout: Type.Optional(Duration()),
  ignoreFailures: Type.Optional(Type.Boolean()),
  filters: Type.Optional(Type.Array(Type.Object({ name: nameField(), exclude: Type.Optional(Type.Boolean()) }))),
});
export type Test = Static<typeof TestSchema>;

export const RollbackSchema = Type.Object({
  timeout: Type.Optional(Duration()),
  disableWait: Type.Optional(Type.Boolean()),
  disableWaitForJobs: Type.Optional(Type.Boolean()),
  disableHooks: Type.Optional(Type.Boolean()),
  /** Deprecated upstream. */
  recreate: Type.Optional(Type.Boolean()),
  force: Type.Optional(Type.Boolean()),
  cleanupOnFail: Type.Optional(Type.Boolean()),
  serverSideApply: Type.Optional(StringEnum(ServerSideApplyModes)),
});
export type Rollback = Static<typeof RollbackSchema>;

export const UninstallSchema = Type.Object({
  timeout: Type.Optional(Duration()),
  disableHooks: Type.Optional(Type.Boolean()),
  keepHistory: Type.Optional(Type.Boolean()),
  disableWait: Type.Optional(Type.Boolean()),
  deletionPropagation: Type.Optional(StringEnum(['background', 'foreground', 'orphan'], { default: 'background' })),
});
export type Uninstall = Static<typeof UninstallSchema>;

export const DriftDetectionSchema = Type.Object({
  mode: Type.Optional(StringEnum(DriftDetectionModes)),
  ignore: Type.Optional(Type.Array(IgnoreRuleSchema)),
});
export type DriftDetection = Static<typeof DriftDetectionSchema>;

export const PostRendererSchema = Type.Object({
  kustomize: Type.Optional(
    Type.Object({
      patches: Type.Optional(Type.Array(PatchSchema)),
      images: Type.Optional(Type.Array(ImageSchema)),
    }),
  ),
});
export type PostRenderer = Static<typeof PostRendererSchema>;

export const HelmReleaseSpecSchema = Type.Object(
  {
    chart: Type.Optional(HelmChartTemplateSchema),
    chartRef: Type.Optional(ChartReferenceSchema),
    interval: Duration(),
    kubeConfig: Type.Optional(KubeConfigReferenceSchema),
    suspend: Type.Optional(Type.Boolean()),
    releaseName: Type.Optional(Type.String({ minLength: 1, maxLength: 53 })),
    targetNamespace: Type.Optional(namespaceField()),
    storageNamespace: Type.Optional(namespaceField()),
    dependsOn: Type.Optional(Type.Array(DependencyReferenceSchema)),
    timeout: Type.Optional(Duration()),
    maxHistory: Type.Optional(Int()),
    serviceAccountName: Type.Optional(nameField()),
    persistentClient: Type.Optional(Type.Boolean()),
    driftDetection: Type.Optional(DriftDetectionSchema),
    install: Type.Optional(InstallSchema),
    upgrade: Type.Optional(UpgradeSchema),
    test: Type.Optional(TestSchema),
    rollback: Type.Optional(RollbackSchema),
    uninstall: Type.Optional(UninstallSchema),
    valuesFrom: Type.Optional(Type.Array(ValuesReferenceSchema)),
    values: Type.Optional(FreeFormJson()),
    postRenderers: Type.Optional(Type.Array(PostRendererSchema)),
    postRenderStrategy: Type.Optional(StringEnum(PostRenderStrategies)),
    commonMetadata: Type.Optional(CommonMetadataSchema),
    waitStrategy: Type.Optional(Type.Object({ name: StringEnum(['poller', 'legacy']) })),
    healthCheckExprs: Type.Optional(Type.Array(CustomHealthCheckSchema)),
  },
  celRules({
    rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))',
    message: 'either chart or chartRef must be set',
  }),
);
export type HelmReleaseSpec = Static<typeof HelmReleaseSpecSchema>;

/** One Helm release revision as recorded in status.history, newest first. */
export const HelmReleaseSnapshotSchema = Type.Object({
  apiVersion: Type.Optional(Type.String()),
  digest: Type.String(),
  name: Type.String(),
  namespace: Type.String(),
  version: Int(),
  status: Type.String(),
  action: Type.Optional(Type.String()),
  chartName: Type.String(),
  chartVersion: Type.String(),
  appVersion: Type.Optional(Type.String()),
  configDigest: Type.String(),
  firstDeployed: Time(),
  lastDeployed: Time(),
  deleted: Type.Optional(Time()),
  testHooks: Type.Optional(
    MapOf(
      Type.Object({
        lastStarted: Type.Optional(Time()),
        lastCompleted: Type.Optional(Time()),
        phase: Type.Optional(Type.String()),
      }),
    ),
  ),
  ociDigest: Type.Optional(Type.String()),
});
export type HelmReleaseSnapshot = Static<typeof HelmReleaseSnapshotSchema>;

export const HelmReleaseStatusSchema = ReconcileStatus({
  observedPostRenderersDigest: Type.Optional(Type.String()),
  observedCommonMetadataDigest: Type.Optional(Type.String()),
  lastAttemptedGeneration: Type.Optional(Int64()),
  helmChart: Type.Optional(Type.String()),
  storageNamespace: Type.Optional(namespaceField()),
  history: Type.Optional(Type.Array(HelmReleaseSnapshotSchema)),
  inventory: Type.Optional(ResourceInventorySchema),
  lastAttemptedReleaseAction: Type.Optional(StringEnum(ReleaseActions)),
  lastAttemptedReleaseActionDuration: Type.Optional(Type.String()),
  failures: Type.Optional(Int64()),
  installFailures: Type.Optional(Int64()),
  upgradeFailures: Type.Optional(Int64()),
  lastAttemptedRevision: Type.Optional(Type.String()),
  lastAttemptedRevisionDigest: Type.Optional(Type.String()),
  /** Deprecated: use lastAttemptedConfigDigest. */
  lastAttemptedValuesChecksum: Type.Optional(Type.String()),
  /** Deprecated: use history. */
  lastReleaseRevision: Type.Optional(Int()),
  lastAttemptedConfigDigest: Type.Optional(Type.String()),
  lastHandledForceAt: Type.Optional(Type.String()),
  lastHandledResetAt: Type.Optional(Type.String()),
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
