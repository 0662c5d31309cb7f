// Kustomization (kustomize.toolkit.fluxcd.io/v1): builds a path of a source artifact with kustomize
// and applies the result with server-side apply, pruning what left the source.
import { Duration, StringEnum, StringMap, Type } from '../schema.ts';
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
  apiVersion: Type.Optional(Type.String()),
  kind: StringEnum(KustomizationSourceKinds),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
});
export type CrossNamespaceSourceReference = Static<typeof CrossNamespaceSourceReferenceSchema>;

export const DecryptionSchema = Type.Object({
  provider: StringEnum(['sops']),
  serviceAccountName: Type.Optional(Type.String()),
  secretRef: Type.Optional(LocalObjectReferenceSchema),
});
export type Decryption = Static<typeof DecryptionSchema>;

export const SubstituteReferenceSchema = Type.Object({
  kind: StringEnum(['Secret', 'ConfigMap']),
  name: Type.String({ minLength: 1, maxLength: 253 }),
  /** Tolerate a missing ConfigMap/Secret (as if empty). */
  optional: Type.Optional(Type.Boolean({ default: false })),
});
export type SubstituteReference = Static<typeof SubstituteReferenceSchema>;

export const PostBuildSchema = Type.Object({
  substitute: Type.Optional(StringMap()),
  substituteFrom: Type.Optional(Type.Array(SubstituteReferenceSchema)),
  /** `WithVariables`: only substitute when at least one variable resolved; `Always`: always run. */
  substituteStrategy: Type.Optional(StringEnum(SubstituteStrategies)),
});
export type PostBuild = Static<typeof PostBuildSchema>;

export const KustomizationSpecSchema = Type.Object({
  commonMetadata: Type.Optional(CommonMetadataSchema),
  dependsOn: Type.Optional(Type.Array(DependencyReferenceSchema)),
  decryption: Type.Optional(DecryptionSchema),
  interval: Duration(),
  retryInterval: Type.Optional(Duration()),
  kubeConfig: Type.Optional(KubeConfigReferenceSchema),
  path: Type.Optional(Type.String()),
  postBuild: Type.Optional(PostBuildSchema),
  prune: Type.Boolean(),
  deletionPolicy: Type.Optional(StringEnum(DeletionPolicies)),
  healthChecks: Type.Optional(Type.Array(NamespacedObjectKindReferenceSchema)),
  namePrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  nameSuffix: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  patches: Type.Optional(Type.Array(PatchSchema)),
  images: Type.Optional(Type.Array(ImageSchema)),
  serviceAccountName: Type.Optional(Type.String()),
  sourceRef: CrossNamespaceSourceReferenceSchema,
  suspend: Type.Optional(Type.Boolean()),
  targetNamespace: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
  timeout: Type.Optional(Duration()),
  force: Type.Optional(Type.Boolean({ default: false })),
  wait: Type.Optional(Type.Boolean()),
  components: Type.Optional(Type.Array(Type.String())),
  ignoreMissingComponents: Type.Optional(Type.Boolean()),
  healthCheckExprs: Type.Optional(Type.Array(CustomHealthCheckSchema)),
  buildMetadata: Type.Optional(Type.Array(StringEnum(BuildMetadataOptions))),
  /** Fields left alone by apply and drift correction. */
  ignore: Type.Optional(Type.Array(IgnoreRuleSchema)),
});
export type KustomizationSpec = Static<typeof KustomizationSpecSchema>;

export const KustomizationStatusSchema = ReconcileStatus({
  lastAppliedRevision: Type.Optional(Type.String()),
  lastAppliedOriginRevision: Type.Optional(Type.String()),
  lastAttemptedRevision: Type.Optional(Type.String()),
  inventory: Type.Optional(ResourceInventorySchema),
  history: Type.Optional(HistorySchema),
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
