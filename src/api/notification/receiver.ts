// Receiver (notification.toolkit.fluxcd.io/v1): an incoming webhook that requests reconciliation of
// the listed objects.
import { Duration, StringEnum, Type, celRules } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { ReconcileStatus } from '../meta/reconcile-status.ts';
import { CrossNamespaceObjectReferenceSchema, NotificationGroup, notificationCategories } from './common.ts';

export const ReceiverKind = kindInfo(NotificationGroup, 'v1', 'Receiver', 'receivers');

export const ReceiverTypes = [
  'generic',
  'generic-hmac',
  'generic-oidc',
  'github',
  'gitlab',
  'bitbucket',
  'harbor',
  'dockerhub',
  'quay',
  'gcr',
  'nexus',
  'acr',
  'cdevents',
] as const;
export type ReceiverType = (typeof ReceiverTypes)[number];

/** Audience expected in tokens sent to a generic-oidc Receiver when none is configured. */
export const DefaultOIDCAudience = 'notification-controller';

export const ReceiverResourceSchema = Type.Object({
  ...CrossNamespaceObjectReferenceSchema.properties,
  /** CEL over `res` deciding whether this resource is annotated. */
  filter: Type.Optional(Type.String()),
});
export type ReceiverResource = Static<typeof ReceiverResourceSchema>;

export const OIDCProviderSchema = Type.Object({
  issuerURL: Type.String({ pattern: '^https?://' }),
  audience: Type.Optional(Type.String()),
  /** Named CEL expressions exposed as `vars.<name>`, evaluated in order. */
  variables: Type.Optional(Type.Array(Type.Object({ name: Type.String(), expression: Type.String() }))),
  validations: Type.Array(Type.Object({ expression: Type.String(), message: Type.String() }), { minItems: 1 }),
});
export type OIDCProvider = Static<typeof OIDCProviderSchema>;

export const ReceiverSpecSchema = Type.Object(
  {
    type: StringEnum(ReceiverTypes),
    interval: Type.Optional(Duration({ default: '10m' })),
    events: Type.Optional(Type.Array(Type.String())),
    resources: Type.Array(ReceiverResourceSchema),
    resourceFilter: Type.Optional(Type.String()),
    secretRef: Type.Optional(LocalObjectReferenceSchema),
    oidcProviders: Type.Optional(
      Type.Array(OIDCProviderSchema, { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['issuerURL'] }),
    ),
    suspend: Type.Optional(Type.Boolean()),
  },
  celRules(
    {
      rule: "self.type != 'generic-oidc' || (has(self.oidcProviders) && size(self.oidcProviders) > 0)",
      message: 'generic-oidc receivers must define at least one oidcProvider',
    },
    {
      rule: "self.type == 'generic-oidc' || !has(self.oidcProviders) || size(self.oidcProviders) == 0",
      message: 'oidcProviders can only be set when type is generic-oidc',
    },
    {
      rule: "self.type == 'generic-oidc' || has(self.secretRef)",
      message: 'secretRef is required when type is not generic-oidc',
    },
  ),
);
export type ReceiverSpec = Static<typeof ReceiverSpecSchema>;

export const ReceiverStatusSchema = ReconcileStatus({
  /** `/hook/` + sha256(token + name + namespace). */
  webhookPath: Type.Optional(Type.String()),
});
export type ReceiverStatus = Static<typeof ReceiverStatusSchema>;

export type Receiver = FluxObject<ReceiverSpec, ReceiverStatus>;

export const ReceiverDefinition = defineKind({
  info: ReceiverKind,
  singular: 'receiver',
  shortNames: [],
  categories: notificationCategories,
  component: 'notification-controller',
  description: 'Receiver is the Schema for the receivers API.',
  spec: ReceiverSpecSchema,
  status: ReceiverStatusSchema,
  printerColumns: [ageColumn, readyColumn, statusColumn],
});

export const ReceiverCrd = customResourceDefinition(ReceiverDefinition);
