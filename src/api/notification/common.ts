// Pieces shared by the notification kinds.
import { Described, StringEnum, StringMap, Type } from '../schema.ts';
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
  apiVersion: Type.Optional(Described(Type.String(), 'API version of the objects.')),
  kind: Described(StringEnum(EventSourceKinds), 'Kind of the objects.'),
  name: Described(
    Type.String({ minLength: 1, maxLength: 253 }),
    'Name of the object, or * for all objects of the kind (narrowed by matchLabels).',
  ),
  namespace: Type.Optional(
    Described(
      Type.String({ minLength: 1, maxLength: 253 }),
      'Namespace of the objects, or * for all namespaces (name must then be *); the referring object\'s namespace when omitted.',
    ),
  ),
  matchLabels: Type.Optional(Described(StringMap(), 'Labels the objects must carry; requires name *.')),
});
export type CrossNamespaceObjectReference = Static<typeof CrossNamespaceObjectReferenceSchema>;
