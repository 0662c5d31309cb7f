// Provider (notification.toolkit.fluxcd.io/v1beta3): where and how events are sent. Not reconciled:
// notification-controller reads it when dispatching, so it has no status.
import { Duration, StringEnum, Timeout, Type, celRules } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { NotificationGroup, notificationCategories } from './common.ts';

export const ProviderKind = kindInfo(NotificationGroup, 'v1beta3', 'Provider', 'providers');

export const ProviderTypes = [
  'slack',
  'discord',
  'msteams',
  'rocket',
  'generic',
  'generic-hmac',
  'github',
  'gitlab',
  'gitea',
  'bitbucketserver',
  'bitbucket',
  'azuredevops',
  'googlechat',
  'googlepubsub',
  'webex',
  'sentry',
  'azureeventhub',
  'telegram',
  'lark',
  'matrix',
  'opsgenie',
  'alertmanager',
  'grafana',
  'githubdispatch',
  'pagerduty',
  'datadog',
  'nats',
  'zulip',
  'otel',
  'githubpullrequestcomment',
  'gitlabmergerequestcomment',
  'giteapullrequestcomment',
] as const;
export type ProviderType = (typeof ProviderTypes)[number];

/** Provider types that set commit statuses, the only ones accepting commitStatusExpr. */
export const CommitStatusProviderTypes = ['github', 'gitlab', 'gitea', 'bitbucketserver', 'bitbucket', 'azuredevops'] as const;

export const ProviderSpecSchema = Type.Object(
  {
    type: StringEnum(ProviderTypes),
    /** Deprecated and unused in v1beta3. */
    interval: Type.Optional(Duration()),
    channel: Type.Optional(Type.String({ maxLength: 2048 })),
    username: Type.Optional(Type.String({ maxLength: 2048 })),
    address: Type.Optional(Type.String({ maxLength: 2048 })),
    timeout: Type.Optional(Timeout()),
    /** Deprecated: use proxySecretRef. */
    proxy: Type.Optional(Type.String({ maxLength: 2048, pattern: '^(http|https)://.*$' })),
    proxySecretRef: Type.Optional(LocalObjectReferenceSchema),
    secretRef: Type.Optional(LocalObjectReferenceSchema),
    serviceAccountName: Type.Optional(Type.String()),
    certSecretRef: Type.Optional(LocalObjectReferenceSchema),
    suspend: Type.Optional(Type.Boolean()),
    commitStatusExpr: Type.Optional(Type.String()),
  },
  celRules({
    rule: `${CommitStatusProviderTypes.map((t) => `self.type == '${t}'`).join(' || ')} || !has(self.commitStatusExpr)`,
    message: `spec.commitStatusExpr is only supported for the ${CommitStatusProviderTypes.map((t) => `'${t}'`).join(', ')} provider types`,
  }),
);
export type ProviderSpec = Static<typeof ProviderSpecSchema>;

export type Provider = FluxObject<ProviderSpec>;

export const ProviderDefinition = defineKind({
  info: ProviderKind,
  singular: 'provider',
  shortNames: [],
  categories: notificationCategories,
  component: 'notification-controller',
  description: 'Provider is the Schema for the providers API.',
  spec: ProviderSpecSchema,
  status: undefined,
  printerColumns: [ageColumn],
});

export const ProviderCrd = customResourceDefinition(ProviderDefinition);
