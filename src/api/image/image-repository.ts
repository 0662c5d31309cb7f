// ImageRepository (image.toolkit.fluxcd.io/v1): scans a container registry repository for tags.
import { Duration, Int, StringEnum, Time, Timeout, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { AccessFromSchema, LocalObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { ImageGroup, ImageVersion, imageCategories } from './common.ts';

export const ImageRepositoryKind = kindInfo(ImageGroup, ImageVersion, 'ImageRepository', 'imagerepositories');

/** Signature tags are excluded unless the user says otherwise. */
export const DefaultExclusionList = ['^.*\\.sig$'];

export const ImageRepositorySpecSchema = Type.Object({
  image: Type.String(),
  interval: Duration(),
  timeout: Type.Optional(Timeout()),
  secretRef: Type.Optional(LocalObjectReferenceSchema),
  proxySecretRef: Type.Optional(LocalObjectReferenceSchema),
  serviceAccountName: Type.Optional(Type.String({ maxLength: 253 })),
  certSecretRef: Type.Optional(LocalObjectReferenceSchema),
  suspend: Type.Optional(Type.Boolean()),
  /** Namespaces whose ImagePolicies may reference this repository. */
  accessFrom: Type.Optional(AccessFromSchema),
  exclusionList: Type.Optional(Type.Array(Type.String(), { maxItems: 25, default: DefaultExclusionList })),
  provider: Type.Optional(StringEnum(['generic', 'aws', 'azure', 'gcp'], { default: 'generic' })),
  insecure: Type.Optional(Type.Boolean()),
});
export type ImageRepositorySpec = Static<typeof ImageRepositorySpecSchema>;

export const ScanResultSchema = Type.Object({
  /** Stable hash of the scanned tags. */
  revision: Type.Optional(Type.String()),
  tagCount: Int(),
  scanTime: Type.Optional(Time()),
  /** First 10 tags in descending alphabetical order. */
  latestTags: Type.Optional(Type.Array(Type.String())),
});
export type ScanResult = Static<typeof ScanResultSchema>;

export const ImageRepositoryStatusSchema = ReconcileStatus({
  canonicalImageName: Type.Optional(Type.String()),
  lastScanResult: Type.Optional(ScanResultSchema),
  observedExclusionList: Type.Optional(Type.Array(Type.String())),
});
export type ImageRepositoryStatus = Static<typeof ImageRepositoryStatusSchema>;

export type ImageRepository = FluxObject<ImageRepositorySpec, ImageRepositoryStatus>;

export const ImageRepositoryDefinition = defineKind({
  info: ImageRepositoryKind,
  singular: 'imagerepository',
  shortNames: ['imgrepo', 'imagerepo'],
  categories: imageCategories,
  component: 'image-reflector-controller',
  description: 'ImageRepository is the Schema for the imagerepositories API.',
  spec: ImageRepositorySpecSchema,
  status: ImageRepositoryStatusSchema,
  printerColumns: [
    { name: 'Image', type: 'string', jsonPath: '.spec.image' },
    { name: 'Tags', type: 'string', jsonPath: '.status.lastScanResult.tagCount' },
    readyColumn,
    statusColumn,
    { name: 'Last scan', type: 'string', jsonPath: '.status.lastScanResult.scanTime', priority: 1 },
    ageColumn,
  ],
});

export const ImageRepositoryCrd = customResourceDefinition(ImageRepositoryDefinition);
