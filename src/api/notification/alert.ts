// Alert (notification.toolkit.fluxcd.io/v1beta3): which events go to which Provider. No status.
import { StringEnum, StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';
import { CrossNamespaceObjectReferenceSchema, NotificationGroup, notificationCategories } from './common.ts';

export const AlertKind = kindInfo(NotificationGroup, 'v1beta3', 'Alert', 'alerts');

export const AlertSpecSchema = Type.Object({
  providerRef: LocalObjectReferenceSchema,
  /** `info` lets every event through, `error` only errors. */
  eventSeverity: Type.Optional(StringEnum(['info', 'error'], { default: 'info' })),
  eventSources: Type.Array(CrossNamespaceObjectReferenceSchema),
  /** Go regexes over the event message; exclusion wins. */
  inclusionList: Type.Optional(Type.Array(Type.String())),
  eventMetadata: Type.Optional(StringMap()),
  exclusionList: Type.Optional(Type.Array(Type.String())),
  /** Deprecated: use eventMetadata.summary. */
  summary: Type.Optional(Type.String({ maxLength: 255 })),
  suspend: Type.Optional(Type.Boolean()),
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
