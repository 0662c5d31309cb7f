// One entry of metadata.managedFields as the apiserver returns it (KubeObject leaves the list untyped):
// who wrote which fields, by apply or by update, to the object or to a subresource.
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  /** Nested `f:<field>` maps whose leaves are `{}`. */
  fieldsV1?: Record<string, unknown>;
  [key: string]: unknown;
}
