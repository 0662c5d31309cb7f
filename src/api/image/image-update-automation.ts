// ImageUpdateAutomation (image.toolkit.fluxcd.io/v1): rewrites setter-marked image references in a Git
// repository to the latest ImagePolicy results, commits and pushes.
import { Described, Duration, MapOf, StringEnum, StringMap, Time, Type } from '../schema.ts';
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
  apiVersion: Type.Optional(Described(Type.String(), 'API version of the source.')),
  kind: Described(StringEnum(['GitRepository'], { default: 'GitRepository' }), 'Kind of the source.'),
  name: Described(Type.String(), 'Name of the source.'),
  namespace: Type.Optional(Described(Type.String(), 'Namespace of the source; the automation\'s namespace when omitted.')),
});

export const CommitSpecSchema = Type.Object({
  author: Described(Type.Object({ name: Type.Optional(Type.String()), email: Type.String() }), 'Author of the commits.'),
  signingKey: Type.Optional(
    Described(
      Type.Object({ secretRef: LocalObjectReferenceSchema, type: Type.Optional(StringEnum(['gpg', 'ssh'])) }),
      'Key signing the commits.',
    ),
  ),
  messageTemplate: Type.Optional(Described(Type.String(), 'Go template of the commit message.')),
  messageTemplateValues: Type.Optional(Described(StringMap(), 'Extra values available to the message template as .Values.')),
});
export type CommitSpec = Static<typeof CommitSpecSchema>;

export const PushSpecSchema = Type.Object({
  branch: Type.Optional(Described(Type.String(), 'Branch to push to, created from the checkout when missing.')),
  refspec: Type.Optional(Described(Type.String({ pattern: '^$|^[^+:]' }), 'Extra refspec to push.')),
  options: Type.Optional(Described(StringMap(), 'Git push options.')),
});
export type PushSpec = Static<typeof PushSpecSchema>;

export const GitSpecSchema = Type.Object({
  checkout: Type.Optional(
    Described(Type.Object({ ref: GitRepositoryRefSchema }), 'Ref to clone; the GitRepository\'s ref when omitted.'),
  ),
  commit: Described(CommitSpecSchema, 'How commits are made.'),
  push: Type.Optional(Described(PushSpecSchema, 'Where commits are pushed; the checkout branch when omitted.')),
});
export type GitSpec = Static<typeof GitSpecSchema>;

export const UpdateStrategySchema = Type.Object(
  {
    strategy: Type.Optional(
      Described(StringEnum(['Setters'], { default: 'Setters' }), 'Update strategy; only Setters (setter comments in YAML).'),
    ),
    path: Type.Optional(Described(Type.String(), 'Directory scanned for setters; the repository root when omitted.')),
  },
  { default: { strategy: 'Setters' } },
);
export type UpdateStrategy = Static<typeof UpdateStrategySchema>;

export const ImageUpdateAutomationSpecSchema = Type.Object({
  sourceRef: Described(ImageUpdateSourceReferenceSchema, 'GitRepository to update.'),
  git: Type.Optional(Described(GitSpecSchema, 'Checkout, commit and push settings.')),
  interval: Described(Duration(), 'How often the automation runs.'),
  policySelector: Type.Optional(
    Described(LabelSelectorSchema, 'ImagePolicies taken into account; all in the namespace when omitted.'),
  ),
  update: Type.Optional(Described(UpdateStrategySchema, 'How files are updated.')),
  suspend: Type.Optional(Described(Type.Boolean(), 'Stop running this automation.')),
});
export type ImageUpdateAutomationSpec = Static<typeof ImageUpdateAutomationSpecSchema>;

export const ImageUpdateAutomationStatusSchema = ReconcileStatus({
  lastAutomationRunTime: Type.Optional(Described(Time(), 'When the automation last ran to completion.')),
  lastPushCommit: Type.Optional(Described(Type.String(), 'SHA of the last commit pushed.')),
  lastPushTime: Type.Optional(Described(Time(), 'When the last commit was pushed.')),
  observedPolicies: Type.Optional(
    Described(MapOf(ImageRefSchema), 'ImagePolicies and their latest images used by the last run.'),
  ),
  observedSourceRevision: Type.Optional(Described(Type.String(), 'Source revision seen by the last run.')),
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
