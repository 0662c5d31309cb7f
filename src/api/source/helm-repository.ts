// HelmRepository (source.toolkit.fluxcd.io/v1): a Helm chart repository index (HTTP) or an OCI
// registry address used by HelmCharts.
import { Described, Duration, StringEnum, Timeout, Type } from '../schema.ts';
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
  url: Described(
    Type.String({ pattern: '^(http|https|oci)://.*$' }),
    'Repository address: http(s):// for an index, oci:// for a registry.',
  ),
  secretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with username and password.')),
  certSecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with ca.crt and/or tls.crt and tls.key.')),
  passCredentials: Type.Optional(
    Described(Type.Boolean(), 'Also send the credentials to chart hosts that differ from the repository host.'),
  ),
  interval: Type.Optional(Described(Duration(), 'How often the index is fetched (ignored for type oci).')),
  insecure: Type.Optional(Described(Type.Boolean(), 'Allow plain HTTP registries (type oci only).')),
  timeout: Type.Optional(Described(Timeout(), 'Timeout of index fetches and of OCI pulls by HelmCharts; 60s when omitted.')),
  suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this HelmRepository.')),
  accessFrom: Type.Optional(Described(AccessFromSchema, 'Namespaces allowed to reference this repository (not enforced).')),
  type: Type.Optional(Described(StringEnum(HelmRepositoryTypes), 'default for an HTTP(S) index, oci for an OCI registry.')),
  provider: Type.Optional(
    Described(
      StringEnum(OCIProviders, { default: 'generic' }),
      'Registry authentication for type oci: generic or a cloud provider\'s workload identity.',
    ),
  ),
});
export type HelmRepositorySpec = Static<typeof HelmRepositorySpecSchema>;

export const HelmRepositoryStatusSchema = ReconcileStatus({
  url: Type.Optional(Described(Type.String(), 'Download address of the latest index artifact.')),
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
