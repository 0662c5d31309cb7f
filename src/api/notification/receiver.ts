// Receiver (notification.toolkit.fluxcd.io/v1): an incoming webhook that requests reconciliation of
// the listed objects.
import { Described, Duration, StringEnum, Type, celRules } from '../schema.ts';
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
  filter: Type.Optional(Described(Type.String(), 'CEL expression over res deciding whether this resource is reconciled.')),
});
export type ReceiverResource = Static<typeof ReceiverResourceSchema>;

export const OIDCProviderSchema = Type.Object({
  issuerURL: Described(Type.String({ pattern: '^https?://' }), 'OIDC issuer, matched against the token\'s iss claim.'),
  audience: Type.Optional(Described(Type.String(), 'Expected aud claim; notification-controller when omitted.')),
  variables: Type.Optional(
    Described(
      Type.Array(Type.Object({ name: Type.String(), expression: Type.String() })),
      'Named CEL expressions over claims, available to the validations as vars.<name>.',
    ),
  ),
  validations: Described(
    Type.Array(Type.Object({ expression: Type.String(), message: Type.String() }), { minItems: 1 }),
    'CEL expressions over claims and vars that must all be true.',
  ),
});
export type OIDCProvider = Static<typeof OIDCProviderSchema>;

export const ReceiverSpecSchema = Type.Object(
  {
    type: Described(StringEnum(ReceiverTypes), 'Webhook sender, which decides how requests are validated and parsed.'),
    interval: Type.Optional(Described(Duration({ default: '10m' }), 'How often the Receiver\'s Secret references are checked.')),
    events: Type.Optional(
      Described(Type.Array(Type.String()), 'Event types acted on (github, gitlab, bitbucket, cdevents); all when omitted.'),
    ),
    resources: Described(Type.Array(ReceiverResourceSchema), 'Objects whose reconciliation a valid request triggers.'),
    resourceFilter: Type.Optional(
      Described(Type.String(), 'CEL expression over res, req (and claims) deciding which resources are reconciled.'),
    ),
    secretRef: Type.Optional(
      Described(LocalObjectReferenceSchema, 'Secret with the token (required unless type is generic-oidc).'),
    ),
    oidcProviders: Type.Optional(
      Described(
        Type.Array(OIDCProviderSchema, { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['issuerURL'] }),
        'Accepted OIDC issuers (generic-oidc only).',
      ),
    ),
    suspend: Type.Optional(Described(Type.Boolean(), 'Stop handling requests for this Receiver.')),
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
  webhookPath: Type.Optional(
    Described(Type.String(), 'Path of the incoming webhook: /hook/<sha256 of token, name and namespace>.'),
  ),
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
