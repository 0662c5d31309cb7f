// ImagePolicy (image.toolkit.fluxcd.io/v1): elects the latest image of an ImageRepository by semver,
// alphabetical or numerical order.
import { Duration, StringEnum, Type, celRules } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { NamespacedObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { ImageGroup, ImageRefSchema, ImageVersion, imageCategories } from './common.ts';

export const ImagePolicyKind = kindInfo(ImageGroup, ImageVersion, 'ImagePolicy', 'imagepolicies');

export const DigestReflectionPolicies = ['Always', 'IfNotPresent', 'Never'] as const;

const OrderSchema = () => Type.Object({ order: Type.Optional(StringEnum(['asc', 'desc'], { default: 'asc' })) });

/** Exactly one ordering rule is expected. */
export const ImagePolicyChoiceSchema = Type.Object({
  semver: Type.Optional(Type.Object({ range: Type.String() })),
  alphabetical: Type.Optional(OrderSchema()),
  numerical: Type.Optional(OrderSchema()),
});
export type ImagePolicyChoice = Static<typeof ImagePolicyChoiceSchema>;

/** Regex filter; `extract` is a capture-group template (e.g. `$ts`) fed to the policy. */
export const TagFilterSchema = Type.Object({
  pattern: Type.Optional(Type.String()),
  extract: Type.Optional(Type.String()),
});
export type TagFilter = Static<typeof TagFilterSchema>;

export const ImagePolicySpecSchema = Type.Object(
  {
    imageRepositoryRef: NamespacedObjectReferenceSchema,
    policy: ImagePolicyChoiceSchema,
    filterTags: Type.Optional(TagFilterSchema),
    digestReflectionPolicy: Type.Optional(StringEnum(DigestReflectionPolicies, { default: 'Never' })),
    /** Digest refresh period; only with digestReflectionPolicy Always. */
    interval: Type.Optional(Duration()),
    suspend: Type.Optional(Type.Boolean()),
  },
  celRules(
    {
      rule: "!has(self.interval) || (has(self.digestReflectionPolicy) && self.digestReflectionPolicy == 'Always')",
      message: "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
    },
    {
      rule: "has(self.interval) || !has(self.digestReflectionPolicy) || self.digestReflectionPolicy != 'Always'",
      message: "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
    },
  ),
);
export type ImagePolicySpec = Static<typeof ImagePolicySpecSchema>;

export const ImagePolicyStatusSchema = ReconcileStatus({
  latestRef: Type.Optional(ImageRefSchema),
  observedPreviousRef: Type.Optional(ImageRefSchema),
});
export type ImagePolicyStatus = Static<typeof ImagePolicyStatusSchema>;

export type ImagePolicy = FluxObject<ImagePolicySpec, ImagePolicyStatus>;

export const ImagePolicyDefinition = defineKind({
  info: ImagePolicyKind,
  singular: 'imagepolicy',
  shortNames: ['imgpol', 'imagepol'],
  categories: imageCategories,
  component: 'image-reflector-controller',
  description: 'ImagePolicy is the Schema for the imagepolicies API.',
  spec: ImagePolicySpecSchema,
  status: ImagePolicyStatusSchema,
  printerColumns: [
    { name: 'Image', type: 'string', jsonPath: '.status.latestRef.name' },
    { name: 'Tag', type: 'string', jsonPath: '.status.latestRef.tag' },
    readyColumn,
    statusColumn,
    ageColumn,
  ],
});

export const ImagePolicyCrd = customResourceDefinition(ImagePolicyDefinition);
