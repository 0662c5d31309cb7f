// OCIRepository (source.toolkit.fluxcd.io/v1): one layer of an OCI artifact turned into an artifact.
import { Described, Duration, StringEnum, Timeout, Type } from '../schema.ts';
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
  digest: Type.Optional(Described(Type.String(), 'Digest to pull (sha256:...); takes precedence over semver and tag.')),
  semver: Type.Optional(Described(Type.String(), 'SemVer range selecting the highest matching tag; takes precedence over tag.')),
  semverFilter: Type.Optional(Described(Type.String(), 'Regular expression the tags in the semver range must also match.')),
  tag: Type.Optional(Described(Type.String(), 'Tag to pull; latest when no ref field is set.')),
});
export type OCIRepositoryRef = Static<typeof OCIRepositoryRefSchema>;

export const OCILayerSelectorSchema = Type.Object({
  mediaType: Type.Optional(Described(Type.String(), 'Media type of the layer to use; the first layer when omitted.')),
  operation: Type.Optional(
    Described(StringEnum(['extract', 'copy']), 'extract untars the layer (default); copy stores the compressed layer as-is.'),
  ),
});
export type OCILayerSelector = Static<typeof OCILayerSelectorSchema>;

export const OCIRepositorySpecSchema = Type.Object({
  url: Described(Type.String({ pattern: '^oci://.*$' }), 'Repository address, oci://registry/repository.'),
  ref: Type.Optional(Described(OCIRepositoryRefSchema, 'Tag, semver range or digest to pull; the latest tag when omitted.')),
  layerSelector: Type.Optional(Described(OCILayerSelectorSchema, 'Which layer of the artifact to use and how.')),
  provider: Type.Optional(
    Described(
      StringEnum(OCIProviders, { default: 'generic' }),
      'Registry authentication: generic (secretRef) or a cloud provider\'s workload identity.',
    ),
  ),
  secretRef: Type.Optional(
    Described(LocalObjectReferenceSchema, 'Secret of type kubernetes.io/dockerconfigjson with registry credentials.'),
  ),
  verify: Type.Optional(Described(OCIRepositoryVerificationSchema, 'Signature verification with cosign or notation.')),
  serviceAccountName: Type.Optional(
    Described(Type.String(), 'ServiceAccount whose image pull secrets (or workload identity) authenticate to the registry.'),
  ),
  certSecretRef: Type.Optional(
    Described(LocalObjectReferenceSchema, 'Secret with ca.crt and/or tls.crt and tls.key for the registry connection.'),
  ),
  proxySecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with the proxy address, username and password.')),
  interval: Described(Duration(), 'How often the repository is checked for new artifacts.'),
  timeout: Type.Optional(Described(Timeout({ default: '60s' }), 'Timeout of registry operations such as pulling.')),
  ignore: Type.Optional(Described(Type.String(), 'Exclusion rules in .gitignore format, replacing the default ones.')),
  insecure: Type.Optional(Described(Type.Boolean(), 'Allow plain HTTP registries.')),
  suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this OCIRepository.')),
});
export type OCIRepositorySpec = Static<typeof OCIRepositorySpecSchema>;

export const OCIRepositoryStatusSchema = ReconcileStatus({
  url: Type.Optional(Described(Type.String(), 'Download address of the latest artifact.')),
  ...artifactStatus,
  observedIgnore: Type.Optional(Described(Type.String(), 'Exclusion rules used for the current artifact.')),
  observedLayerSelector: Type.Optional(Described(OCILayerSelectorSchema, 'Layer selector used for the current artifact.')),
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
