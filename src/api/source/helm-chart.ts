// HelmChart (source.toolkit.fluxcd.io/v1): a packaged chart pulled from a HelmRepository or built
// from a path in a GitRepository/Bucket artifact.
import { Described, Duration, StringEnum, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { HelmChartVerificationSchema, SourceGroup, SourceVersion, artifactStatus, sourceCategories } from './common.ts';

export const HelmChartKind = kindInfo(SourceGroup, SourceVersion, 'HelmChart', 'helmcharts');

export const HelmChartSourceKinds = ['HelmRepository', 'GitRepository', 'Bucket'] as const;
export const ReconcileStrategies = ['ChartVersion', 'Revision'] as const;

export const LocalHelmChartSourceReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Described(Type.String(), 'API version of the source.')),
  kind: Described(StringEnum(HelmChartSourceKinds), 'Kind of the source.'),
  name: Described(Type.String(), 'Name of the source, in the HelmChart namespace.'),
});
export type LocalHelmChartSourceReference = Static<typeof LocalHelmChartSourceReferenceSchema>;

export const HelmChartSpecSchema = Type.Object({
  chart: Described(Type.String(), 'Chart name in a HelmRepository, or path of the chart in a GitRepository or Bucket artifact.'),
  version: Type.Optional(Described(Type.String({ default: '*' }), 'SemVer range of the chart version (HelmRepository only).')),
  sourceRef: Described(LocalHelmChartSourceReferenceSchema, 'Source holding the chart.'),
  interval: Described(Duration(), 'How often the source is checked for a new chart.'),
  reconcileStrategy: Type.Optional(
    Described(
      StringEnum(ReconcileStrategies, { default: 'ChartVersion' }),
      'ChartVersion builds a new artifact when the chart version changes, Revision on every new source revision.',
    ),
  ),
  valuesFiles: Type.Optional(
    Described(Type.Array(Type.String()), 'Values files merged in order and packaged as the chart\'s values.yaml.'),
  ),
  ignoreMissingValuesFiles: Type.Optional(Described(Type.Boolean(), 'Skip values files that do not exist instead of failing.')),
  suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this HelmChart.')),
  verify: Type.Optional(
    Described(HelmChartVerificationSchema, 'Signature verification; only for charts from an OCI HelmRepository.'),
  ),
});
export type HelmChartSpec = Static<typeof HelmChartSpecSchema>;

export const HelmChartStatusSchema = ReconcileStatus({
  observedSourceArtifactRevision: Type.Optional(
    Described(Type.String(), 'Source artifact revision the current chart was built from.'),
  ),
  observedChartName: Type.Optional(Described(Type.String(), 'Chart name of the current artifact.')),
  observedValuesFiles: Type.Optional(Described(Type.Array(Type.String()), 'Values files merged into the current artifact.')),
  url: Type.Optional(Described(Type.String(), 'Download address of the latest chart artifact.')),
  ...artifactStatus,
});
export type HelmChartStatus = Static<typeof HelmChartStatusSchema>;

export type HelmChart = FluxObject<HelmChartSpec, HelmChartStatus>;

export const HelmChartDefinition = defineKind({
  info: HelmChartKind,
  singular: 'helmchart',
  shortNames: ['hc'],
  categories: sourceCategories,
  component: 'source-controller',
  description: 'HelmChart is the Schema for the helmcharts API.',
  spec: HelmChartSpecSchema,
  status: HelmChartStatusSchema,
  printerColumns: [
    { name: 'Chart', type: 'string', jsonPath: '.spec.chart' },
    { name: 'Version', type: 'string', jsonPath: '.spec.version' },
    { name: 'Source Kind', type: 'string', jsonPath: '.spec.sourceRef.kind' },
    { name: 'Source Name', type: 'string', jsonPath: '.spec.sourceRef.name' },
    ageColumn,
    readyColumn,
    statusColumn,
  ],
});

export const HelmChartCrd = customResourceDefinition(HelmChartDefinition);
