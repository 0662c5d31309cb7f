// Kustomization (kustomize.toolkit.fluxcd.io/v1): builds a path of a source artifact with kustomize
// and applies the result with server-side apply, pruning what left the source.
import { Described, Duration, StringEnum, StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { HistorySchema } from '../meta/history.ts';
import {
  CommonMetadataSchema,
  CustomHealthCheckSchema,
  IgnoreRuleSchema,
  ImageSchema,
  PatchSchema,
  ResourceInventorySchema,
} from '../meta/kustomize.ts';
import {
  DependencyReferenceSchema,
  KubeConfigReferenceSchema,
  LocalObjectReferenceSchema,
  NamespacedObjectKindReferenceSchema,
} from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';

export const KustomizationKind = kindInfo('kustomize.toolkit.fluxcd.io', 'v1', 'Kustomization', 'kustomizations');

export const KustomizationSourceKinds = ['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact'] as const;
export const DeletionPolicies = ['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan'] as const;
export const SubstituteStrategies = ['WithVariables', 'Always'] as const;
export const BuildMetadataOptions = ['originAnnotations', 'transformerAnnotations'] as const;

export const CrossNamespaceSourceReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Described(Type.String(), 'API version of the source.')),
  kind: Described(StringEnum(KustomizationSourceKinds), 'Kind of the source.'),
  name: Described(Type.String(), 'Name of the source.'),
  namespace: Type.Optional(Described(Type.String(), 'Namespace of the source; the Kustomization\'s namespace when omitted.')),
});
export type CrossNamespaceSourceReference = Static<typeof CrossNamespaceSourceReferenceSchema>;

export const DecryptionSchema = Type.Object({
  provider: Described(StringEnum(['sops']), 'Decryption engine; only sops.'),
  serviceAccountName: Type.Optional(Described(Type.String(), 'ServiceAccount used to authenticate to cloud KMS services.')),
  secretRef: Type.Optional(
    Described(LocalObjectReferenceSchema, 'Secret with the decryption keys (age, OpenPGP) or KMS credentials.'),
  ),
});
export type Decryption = Static<typeof DecryptionSchema>;

export const SubstituteReferenceSchema = Type.Object({
  kind: Described(StringEnum(['Secret', 'ConfigMap']), 'Kind of the variables source.'),
  name: Described(Type.String({ minLength: 1, maxLength: 253 }), 'Name of the variables source, in the Kustomization namespace.'),
  optional: Type.Optional(
    Described(Type.Boolean({ default: false }), 'Proceed as if the source were empty when it does not exist.'),
  ),
});
export type SubstituteReference = Static<typeof SubstituteReferenceSchema>;

export const PostBuildSchema = Type.Object({
  substitute: Type.Optional(
    Described(StringMap(), 'Variables substituted in the built manifests; they win over substituteFrom.'),
  ),
  substituteFrom: Type.Optional(
    Described(
      Type.Array(SubstituteReferenceSchema),
      'ConfigMaps and Secrets whose data are variables; later entries override earlier ones.',
    ),
  ),
  substituteStrategy: Type.Optional(
    Described(
      StringEnum(SubstituteStrategies),
      'WithVariables substitutes only when at least one variable is defined; Always substitutes (and applies defaults) anyway.',
    ),
  ),
});
export type PostBuild = Static<typeof PostBuildSchema>;

export const KustomizationSpecSchema = Type.Object({
  commonMetadata: Type.Optional(Described(CommonMetadataSchema, 'Labels and annotations set on every applied object.')),
  dependsOn: Type.Optional(
    Described(Type.Array(DependencyReferenceSchema), 'Kustomizations that must be ready before this one is applied.'),
  ),
  decryption: Type.Optional(Described(DecryptionSchema, 'Decryption of SOPS-encrypted manifests.')),
  interval: Described(Duration(), 'How often the Kustomization is reconciled, which also corrects drift.'),
  retryInterval: Type.Optional(Described(Duration(), 'How soon a failed reconciliation is retried; interval when omitted.')),
  kubeConfig: Type.Optional(Described(KubeConfigReferenceSchema, 'Remote cluster to apply to, instead of the local one.')),
  path: Type.Optional(
    Described(
      Type.String(),
      'Directory in the artifact to build; its root when omitted. A kustomization.yaml is generated when there is none.',
    ),
  ),
  postBuild: Type.Optional(Described(PostBuildSchema, 'Variable substitution applied to the built manifests.')),
  prune: Described(Type.Boolean(), 'Delete objects that were applied before and are no longer in the source.'),
  deletionPolicy: Type.Optional(
    Described(
      StringEnum(DeletionPolicies),
      'What happens to applied objects when the Kustomization is deleted: MirrorPrune follows prune, Delete, WaitForTermination, Orphan.',
    ),
  ),
  healthChecks: Type.Optional(
    Described(Type.Array(NamespacedObjectKindReferenceSchema), 'Objects whose readiness is awaited after applying.'),
  ),
  namePrefix: Type.Optional(
    Described(Type.String({ minLength: 1, maxLength: 200 }), 'Prefix added to the names of all objects.'),
  ),
  nameSuffix: Type.Optional(
    Described(Type.String({ minLength: 1, maxLength: 200 }), 'Suffix added to the names of all objects.'),
  ),
  patches: Type.Optional(
    Described(Type.Array(PatchSchema), 'Strategic merge or JSON 6902 patches applied to the selected objects.'),
  ),
  images: Type.Optional(Described(Type.Array(ImageSchema), 'Image name, tag or digest replacements.')),
  serviceAccountName: Type.Optional(Described(Type.String(), 'ServiceAccount impersonated when applying.')),
  sourceRef: Described(CrossNamespaceSourceReferenceSchema, 'Source whose artifact is built.'),
  suspend: Type.Optional(Described(Type.Boolean(), 'Stop reconciling this Kustomization.')),
  targetNamespace: Type.Optional(
    Described(Type.String({ minLength: 1, maxLength: 63 }), 'Namespace set on all namespaced objects.'),
  ),
  timeout: Type.Optional(Described(Duration(), 'Timeout of building, applying and health checking.')),
  force: Type.Optional(Described(Type.Boolean({ default: false }), 'Recreate objects whose update fails on an immutable field.')),
  wait: Type.Optional(Described(Type.Boolean(), 'Wait for every applied object to be ready (healthChecks are then ignored).')),
  components: Type.Optional(Described(Type.Array(Type.String()), 'Paths of kustomize Components, relative to path.')),
  ignoreMissingComponents: Type.Optional(Described(Type.Boolean(), 'Drop component paths that do not exist instead of failing.')),
  healthCheckExprs: Type.Optional(
    Described(Type.Array(CustomHealthCheckSchema), 'CEL expressions telling the health of custom resources.'),
  ),
  buildMetadata: Type.Optional(
    Described(Type.Array(StringEnum(BuildMetadataOptions)), 'Kustomize build metadata annotations to keep on the objects.'),
  ),
  ignore: Type.Optional(
    Described(
      Type.Array(IgnoreRuleSchema),
      'Fields (JSON pointers) left out of apply and drift correction, for the selected objects.',
    ),
  ),
});
export type KustomizationSpec = Static<typeof KustomizationSpecSchema>;

export const KustomizationStatusSchema = ReconcileStatus({
  lastAppliedRevision: Type.Optional(Described(Type.String(), 'Source revision last applied successfully.')),
  lastAppliedOriginRevision: Type.Optional(
    Described(Type.String(), 'Origin revision (e.g. the Git commit behind an OCI artifact) last applied successfully.'),
  ),
  lastAttemptedRevision: Type.Optional(Described(Type.String(), 'Source revision of the last reconciliation attempt.')),
  inventory: Type.Optional(Described(ResourceInventorySchema, 'Objects applied by the last successful reconciliation.')),
  history: Type.Optional(Described(HistorySchema, 'The last reconciliations, newest first.')),
});
export type KustomizationStatus = Static<typeof KustomizationStatusSchema>;

export type Kustomization = FluxObject<KustomizationSpec, KustomizationStatus>;

export const KustomizationDefinition = defineKind({
  info: KustomizationKind,
  singular: 'kustomization',
  shortNames: ['ks'],
  categories: ['all', 'fluxcd', 'fluxcd-appliers'],
  component: 'kustomize-controller',
  description: 'Kustomization is the Schema for the kustomizations API.',
  spec: KustomizationSpecSchema,
  status: KustomizationStatusSchema,
  printerColumns: [ageColumn, readyColumn, statusColumn],
});

export const KustomizationCrd = customResourceDefinition(KustomizationDefinition);
