// Building blocks for Flux schemas. Every kind is described once, with TypeBox: the TypeBox value IS the
// OpenAPI v3 schema that goes into the CRD, and `Static<typeof X>` is its TypeScript type, so the two
// cannot drift apart. TypeBox has no native shape for a few Kubernetes idioms (enums as plain `enum`,
// string maps as `additionalProperties`, free-form JSON), so those are declared here
// with `Type.Unsafe`, which pairs a hand-written structural schema with the type it stands for.
import { Type } from '@sinclair/typebox';
import type { SchemaOptions, StringOptions, TSchema, TUnsafe } from '@sinclair/typebox';

export { Type };
export type { Static, TSchema } from '@sinclair/typebox';

/** Go duration accepted by every Flux `interval`-like field. */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';
/** Go duration without hours, used by Flux for network timeouts. */
export const TIMEOUT_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$';

export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
}

/** A Go duration string such as `5m` or `1h30m`. */
export const Duration = (options: StringOptions = {}) => Type.String({ pattern: DURATION_PATTERN, ...options });

/** A Go duration string without hours (`ms|s|m`), as Flux uses for timeouts of remote operations. */
export const Timeout = (options: StringOptions = {}) => Type.String({ pattern: TIMEOUT_PATTERN, ...options });

/** A string restricted to a fixed set of values: `{type: string, enum: [...]}` in the CRD. */
export function StringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** map[string]string: `{type: object, additionalProperties: {type: string}}`. */
export function StringMap(options: SchemaOptions = {}): TUnsafe<Record<string, string>> {
  return Type.Unsafe<Record<string, string>>({ type: 'object', additionalProperties: { type: 'string' }, ...options });
}

/** map[string]T for a structured value type. */
export function MapOf<T extends TSchema>(value: T, options: SchemaOptions = {}): TUnsafe<Record<string, import('@sinclair/typebox').Static<T>>> {
  return Type.Unsafe({ type: 'object', additionalProperties: value, ...options });
}

/** Free-form JSON (apiextensionsv1.JSON), e.g. HelmRelease values: no type, unknown fields kept. */
export function FreeFormJson(options: SchemaOptions = {}): TUnsafe<unknown> {
  return Type.Unsafe<unknown>({ 'x-kubernetes-preserve-unknown-fields': true, ...options });
}

/** metav1.Time: an RFC 3339 timestamp. */
export const Time = (options: StringOptions = {}) => Type.String({ format: 'date-time', ...options });

/** int64 as the apiserver stores it. */
export const Int64 = (options: SchemaOptions = {}) => Type.Integer({ format: 'int64', ...options });

/** Go `int` fields: controller-gen emits a plain integer without format. */
export const Int = (options: SchemaOptions = {}) => Type.Integer(options);

/** A copy of a reused schema with the description of the field it fills (shown by `kubectl explain`). */
export function Described<T extends TSchema>(schema: T, description: string): T {
  return { ...schema, description };
}

/** CEL validation rules attached to an object schema. */
export const celRules = (...rules: CelRule[]) => ({ 'x-kubernetes-validations': rules });
