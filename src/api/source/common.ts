// Pieces shared by the source kinds: their API group, categories and the cosign/notation settings.
import { Described, StringEnum, Type } from '../schema.ts';
import type { Static } from '../schema.ts';
import { ArtifactSchema } from '../meta/artifact.ts';
import { LocalObjectReferenceSchema } from '../meta/references.ts';

export const SourceGroup = 'source.toolkit.fluxcd.io';
export const SourceVersion = 'v1';
export const sourceCategories = ['all', 'fluxcd', 'fluxcd-sources'];

const cosignOrNotation = {
  provider: Described(StringEnum(['cosign', 'notation'], { default: 'cosign' }), 'Signature technology: cosign or notation.'),
  secretRef: Type.Optional(
    Described(
      LocalObjectReferenceSchema,
      'Secret with the trusted public keys (cosign) or certificates and trust policy (notation); keyless cosign when omitted.',
    ),
  ),
  matchOIDCIdentity: Type.Optional(
    Described(
      Type.Array(Type.Object({ issuer: Type.String(), subject: Type.String() })),
      'Accepted keyless signing identities (any matches).',
    ),
  ),
};

/** Verifies a HelmChart pulled from an OCI HelmRepository with cosign (keys or keyless) or notation. */
export const HelmChartVerificationSchema = Type.Object(cosignOrNotation);
export type HelmChartVerification = Static<typeof HelmChartVerificationSchema>;

/** Verifies an OCIRepository artifact; self-hosted Sigstore needs a trusted root on top. */
export const OCIRepositoryVerificationSchema = Type.Object({
  ...cosignOrNotation,
  trustedRootSecretRef: Type.Optional(
    Described(LocalObjectReferenceSchema, 'Secret with a Sigstore trusted_root.json, for self-hosted Fulcio and Rekor.'),
  ),
});
export type OCIRepositoryVerification = Static<typeof OCIRepositoryVerificationSchema>;

/** The artifact fields source kinds put in their status. */
export const artifactStatus = {
  artifact: Type.Optional(Described(ArtifactSchema, 'The artifact produced by the last successful reconciliation.')),
};
