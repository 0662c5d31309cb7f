// Alert (notification.toolkit.fluxcd.io/v1beta3): which events go to which Provider. No status.
import { Described, StringEnum, StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { CrossNamespaceObjectReferenceSchema, NotificationGroup, notificationCategories } from './common.ts';

export const AlertKind = kindInfo(NotificationGroup, 'v1beta3', 'Alert', 'alerts');

export const AlertSpecSchema = Type.Object({
  providerRef: Described(LocalObjectReferenceSchema, 'Provider, in the same namespace, the events are sent to.'),
  eventSeverity: Type.Optional(
    Described(StringEnum(['info', 'error'], { default: 'info' }), 'info forwards every event, error only errors.'),
  ),
  eventSources: Described(Type.Array(CrossNamespaceObjectReferenceSchema), 'Objects whose events are forwarded.'),
  inclusionList: Type.Optional(
    Described(Type.Array(Type.String()), 'Regular expressions; only messages matching one are forwarded.'),
  ),
  eventMetadata: Type.Optional(Described(StringMap(), 'Metadata added to every forwarded event.')),
  exclusionList: Type.Optional(
    Described(Type.Array(Type.String()), 'Regular expressions; messages matching one are dropped (wins over inclusionList).'),
  ),
  summary: Type.Optional(Described(Type.String({ maxLength: 255 }), 'Deprecated: use eventMetadata.summary.')),
  suspend: Type.Optional(Described(Type.Boolean(), 'Stop forwarding events for this Alert.')),
});
export type AlertSpec = Static<typeof AlertSpecSchema>;

export type Alert = FluxObject<AlertSpec>;

export const AlertDefinition = defineKind({
  info: AlertKind,
  singular: 'alert',
  shortNames: [],
  categories: notificationCategories,
  component: 'notification-controller',
  description: 'Alert is the Schema for the alerts API.',
  spec: AlertSpecSchema,
  status: undefined,
  printerColumns: [ageColumn],
});

export const AlertCrd = customResourceDefinition(AlertDefinition);
