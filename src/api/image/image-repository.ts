// ImageRepository (image.toolkit.fluxcd.io/v1): scans a container registry repository for tags.
import { Described, Duration, Int, StringEnum, Time, Timeout, Type } from '../schema.ts';
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
  image: Described(Type.String(), 'Image repository to scan, without tag (e.g. ghcr.io/org/app).'),
  interval: Described(Duration(), 'How often the repository is scanned.'),
  timeout: Type.Optional(Described(Timeout(), 'Timeout of a scan; interval when omitted.')),
  secretRef: Type.Optional(
    Described(LocalObjectReferenceSchema, 'Secret of type kubernetes.io/dockerconfigjson with registry credentials.'),
  ),
  proxySecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with the proxy address, username and password.')),
  serviceAccountName: Type.Optional(
    Described(Type.String({ maxLength: 253 }), 'ServiceAccount whose image pull secrets authenticate to the registry.'),
  ),
  certSecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with ca.crt and/or tls.crt and tls.key.')),
  suspend: Type.Optional(Described(Type.Boolean(), 'Stop scanning.')),
  accessFrom: Type.Optional(Described(AccessFromSchema, 'Namespaces whose ImagePolicies may use this repository.')),
  exclusionList: Type.Optional(
    Described(
      Type.Array(Type.String(), { maxItems: 25, default: DefaultExclusionList }),
      'Regular expressions of tags not stored.',
    ),
  ),
  provider: Type.Optional(
    Described(
      StringEnum(['generic', 'aws', 'azure', 'gcp'], { default: 'generic' }),
      'Registry authentication: generic or a cloud provider\'s workload identity.',
    ),
  ),
  insecure: Type.Optional(Described(Type.Boolean(), 'Allow plain HTTP registries.')),
});
export type ImageRepositorySpec = Static<typeof ImageRepositorySpecSchema>;

export const ScanResultSchema = Type.Object({
  revision: Type.Optional(Described(Type.String(), 'Hash of the scanned tags.')),
  tagCount: Described(Int(), 'Number of tags found.'),
  scanTime: Type.Optional(Described(Time(), 'When the scan ran.')),
  latestTags: Type.Optional(Described(Type.Array(Type.String()), 'First ten tags in descending alphabetical order.')),
});
export type ScanResult = Static<typeof ScanResultSchema>;

export const ImageRepositoryStatusSchema = ReconcileStatus({
  canonicalImageName: Type.Optional(
    Described(Type.String(), 'Image name with the implied parts explicit (docker.io/library/alpine for alpine).'),
  ),
  lastScanResult: Type.Optional(Described(ScanResultSchema, 'Outcome of the last scan.')),
  observedExclusionList: Type.Optional(Described(Type.Array(Type.String()), 'Exclusion list used by the last scan.')),
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
