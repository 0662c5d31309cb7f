// Pieces shared by the notification kinds.
import { StringEnum, StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const NotificationGroup = 'notification.toolkit.fluxcd.io';
export const notificationCategories = ['all', 'fluxcd', 'fluxcd-notifications'];

/** Kinds whose events an Alert can select and whose reconciliation a Receiver can request. */
export const EventSourceKinds = [
  'Bucket',
  'GitRepository',
  'Kustomization',
  'HelmRelease',
  'HelmChart',
  'HelmRepository',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'OCIRepository',
  'ArtifactGenerator',
  'ExternalArtifact',
] as const;

/** Objects by kind + name (`*` with matchLabels for many) in any namespace (`*` for all). */
export const CrossNamespaceObjectReferenceSchema = Type.Object({
  apiVersion: Type.Optional(Type.String()),
  kind: StringEnum(EventSourceKinds),
  name: Type.String({ minLength: 1, maxLength: 253 }),
  namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  matchLabels: Type.Optional(StringMap()),
});
export type CrossNamespaceObjectReference = Static<typeof CrossNamespaceObjectReferenceSchema>;
