// Provider (notification.toolkit.fluxcd.io/v1beta3): where and how events are sent. Not reconciled:
// notification-controller reads it when dispatching, so it has no status.
import { Described, Duration, StringEnum, Timeout, Type, celRules } from '../schema.ts';
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
    type: Described(StringEnum(ProviderTypes), 'Which service receives the events.'),
    interval: Type.Optional(Described(Duration(), 'Deprecated and unused.')),
    channel: Type.Optional(Described(Type.String({ maxLength: 2048 }), 'Destination channel, room, topic or subject.')),
    username: Type.Optional(Described(Type.String({ maxLength: 2048 }), 'Name the events are posted under.')),
    address: Type.Optional(
      Described(
        Type.String({ maxLength: 2048 }),
        'Endpoint the events are sent to (webhook URL, API address, project, repository URL...); the Secret\'s address key wins.',
      ),
    ),
    timeout: Type.Optional(Described(Timeout(), 'Timeout of sending an event.')),
    proxy: Type.Optional(
      Described(Type.String({ maxLength: 2048, pattern: '^(http|https)://.*$' }), 'Deprecated: use proxySecretRef.'),
    ),
    proxySecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with the proxy address, username and password.')),
    secretRef: Type.Optional(
      Described(LocalObjectReferenceSchema, 'Secret with the credentials: address, token, username, password, headers.'),
    ),
    serviceAccountName: Type.Optional(
      Described(Type.String(), 'ServiceAccount used for workload identity (azureeventhub, azuredevops, googlepubsub).'),
    ),
    certSecretRef: Type.Optional(Described(LocalObjectReferenceSchema, 'Secret with ca.crt and/or tls.crt and tls.key.')),
    suspend: Type.Optional(Described(Type.Boolean(), 'Stop sending events through this Provider.')),
    commitStatusExpr: Type.Optional(
      Described(
        Type.String(),
        'CEL expression over event, provider and alert giving the commit status name (git providers only).',
      ),
    ),
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
