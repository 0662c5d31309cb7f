// Object references shared by several Flux kinds (fluxcd/pkg apis/meta).
import { Described, StringEnum, StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const LocalObjectReferenceSchema = Type.Object({ name: Type.String({ description: 'Name of the referent.' }) });
export type LocalObjectReference = Static<typeof LocalObjectReferenceSchema>;

export const NamespacedObjectReferenceSchema = Type.Object({
  name: Type.String({ description: 'Name of the referent.' }),
  namespace: Type.Optional(Type.String({ description: 'Namespace of the referent; the referring object\'s namespace when omitted.' })),
});
export type NamespacedObjectReference = Static<typeof NamespacedObjectReferenceSchema>;

export const NamespacedObjectKindReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Type.String({ description: 'API version of the referent; the preferred version when omitted.' })),
  kind: Type.String({ description: 'Kind of the referent.' }),
  name: Type.String({ description: 'Name of the referent.' }),
  namespace: Type.Optional(Type.String({ description: 'Namespace of the referent; the referring object\'s namespace when omitted.' })),
});
export type NamespacedObjectKindReference = Static<typeof NamespacedObjectKindReferenceSchema>;

export const SecretKeyReferenceSchema = Type.Object({
  name: Type.String({ description: 'Name of the Secret.' }),
  key: Type.Optional(Type.String({ description: 'Key in the Secret; the consumer picks a default when omitted.' })),
});
export type SecretKeyReference = Static<typeof SecretKeyReferenceSchema>;

/** A remote cluster: a kubeconfig in a Secret, or secret-less cloud access described by a ConfigMap. */
export const KubeConfigReferenceSchema = Type.Object({
  secretRef: Type.Optional(
    Described(SecretKeyReferenceSchema, 'Secret holding a kubeconfig (key `value` or `value.yaml` by default).'),
  ),
  configMapRef: Type.Optional(
    Described(LocalObjectReferenceSchema, 'ConfigMap describing a remote cluster reached with workload identity (provider, cluster, address, ca.crt, audiences, serviceAccountName).'),
  ),
});
export type KubeConfigReference = Static<typeof KubeConfigReferenceSchema>;

/** A dependency that must be Ready first; `readyExpr` is a CEL expression over `self` and `dep`. */
export const DependencyReferenceSchema = Type.Object({
  name: Type.String({ description: 'Name of the dependency.' }),
  namespace: Type.Optional(Type.String({ description: 'Namespace of the dependency; the dependent\'s namespace when omitted.' })),
  readyExpr: Type.Optional(Type.String({ description: 'CEL expression over `self` and `dep` deciding readiness instead of the Ready condition.' })),
});
export type DependencyReference = Static<typeof DependencyReferenceSchema>;

/** Helm values taken from a ConfigMap or Secret key. */
export const ValuesReferenceSchema = Type.Object({
  kind: StringEnum(['Secret', 'ConfigMap'], { description: 'Kind of the values source.' }),
  name: Type.String({ minLength: 1, maxLength: 253, description: 'Name of the values source, in the HelmRelease namespace.' }),
  valuesKey: Type.Optional(Type.String({ maxLength: 253, pattern: '^[\\-._a-zA-Z0-9]+$', description: 'Key holding the values; values.yaml when omitted.' })),
  targetPath: Type.Optional(
    Type.String({
      maxLength: 250,
      pattern: '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$',
      description: 'Path (Helm --set syntax) to put the value at, instead of merging the key as a values document.',
    }),
  ),
  optional: Type.Optional(Type.Boolean({ description: 'Tolerate a missing source or key.' })),
  literal: Type.Optional(Type.Boolean({ description: 'With targetPath: take the value as a literal string (Helm --set-literal).' })),
});
export type ValuesReference = Static<typeof ValuesReferenceSchema>;

/** ACL allowing references from other namespaces (acl.AccessFrom). */
export const AccessFromSchema = Type.Object({
  namespaceSelectors: Type.Array(Type.Object({ matchLabels: Type.Optional(StringMap()) })),
});
export type AccessFrom = Static<typeof AccessFromSchema>;
