// HelmRepository (source.toolkit.fluxcd.io/v1): a Helm chart repository index (HTTP) or an OCI
// registry address used by HelmCharts.
import { Duration, StringEnum, Timeout, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { AccessFromSchema, LocalObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { SourceGroup, SourceVersion, artifactStatus, sourceCategories } from './common.ts';
import { OCIProviders } from './oci-repository.ts';

export const HelmRepositoryKind = kindInfo(SourceGroup, SourceVersion, 'HelmRepository', 'helmrepositories');

export const HelmRepositoryTypes = ['default', 'oci'] as const;

export const HelmRepositorySpecSchema = Type.Object({
  url: Type.String({ pattern: '^(http|https|oci)://.*$' }),
  secretRef: Type.Optional(LocalObjectReferenceSchema),
  certSecretRef: Type.Optional(LocalObjectReferenceSchema),
  /** Send credentials to chart hosts that differ from the index host. */
  passCredentials: Type.Optional(Type.Boolean()),
  interval: Type.Optional(Duration()),
  insecure: Type.Optional(Type.Boolean()),
  timeout: Type.Optional(Timeout()),
  suspend: Type.Optional(Type.Boolean()),
  accessFrom: Type.Optional(AccessFromSchema),
  type: Type.Optional(StringEnum(HelmRepositoryTypes)),
  provider: Type.Optional(StringEnum(OCIProviders, { default: 'generic' })),
});
export type HelmRepositorySpec = Static<typeof HelmRepositorySpecSchema>;

export const HelmRepositoryStatusSchema = ReconcileStatus({
  url: Type.Optional(Type.String()),
  ...artifactStatus,
});
export type HelmRepositoryStatus = Static<typeof HelmRepositoryStatusSchema>;

export type HelmRepository = FluxObject<HelmRepositorySpec, HelmRepositoryStatus>;

export const HelmRepositoryDefinition = defineKind({
  info: HelmRepositoryKind,
  singular: 'helmrepository',
  shortNames: ['helmrepo'],
  categories: sourceCategories,
  component: 'source-controller',
  description: 'HelmRepository is the Schema for the helmrepositories API.',
  spec: HelmRepositorySpecSchema,
  status: HelmRepositoryStatusSchema,
  printerColumns: [{ name: 'URL', type: 'string', jsonPath: '.spec.url' }, ageColumn, readyColumn, statusColumn],
});

export const HelmRepositoryCrd = customResourceDefinition(HelmRepositoryDefinition);
