// Bucket (source.toolkit.fluxcd.io/v1): the objects of an S3/GCS/Azure bucket turned into an artifact.
import { Described, Duration, StringEnum, Timeout, Type, celRules } from '../schema.ts';
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
  provider: Described(StringEnum(['aws', 'ldap']), 'Security Token Service flavour.'),
  endpoint: Described(Type.String({ pattern: '^(http|https)://.*$' }), 'HTTP(S) address of the Security Token Service.'),
  secretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with username and password (ldap only).')),
  certSecretRef: Type.Optional(
    Described(LocalObjectReferenceSchema, 'Secret with ca.crt and/or tls.crt and tls.key for the STS endpoint (ldap only).'),
  ),
});
export type BucketSTSSpec = Static<typeof BucketSTSSpecSchema>;

export const BucketSpecSchema = Type.Object(
  {
    provider: Type.Optional(
      Described(StringEnum(BucketProviders, { default: 'generic' }), 'Storage provider: generic (S3 API), aws, gcp or azure.'),
    ),
    bucketName: Described(Type.String(), 'Name of the bucket.'),
    endpoint: Described(Type.String(), 'Address of the object storage service.'),
    sts: Type.Optional(
      Described(BucketSTSSpecSchema, 'Temporary credentials from a Security Token Service (aws and generic providers).'),
    ),
    insecure: Type.Optional(Described(Type.Boolean(), 'Use plain HTTP.')),
    region: Type.Optional(Described(Type.String(), 'Region of the bucket.')),
    prefix: Type.Optional(Described(Type.String(), 'Only objects whose key starts with this prefix are fetched.')),
    secretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with the provider\'s credentials.')),
    serviceAccountName: Type.Optional(Described(Type.String(), 'ServiceAccount used for workload identity (aws, gcp, azure).')),
    certSecretRef: Type.Optional(
      Described(LocalObjectReferenceSchema, 'Secret with ca.crt and/or tls.crt and tls.key (generic provider).'),
    ),
    proxySecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with the proxy address, username and password.')),
    interval: Described(Duration(), 'How often the bucket is checked for changes.'),
    timeout: Type.Optional(Described(Timeout({ default: '60s' }), 'Timeout of fetch operations.')),
    ignore: Type.Optional(Described(Type.String(), 'Exclusion rules in .gitignore format, replacing the default ones.')),
    suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this Bucket.')),
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
  url: Type.Optional(Described(Type.String(), 'Download address of the latest artifact.')),
  ...artifactStatus,
  observedIgnore: Type.Optional(Described(Type.String(), 'Exclusion rules used for the current artifact.')),
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
