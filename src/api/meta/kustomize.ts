// Kustomize settings shared by Kustomization and HelmRelease post-renderers (fluxcd/pkg apis/kustomize).
import { StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

/** Selects objects by GVK, name, namespace and label/annotation selectors (names are regexes). */
export const SelectorSchema = Type.Object({
  group: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  annotationSelector: Type.Optional(Type.String()),
  labelSelector: Type.Optional(Type.String()),
});
export type Selector = Static<typeof SelectorSchema>;

/** A strategic-merge or JSON 6902 patch, inline YAML, applied to the targeted objects. */
export const PatchSchema = Type.Object({
  patch: Type.String(),
  target: Type.Optional(SelectorSchema),
});
export type Patch = Static<typeof PatchSchema>;

export const ImageSchema = Type.Object({
  name: Type.String(),
  newName: Type.Optional(Type.String()),
  newTag: Type.Optional(Type.String()),
  digest: Type.Optional(Type.String()),
});
export type Image = Static<typeof ImageSchema>;

/** CEL health rules for custom resources, evaluated inProgress → failed → current. */
export const CustomHealthCheckSchema = Type.Object({
  apiVersion: Type.String(),
  kind: Type.Optional(Type.String()),
  current: Type.String(),
  inProgress: Type.Optional(Type.String()),
  failed: Type.Optional(Type.String()),
});
export type CustomHealthCheck = Static<typeof CustomHealthCheckSchema>;

/** Labels and annotations stamped on every rendered object. */
export const CommonMetadataSchema = Type.Object({
  annotations: Type.Optional(StringMap()),
  labels: Type.Optional(StringMap()),
});
export type CommonMetadata = Static<typeof CommonMetadataSchema>;

/** JSON pointers to leave alone during drift detection, for the objects matching `target`. */
export const IgnoreRuleSchema = Type.Object({
  paths: Type.Array(Type.String()),
  target: Type.Optional(SelectorSchema),
});
export type IgnoreRule = Static<typeof IgnoreRuleSchema>;

/** Inventory of applied objects: id `<namespace>_<name>_<group>_<kind>`, v the API version. */
export const ResourceInventorySchema = Type.Object({
  entries: Type.Array(Type.Object({ id: Type.String(), v: Type.String() })),
});
export type ResourceInventory = Static<typeof ResourceInventorySchema>;
