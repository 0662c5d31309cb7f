// GitRepository (source.toolkit.fluxcd.io/v1): a Git repository turned into a tarball artifact.
import { Described, Duration, StringEnum, Timeout, Type, celRules } from '../schema.ts';
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
  branch: Type.Optional(Described(Type.String(), 'Branch to check out; master when no ref field is set.')),
  tag: Type.Optional(Described(Type.String(), 'Tag to check out; takes precedence over branch.')),
  semver: Type.Optional(Described(Type.String(), 'SemVer range selecting the highest matching tag; takes precedence over tag.')),
  name: Type.Optional(
    Described(
      Type.String(),
      'Full Git reference to check out (e.g. refs/pull/420/head); takes precedence over branch, tag and semver.',
    ),
  ),
  commit: Type.Optional(
    Described(
      Type.String(),
      'Commit SHA to check out; takes precedence over every other field, and combined with branch allows a shallow clone.',
    ),
  ),
});
export type GitRepositoryRef = Static<typeof GitRepositoryRefSchema>;

export const GitRepositoryIncludeSchema = Type.Object({
  repository: Described(LocalObjectReferenceSchema, 'GitRepository whose artifact is included.'),
  fromPath: Type.Optional(Described(Type.String(), 'Path in the included artifact to copy from; its root when omitted.')),
  toPath: Type.Optional(
    Described(Type.String(), 'Path in this artifact to copy to; the included repository\'s name when omitted.'),
  ),
});
export type GitRepositoryInclude = Static<typeof GitRepositoryIncludeSchema>;

export const GitRepositoryVerificationSchema = Type.Object({
  mode: Type.Optional(
    Described(
      StringEnum(GitVerificationModes, { default: 'HEAD' }),
      'What to verify: the commit HEAD points to (HEAD, or head), the tag object (Tag), or both (TagAndHEAD).',
    ),
  ),
  secretRef: Described(
    LocalObjectReferenceSchema,
    'Secret with the trusted public keys: PGP keys under *.asc keys, SSH keys under *.sshpub keys.',
  ),
});
export type GitRepositoryVerification = Static<typeof GitRepositoryVerificationSchema>;

export const GitRepositorySpecSchema = Type.Object(
  {
    url: Described(
      Type.String({ pattern: '^(http|https|ssh)://.*$' }),
      'Repository URL: http(s):// or ssh:// (scp-like addresses are not supported).',
    ),
    secretRef: Type.Optional(
      Described(
        LocalObjectReferenceSchema,
        'Secret with the credentials: username/password or bearerToken for HTTPS, identity/known_hosts for SSH, GitHub App keys for provider github.',
      ),
    ),
    provider: Type.Optional(
      Described(
        StringEnum(GitProviders),
        'Authentication provider: generic (secretRef), azure or aws (workload identity), github (GitHub App).',
      ),
    ),
    serviceAccountName: Type.Optional(
      Described(Type.String(), 'ServiceAccount used for workload identity; only with provider azure or aws.'),
    ),
    interval: Described(Duration(), 'How often the repository is checked for new revisions.'),
    timeout: Type.Optional(Described(Timeout({ default: '60s' }), 'Timeout of Git operations such as cloning.')),
    ref: Type.Optional(Described(GitRepositoryRefSchema, 'Reference to check out and watch; the master branch when omitted.')),
    verify: Type.Optional(Described(GitRepositoryVerificationSchema, 'Verification of commit or tag signatures.')),
    proxySecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with the proxy address, username and password.')),
    ignore: Type.Optional(Described(Type.String(), 'Exclusion rules in .gitignore format, replacing the default ones.')),
    suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this GitRepository.')),
    recurseSubmodules: Type.Optional(Described(Type.Boolean(), 'Initialise and fetch submodules.')),
    include: Type.Optional(
      Described(Type.Array(GitRepositoryIncludeSchema), 'Other GitRepositories whose artifacts are copied into this one.'),
    ),
    sparseCheckout: Type.Optional(Described(Type.Array(Type.String()), 'Only these directories are checked out and archived.')),
  },
  celRules({
    rule: "!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))",
    message: "serviceAccountName can only be set when provider is 'azure' or 'aws'",
  }),
);
export type GitRepositorySpec = Static<typeof GitRepositorySpecSchema>;

export const GitRepositoryStatusSchema = ReconcileStatus({
  ...artifactStatus,
  includedArtifacts: Type.Optional(
    Described(Type.Array(ArtifactSchema), 'Artifacts of the included repositories used for the current artifact.'),
  ),
  observedIgnore: Type.Optional(Described(Type.String(), 'Exclusion rules used for the current artifact.')),
  observedRecurseSubmodules: Type.Optional(Described(Type.Boolean(), 'Submodule setting used for the current artifact.')),
  observedInclude: Type.Optional(Described(Type.Array(GitRepositoryIncludeSchema), 'Includes used for the current artifact.')),
  observedSparseCheckout: Type.Optional(
    Described(Type.Array(Type.String()), 'Sparse checkout directories used for the current artifact.'),
  ),
  sourceVerificationMode: Type.Optional(Described(Type.String(), 'Which Git objects were verified for the current artifact.')),
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
