// Object references shared by several Flux kinds (fluxcd/pkg apis/meta).
import { StringEnum, StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const LocalObjectReferenceSchema = Type.Object({ name: Type.String() });
export type LocalObjectReference = Static<typeof LocalObjectReferenceSchema>;

export const NamespacedObjectReferenceSchema = Type.Object({
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
});
export type NamespacedObjectReference = Static<typeof NamespacedObjectReferenceSchema>;

export const NamespacedObjectKindReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Type.String()),
  kind: Type.String(),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
});
export type NamespacedObjectKindReference = Static<typeof NamespacedObjectKindReferenceSchema>;

export const SecretKeyReferenceSchema = Type.Object({
  name: Type.String(),
  key: Type.Optional(Type.String()),
});
export type SecretKeyReference = Static<typeof SecretKeyReferenceSchema>;

/** A remote cluster: a kubeconfig in a Secret, or secret-less cloud access described by a ConfigMap. */
export const KubeConfigReferenceSchema = Type.Object({
  secretRef: Type.Optional(SecretKeyReferenceSchema),
  configMapRef: Type.Optional(LocalObjectReferenceSchema),
});
export type KubeConfigReference = Static<typeof KubeConfigReferenceSchema>;

/** A dependency that must be Ready first; `readyExpr` is a CEL expression over `self` and `dep`. */
export const DependencyReferenceSchema = Type.Object({
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  readyExpr: Type.Optional(Type.String()),
});
export type DependencyReference = Static<typeof DependencyReferenceSchema>;

/** Helm values taken from a ConfigMap or Secret key. */
export const ValuesReferenceSchema = Type.Object({
  kind: StringEnum(['Secret', 'ConfigMap']),
  name: Type.String({ minLength: 1, maxLength: 253 }),
  valuesKey: Type.Optional(Type.String({ maxLength: 253, pattern: '^[\\-._a-zA-Z0-9]+$' })),
  targetPath: Type.Optional(Type.String({ maxLength: 250, pattern: '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$' })),
  optional: Type.Optional(Type.Boolean()),
  /** Treat the value as a literal string (`--set-literal`). */
  literal: Type.Optional(Type.Boolean()),
});
export type ValuesReference = Static<typeof ValuesReferenceSchema>;

/** ACL allowing references from other namespaces (acl.AccessFrom). */
export const AccessFromSchema = Type.Object({
  namespaceSelectors: Type.Array(Type.Object({ matchLabels: Type.Optional(StringMap()) })),
});
export type AccessFrom = Static<typeof AccessFromSchema>;
