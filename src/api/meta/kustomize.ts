// Kustomize settings shared by Kustomization and HelmRelease post-renderers (fluxcd/pkg apis/kustomize).
import { Described, StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

/** Selects objects by GVK, name, namespace and label/annotation selectors (names are regexes). */
export const SelectorSchema = Type.Object({
  group: Type.Optional(Described(Type.String(), 'API group of the objects (regular expression).')),
  version: Type.Optional(Described(Type.String(), 'API version of the objects (regular expression).')),
  kind: Type.Optional(Described(Type.String(), 'Kind of the objects (regular expression).')),
  namespace: Type.Optional(Described(Type.String(), 'Namespace of the objects (regular expression).')),
  name: Type.Optional(Described(Type.String(), 'Name of the objects (regular expression).')),
  annotationSelector: Type.Optional(Described(Type.String(), 'Annotation selector, in label selector syntax.')),
  labelSelector: Type.Optional(Described(Type.String(), 'Label selector.')),
});
export type Selector = Static<typeof SelectorSchema>;

/** A strategic-merge or JSON 6902 patch, inline YAML, applied to the targeted objects. */
export const PatchSchema = Type.Object({
  patch: Described(Type.String(), 'Strategic merge patch or JSON 6902 patch, as inline YAML.'),
  target: Type.Optional(Described(SelectorSchema, 'Objects the patch applies to.')),
});
export type Patch = Static<typeof PatchSchema>;

export const ImageSchema = Type.Object({
  name: Described(Type.String(), 'Image name to replace, as it appears in the manifests.'),
  newName: Type.Optional(Described(Type.String(), 'Replacement image name.')),
  newTag: Type.Optional(Described(Type.String(), 'Replacement tag.')),
  digest: Type.Optional(Described(Type.String(), 'Replacement digest; wins over newTag.')),
});
export type Image = Static<typeof ImageSchema>;

/** CEL health rules for custom resources, evaluated inProgress → failed → current. */
export const CustomHealthCheckSchema = Type.Object({
  apiVersion: Described(Type.String(), 'API version of the custom resources.'),
  kind: Type.Optional(Described(Type.String(), 'Kind of the custom resources; every kind of the API version when omitted.')),
  current: Described(Type.String(), 'CEL expression true when the resource is ready.'),
  inProgress: Type.Optional(Described(Type.String(), 'CEL expression true while the resource is still progressing.')),
  failed: Type.Optional(Described(Type.String(), 'CEL expression true when the resource has failed.')),
});
export type CustomHealthCheck = Static<typeof CustomHealthCheckSchema>;

/** Labels and annotations stamped on every rendered object. */
export const CommonMetadataSchema = Type.Object({
  annotations: Type.Optional(Described(StringMap(), 'Annotations added to every object.')),
  labels: Type.Optional(Described(StringMap(), 'Labels added to every object.')),
});
export type CommonMetadata = Static<typeof CommonMetadataSchema>;

/** JSON pointers to leave alone during drift detection, for the objects matching `target`. */
export const IgnoreRuleSchema = Type.Object({
  paths: Described(Type.Array(Type.String()), 'JSON pointers (RFC 6901) of the ignored fields.'),
  target: Type.Optional(Described(SelectorSchema, 'Objects the rule applies to; all when omitted.')),
});
export type IgnoreRule = Static<typeof IgnoreRuleSchema>;

/** Inventory of applied objects: id `<namespace>_<name>_<group>_<kind>`, v the API version. */
export const ResourceInventorySchema = Type.Object({
  entries: Described(
    Type.Array(Type.Object({ id: Type.String(), v: Type.String() })),
    'Applied objects: id <namespace>_<name>_<group>_<kind>, v the API version.',
  ),
});
export type ResourceInventory = Static<typeof ResourceInventorySchema>;
