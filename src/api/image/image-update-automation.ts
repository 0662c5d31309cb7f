// ImageUpdateAutomation (image.toolkit.fluxcd.io/v1): rewrites setter-marked image references in a Git
// repository to the latest ImagePolicy results, commits and pushes.
import { Duration, MapOf, StringEnum, StringMap, Time, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { LabelSelectorSchema } from '../meta/label-selector.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { GitRepositoryRefSchema } from '../source/git-repository.ts';
import { ImageGroup, ImageRefSchema, ImageVersion, imageCategories } from './common.ts';

export const ImageUpdateAutomationKind = kindInfo(ImageGroup, ImageVersion, 'ImageUpdateAutomation', 'imageupdateautomations');

export const ImageUpdateSourceReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Type.String()),
  kind: StringEnum(['GitRepository'], { default: 'GitRepository' }),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
});

export const CommitSpecSchema = Type.Object({
  author: Type.Object({ name: Type.Optional(Type.String()), email: Type.String() }),
  /** gpg: `git.asc` (+ `passphrase`); ssh: `identity` (+ `password`). */
  signingKey: Type.Optional(Type.Object({ secretRef: LocalObjectReferenceSchema, type: Type.Optional(StringEnum(['gpg', 'ssh'])) })),
  messageTemplate: Type.Optional(Type.String()),
  messageTemplateValues: Type.Optional(StringMap()),
});
export type CommitSpec = Static<typeof CommitSpecSchema>;

export const PushSpecSchema = Type.Object({
  branch: Type.Optional(Type.String()),
  /** Refspecs that delete or force-update references are refused. */
  refspec: Type.Optional(Type.String({ pattern: '^$|^[^+:]' })),
  options: Type.Optional(StringMap()),
});
export type PushSpec = Static<typeof PushSpecSchema>;

export const GitSpecSchema = Type.Object({
  checkout: Type.Optional(Type.Object({ ref: GitRepositoryRefSchema })),
  commit: CommitSpecSchema,
  push: Type.Optional(PushSpecSchema),
});
export type GitSpec = Static<typeof GitSpecSchema>;

export const UpdateStrategySchema = Type.Object(
  {
    strategy: Type.Optional(StringEnum(['Setters'], { default: 'Setters' })),
    path: Type.Optional(Type.String()),
  },
  { default: { strategy: 'Setters' } },
);
export type UpdateStrategy = Static<typeof UpdateStrategySchema>;

export const ImageUpdateAutomationSpecSchema = Type.Object({
  sourceRef: ImageUpdateSourceReferenceSchema,
  git: Type.Optional(GitSpecSchema),
  interval: Duration(),
  policySelector: Type.Optional(LabelSelectorSchema),
  update: Type.Optional(UpdateStrategySchema),
  suspend: Type.Optional(Type.Boolean()),
});
export type ImageUpdateAutomationSpec = Static<typeof ImageUpdateAutomationSpecSchema>;

export const ImageUpdateAutomationStatusSchema = ReconcileStatus({
  lastAutomationRunTime: Type.Optional(Time()),
  lastPushCommit: Type.Optional(Type.String()),
  lastPushTime: Type.Optional(Time()),
  observedPolicies: Type.Optional(MapOf(ImageRefSchema)),
  observedSourceRevision: Type.Optional(Type.String()),
});
export type ImageUpdateAutomationStatus = Static<typeof ImageUpdateAutomationStatusSchema>;

export type ImageUpdateAutomation = FluxObject<ImageUpdateAutomationSpec, ImageUpdateAutomationStatus>;

export const ImageUpdateAutomationDefinition = defineKind({
  info: ImageUpdateAutomationKind,
  singular: 'imageupdateautomation',
  shortNames: ['iua', 'imgupd', 'imgauto'],
  categories: imageCategories,
  component: 'image-automation-controller',
  description: 'ImageUpdateAutomation is the Schema for the imageupdateautomations API.',
  spec: ImageUpdateAutomationSpecSchema,
  status: ImageUpdateAutomationStatusSchema,
  printerColumns: [
    readyColumn,
    statusColumn,
    { name: 'Last run', type: 'string', jsonPath: '.status.lastAutomationRunTime', priority: 1 },
    ageColumn,
  ],
});

export const ImageUpdateAutomationCrd = customResourceDefinition(ImageUpdateAutomationDefinition);
