// GitRepository (source.toolkit.fluxcd.io/v1): a Git repository turned into a tarball artifact.
import { Duration, StringEnum, Timeout, Type, celRules } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { ArtifactSchema } from '../meta/artifact.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { SourceGroup, SourceVersion, artifactStatus, sourceCategories } from './common.ts';

export const GitRepositoryKind = kindInfo(SourceGroup, SourceVersion, 'GitRepository', 'gitrepositories');

export const GitProviders = ['generic', 'aws', 'azure', 'github'] as const;
export const GitVerificationModes = ['head', 'HEAD', 'Tag', 'TagAndHEAD'] as const;

/** Which ref to check out; precedence commit > name > semver > tag > branch. */
export const GitRepositoryRefSchema = Type.Object({
  branch: Type.Optional(Type.String()),
  tag: Type.Optional(Type.String()),
  semver: Type.Optional(Type.String()),
  /** A full reference such as `refs/pull/420/head`. */
  name: Type.Optional(Type.String()),
  commit: Type.Optional(Type.String()),
});
export type GitRepositoryRef = Static<typeof GitRepositoryRefSchema>;

export const GitRepositoryIncludeSchema = Type.Object({
  repository: LocalObjectReferenceSchema,
  fromPath: Type.Optional(Type.String()),
  /** Defaults to the included repository's name. */
  toPath: Type.Optional(Type.String()),
});
export type GitRepositoryInclude = Static<typeof GitRepositoryIncludeSchema>;

export const GitRepositoryVerificationSchema = Type.Object({
  mode: Type.Optional(StringEnum(GitVerificationModes, { default: 'HEAD' })),
  /** Trusted keys: PGP under `*.asc`, SSH public keys under `*.sshpub`. */
  secretRef: LocalObjectReferenceSchema,
});
export type GitRepositoryVerification = Static<typeof GitRepositoryVerificationSchema>;

export const GitRepositorySpecSchema = Type.Object(
  {
    url: Type.String({ pattern: '^(http|https|ssh)://.*$' }),
    secretRef: Type.Optional(LocalObjectReferenceSchema),
    provider: Type.Optional(StringEnum(GitProviders)),
    serviceAccountName: Type.Optional(Type.String()),
    interval: Duration(),
    timeout: Type.Optional(Timeout({ default: '60s' })),
    ref: Type.Optional(GitRepositoryRefSchema),
    verify: Type.Optional(GitRepositoryVerificationSchema),
    proxySecretRef: Type.Optional(LocalObjectReferenceSchema),
    ignore: Type.Optional(Type.String()),
    suspend: Type.Optional(Type.Boolean()),
    recurseSubmodules: Type.Optional(Type.Boolean()),
    include: Type.Optional(Type.Array(GitRepositoryIncludeSchema)),
    sparseCheckout: Type.Optional(Type.Array(Type.String())),
  },
  celRules({
    rule: "!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))",
    message: "serviceAccountName can only be set when provider is 'azure' or 'aws'",
  }),
);
export type GitRepositorySpec = Static<typeof GitRepositorySpecSchema>;

export const GitRepositoryStatusSchema = ReconcileStatus({
  ...artifactStatus,
  includedArtifacts: Type.Optional(Type.Array(ArtifactSchema)),
  observedIgnore: Type.Optional(Type.String()),
  observedRecurseSubmodules: Type.Optional(Type.Boolean()),
  observedInclude: Type.Optional(Type.Array(GitRepositoryIncludeSchema)),
  observedSparseCheckout: Type.Optional(Type.Array(Type.String())),
  sourceVerificationMode: Type.Optional(Type.String()),
});
export type GitRepositoryStatus = Static<typeof GitRepositoryStatusSchema>;

export type GitRepository = FluxObject<GitRepositorySpec, GitRepositoryStatus>;

export const GitRepositoryDefinition = defineKind({
  info: GitRepositoryKind,
  singular: 'gitrepository',
  shortNames: ['gitrepo'],
  categories: sourceCategories,
  component: 'source-controller',
  description: 'GitRepository is the Schema for the gitrepositories API.',
  spec: GitRepositorySpecSchema,
  status: GitRepositoryStatusSchema,
  printerColumns: [{ name: 'URL', type: 'string', jsonPath: '.spec.url' }, ageColumn, readyColumn, statusColumn],
});

export const GitRepositoryCrd = customResourceDefinition(GitRepositoryDefinition);
