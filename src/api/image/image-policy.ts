// ImagePolicy (image.toolkit.fluxcd.io/v1): elects the latest image of an ImageRepository by semver,
// alphabetical or numerical order.
import { Described, Duration, StringEnum, Type, celRules } from '../schema.ts';
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
  semver: Type.Optional(Described(Type.Object({ range: Type.String() }), 'Highest tag within a SemVer range.')),
  alphabetical: Type.Optional(Described(OrderSchema(), 'Tags ordered alphabetically.')),
  numerical: Type.Optional(Described(OrderSchema(), 'Tags ordered as numbers.')),
});
export type ImagePolicyChoice = Static<typeof ImagePolicyChoiceSchema>;

/** Regex filter; `extract` is a capture-group template (e.g. `$ts`) fed to the policy. */
export const TagFilterSchema = Type.Object({
  pattern: Type.Optional(Described(Type.String(), 'Regular expression the tags must match.')),
  extract: Type.Optional(
    Described(Type.String(), 'Replacement template (e.g. $ts) turning a matched tag into the value that is ordered.'),
  ),
});
export type TagFilter = Static<typeof TagFilterSchema>;

export const ImagePolicySpecSchema = Type.Object(
  {
    imageRepositoryRef: Described(NamespacedObjectReferenceSchema, 'ImageRepository whose tags are considered.'),
    policy: Described(ImagePolicyChoiceSchema, 'How the latest tag is chosen.'),
    filterTags: Type.Optional(Described(TagFilterSchema, 'Tag filter applied before ordering.')),
    digestReflectionPolicy: Type.Optional(
      Described(
        StringEnum(DigestReflectionPolicies, { default: 'Never' }),
        'When status.latestRef.digest is filled: Never, IfNotPresent, Always.',
      ),
    ),
    interval: Type.Optional(Described(Duration(), 'How often the digest is refreshed; only with digestReflectionPolicy Always.')),
    suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this ImagePolicy.')),
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
  latestRef: Type.Optional(Described(ImageRefSchema, 'The latest image according to the policy.')),
  observedPreviousRef: Type.Optional(Described(ImageRefSchema, 'The previous latest image.')),
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
