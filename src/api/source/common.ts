// Pieces shared by the source kinds: their API group, categories and the cosign/notation settings.
import { StringEnum, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { ArtifactSchema } from '../meta/artifact.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';

export const SourceGroup = 'source.toolkit.fluxcd.io';
export const SourceVersion = 'v1';
export const sourceCategories = ['all', 'fluxcd', 'fluxcd-sources'];

/** Verifies an OCI artifact's signature with cosign (keys or keyless) or notation. */
export const OCIRepositoryVerificationSchema = Type.Object({
  provider: StringEnum(['cosign', 'notation'], { default: 'cosign' }),
  secretRef: Type.Optional(LocalObjectReferenceSchema),
  /** Keyless: accept signatures whose Fulcio certificate matches any of these regexes. */
  matchOIDCIdentity: Type.Optional(Type.Array(Type.Object({ issuer: Type.String(), subject: Type.String() }))),
  /** Secret with a Sigstore `trusted_root.json` for self-hosted Fulcio/Rekor. */
  trustedRootSecretRef: Type.Optional(LocalObjectReferenceSchema),
});
export type OCIRepositoryVerification = Static<typeof OCIRepositoryVerificationSchema>;

/** The artifact fields source kinds put in their status. */
export const artifactStatus = {
  artifact: Type.Optional(ArtifactSchema),
};
