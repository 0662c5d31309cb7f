// Pieces shared by the source kinds: their API group, categories and the cosign/notation settings.
import { StringEnum, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { ArtifactSchema } from '../meta/artifact.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';

export const SourceGroup = 'source.toolkit.fluxcd.io';
export const SourceVersion = 'v1';
export const sourceCategories = ['all', 'fluxcd', 'fluxcd-sources'];

const cosignOrNotation = {
  provider: StringEnum(['cosign', 'notation'], { default: 'cosign' }),
  secretRef: Type.Optional(LocalObjectReferenceSchema),
  /** Keyless: accept signatures whose Fulcio certificate matches any of these regexes. */
  matchOIDCIdentity: Type.Optional(Type.Array(Type.Object({ issuer: Type.String(), subject: Type.String() }))),
};

/** Verifies a HelmChart pulled from an OCI HelmRepository with cosign (keys or keyless) or notation. */
export const HelmChartVerificationSchema = Type.Object(cosignOrNotation);
export type HelmChartVerification = Static<typeof HelmChartVerificationSchema>;

/** Verifies an OCIRepository artifact; self-hosted Sigstore needs a trusted root on top. */
export const OCIRepositoryVerificationSchema = Type.Object({
  ...cosignOrNotation,
  /** Secret with a Sigstore `trusted_root.json` for self-hosted Fulcio/Rekor. */
  trustedRootSecretRef: Type.Optional(LocalObjectReferenceSchema),
});
export type OCIRepositoryVerification = Static<typeof OCIRepositoryVerificationSchema>;

/** The artifact fields source kinds put in their status. */
export const artifactStatus = {
  artifact: Type.Optional(ArtifactSchema),
};
