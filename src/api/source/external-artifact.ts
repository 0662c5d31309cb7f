// ExternalArtifact (source.toolkit.fluxcd.io/v1): an artifact published by a third-party controller
// (e.g. source-watcher) for Kustomizations and HelmReleases to consume. Nothing in tsflux reconciles it.
import { Described, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { defineKind, kindInfo, ageColumn, readyColumn, statusColumn } from '../kind.ts';
import type { FluxObject } from '../kind.ts';
import { customResourceDefinition } from '../crd.ts';
import { ConditionsSchema } from '../meta/condition.ts';
import { NamespacedObjectKindReferenceSchema } from '../meta/references.ts';
import { SourceGroup, SourceVersion, artifactStatus, sourceCategories } from './common.ts';

export const ExternalArtifactKind = kindInfo(SourceGroup, SourceVersion, 'ExternalArtifact', 'externalartifacts');

export const ExternalArtifactSpecSchema = Type.Object({
  sourceRef: Type.Optional(Described(NamespacedObjectKindReferenceSchema, 'The object the artifact was generated for.')),
});
export type ExternalArtifactSpec = Static<typeof ExternalArtifactSpecSchema>;

// Upstream gives ExternalArtifact no observedGeneration and no status default: its producer owns it.
export const ExternalArtifactStatusSchema = Type.Object({
  ...artifactStatus,
  conditions: Type.Optional(ConditionsSchema),
});
export type ExternalArtifactStatus = Static<typeof ExternalArtifactStatusSchema>;

export type ExternalArtifact = FluxObject<ExternalArtifactSpec, ExternalArtifactStatus>;

export const ExternalArtifactDefinition = defineKind({
  info: ExternalArtifactKind,
  singular: 'externalartifact',
  shortNames: ['ea'],
  categories: sourceCategories,
  component: 'source-controller',
  description: 'ExternalArtifact is the Schema for the external artifacts API.',
  spec: ExternalArtifactSpecSchema,
  status: ExternalArtifactStatusSchema,
  printerColumns: [ageColumn, readyColumn, statusColumn, { name: 'Source', type: 'string', jsonPath: '.spec.sourceRef.name' }],
});

export const ExternalArtifactCrd = customResourceDefinition(ExternalArtifactDefinition);
