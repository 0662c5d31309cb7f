// HelmChart (source.toolkit.fluxcd.io/v1): a packaged chart pulled from a HelmRepository or built
// from a path in a GitRepository/Bucket artifact.
import { Duration, StringEnum, Type } from '../schema.ts';
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
  apiVersion: Type.Optional(Type.String()),
  kind: StringEnum(HelmChartSourceKinds),
  name: Type.String(),
});
export type LocalHelmChartSourceReference = Static<typeof LocalHelmChartSourceReferenceSchema>;

export const HelmChartSpecSchema = Type.Object({
  chart: Type.String(),
  version: Type.Optional(Type.String({ default: '*' })),
  sourceRef: LocalHelmChartSourceReferenceSchema,
  interval: Duration(),
  reconcileStrategy: Type.Optional(StringEnum(ReconcileStrategies, { default: 'ChartVersion' })),
  valuesFiles: Type.Optional(Type.Array(Type.String())),
  ignoreMissingValuesFiles: Type.Optional(Type.Boolean()),
  suspend: Type.Optional(Type.Boolean()),
  /** Only for charts from an OCI HelmRepository. */
  verify: Type.Optional(HelmChartVerificationSchema),
});
export type HelmChartSpec = Static<typeof HelmChartSpecSchema>;

export const HelmChartStatusSchema = ReconcileStatus({
  observedSourceArtifactRevision: Type.Optional(Type.String()),
  observedChartName: Type.Optional(Type.String()),
  observedValuesFiles: Type.Optional(Type.Array(Type.String())),
  url: Type.Optional(Type.String()),
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
