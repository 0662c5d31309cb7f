// OCIRepository (source.toolkit.fluxcd.io/v1): one layer of an OCI artifact turned into an artifact.
import { Duration, StringEnum, Timeout, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { OCIRepositoryVerificationSchema, SourceGroup, SourceVersion, artifactStatus, sourceCategories } from './common.ts';

export const OCIRepositoryKind = kindInfo(SourceGroup, SourceVersion, 'OCIRepository', 'ocirepositories');

export const OCIProviders = ['generic', 'aws', 'azure', 'gcp'] as const;

/** Which tag/digest to pull; precedence digest > semver > tag (default `latest`). */
export const OCIRepositoryRefSchema = Type.Object({
  digest: Type.Optional(Type.String()),
  semver: Type.Optional(Type.String()),
  /** Regex over the tags within the semver range. */
  semverFilter: Type.Optional(Type.String()),
  tag: Type.Optional(Type.String()),
});
export type OCIRepositoryRef = Static<typeof OCIRepositoryRefSchema>;

export const OCILayerSelectorSchema = Type.Object({
  mediaType: Type.Optional(Type.String()),
  /** `extract` untars the layer (default), `copy` stores it as-is. */
  operation: Type.Optional(StringEnum(['extract', 'copy'])),
});
export type OCILayerSelector = Static<typeof OCILayerSelectorSchema>;

export const OCIRepositorySpecSchema = Type.Object({
  url: Type.String({ pattern: '^oci://.*$' }),
  ref: Type.Optional(OCIRepositoryRefSchema),
  layerSelector: Type.Optional(OCILayerSelectorSchema),
  provider: Type.Optional(StringEnum(OCIProviders, { default: 'generic' })),
  secretRef: Type.Optional(LocalObjectReferenceSchema),
  verify: Type.Optional(OCIRepositoryVerificationSchema),
  serviceAccountName: Type.Optional(Type.String()),
  certSecretRef: Type.Optional(LocalObjectReferenceSchema),
  proxySecretRef: Type.Optional(LocalObjectReferenceSchema),
  interval: Duration(),
  timeout: Type.Optional(Timeout({ default: '60s' })),
  ignore: Type.Optional(Type.String()),
  insecure: Type.Optional(Type.Boolean()),
  suspend: Type.Optional(Type.Boolean()),
});
export type OCIRepositorySpec = Static<typeof OCIRepositorySpecSchema>;

export const OCIRepositoryStatusSchema = ReconcileStatus({
  url: Type.Optional(Type.String()),
  ...artifactStatus,
  observedIgnore: Type.Optional(Type.String()),
  observedLayerSelector: Type.Optional(OCILayerSelectorSchema),
});
export type OCIRepositoryStatus = Static<typeof OCIRepositoryStatusSchema>;

export type OCIRepository = FluxObject<OCIRepositorySpec, OCIRepositoryStatus>;

export const OCIRepositoryDefinition = defineKind({
  info: OCIRepositoryKind,
  singular: 'ocirepository',
  shortNames: ['ocirepo'],
  categories: sourceCategories,
  component: 'source-controller',
  description: 'OCIRepository is the Schema for the ocirepositories API.',
  spec: OCIRepositorySpecSchema,
  status: OCIRepositoryStatusSchema,
  printerColumns: [{ name: 'URL', type: 'string', jsonPath: '.spec.url' }, readyColumn, statusColumn, ageColumn],
});

export const OCIRepositoryCrd = customResourceDefinition(OCIRepositoryDefinition);
