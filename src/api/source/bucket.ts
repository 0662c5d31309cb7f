// Bucket (source.toolkit.fluxcd.io/v1): the objects of an S3/GCS/Azure bucket turned into an artifact.
import { Duration, StringEnum, Timeout, Type, celRules } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { SourceGroup, SourceVersion, artifactStatus, sourceCategories } from './common.ts';

export const BucketKind = kindInfo(SourceGroup, SourceVersion, 'Bucket', 'buckets');

export const BucketProviders = ['generic', 'aws', 'gcp', 'azure'] as const;

/** Temporary credentials from a Security Token Service (aws and generic providers only). */
export const BucketSTSSpecSchema = Type.Object({
  provider: StringEnum(['aws', 'ldap']),
  endpoint: Type.String({ pattern: '^(http|https)://.*$' }),
  secretRef: Type.Optional(LocalObjectReferenceSchema),
  certSecretRef: Type.Optional(LocalObjectReferenceSchema),
});
export type BucketSTSSpec = Static<typeof BucketSTSSpecSchema>;

export const BucketSpecSchema = Type.Object(
  {
    provider: Type.Optional(StringEnum(BucketProviders, { default: 'generic' })),
    bucketName: Type.String(),
    endpoint: Type.String(),
    sts: Type.Optional(BucketSTSSpecSchema),
    insecure: Type.Optional(Type.Boolean()),
    region: Type.Optional(Type.String()),
    prefix: Type.Optional(Type.String()),
    secretRef: Type.Optional(LocalObjectReferenceSchema),
    serviceAccountName: Type.Optional(Type.String()),
    certSecretRef: Type.Optional(LocalObjectReferenceSchema),
    proxySecretRef: Type.Optional(LocalObjectReferenceSchema),
    interval: Duration(),
    timeout: Type.Optional(Timeout({ default: '60s' })),
    ignore: Type.Optional(Type.String()),
    suspend: Type.Optional(Type.Boolean()),
  },
  celRules(
    {
      rule: "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)",
      message: "STS configuration is only supported for the 'aws' and 'generic' Bucket providers",
    },
    {
      rule: "self.provider != 'aws' || !has(self.sts) || self.sts.provider == 'aws'",
      message: "'aws' is the only supported STS provider for the 'aws' Bucket provider",
    },
    {
      rule: "self.provider != 'generic' || !has(self.sts) || self.sts.provider == 'ldap'",
      message: "'ldap' is the only supported STS provider for the 'generic' Bucket provider",
    },
    {
      rule: "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.secretRef)",
      message: "spec.sts.secretRef is not required for the 'aws' STS provider",
    },
    {
      rule: "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.certSecretRef)",
      message: "spec.sts.certSecretRef is not required for the 'aws' STS provider",
    },
    {
      rule: "self.provider != 'generic' || !has(self.serviceAccountName)",
      message: "ServiceAccountName is not supported for the 'generic' Bucket provider",
    },
    {
      rule: '!has(self.secretRef) || !has(self.serviceAccountName)',
      message: 'cannot set both .spec.secretRef and .spec.serviceAccountName',
    },
  ),
);
export type BucketSpec = Static<typeof BucketSpecSchema>;

export const BucketStatusSchema = ReconcileStatus({
  url: Type.Optional(Type.String()),
  ...artifactStatus,
  observedIgnore: Type.Optional(Type.String()),
});
export type BucketStatus = Static<typeof BucketStatusSchema>;

export type Bucket = FluxObject<BucketSpec, BucketStatus>;

export const BucketDefinition = defineKind({
  info: BucketKind,
  singular: 'bucket',
  shortNames: [],
  categories: sourceCategories,
  component: 'source-controller',
  description: 'Bucket is the Schema for the buckets API.',
  spec: BucketSpecSchema,
  status: BucketStatusSchema,
  printerColumns: [{ name: 'Endpoint', type: 'string', jsonPath: '.spec.endpoint' }, ageColumn, readyColumn, statusColumn],
});

export const BucketCrd = customResourceDefinition(BucketDefinition);
