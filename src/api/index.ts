// The Flux API as tsflux serves it: every kind's definition, TypeScript type, Kind constant and CRD.
import type { KindDefinition } from './kind.ts';
import type { CustomResourceDefinition } from './crd.ts';
import { customResourceDefinition } from './crd.ts';
import { GitRepositoryDefinition } from './source/git-repository.ts';
import { OCIRepositoryDefinition } from './source/oci-repository.ts';
import { HelmRepositoryDefinition } from './source/helm-repository.ts';
import { HelmChartDefinition } from './source/helm-chart.ts';
import { BucketDefinition } from './source/bucket.ts';
import { ExternalArtifactDefinition } from './source/external-artifact.ts';
import { KustomizationDefinition } from './kustomize/kustomization.ts';
import { HelmReleaseDefinition } from './helm/helm-release.ts';
import { ProviderDefinition } from './notification/provider.ts';
import { AlertDefinition } from './notification/alert.ts';
import { ReceiverDefinition } from './notification/receiver.ts';
import { ImageRepositoryDefinition } from './image/image-repository.ts';
import { ImagePolicyDefinition } from './image/image-policy.ts';
import { ImageUpdateAutomationDefinition } from './image/image-update-automation.ts';

export * from './kind.ts';
export * from './crd.ts';
export * from './meta/annotations.ts';
export * from './meta/conditions.ts';
export * from './meta/condition.ts';
export * from './meta/artifact.ts';
export * from './meta/references.ts';
export * from './meta/history.ts';
export * from './meta/kustomize.ts';
export * from './meta/label-selector.ts';
export * from './meta/reconcile-status.ts';
export * from './source/common.ts';
export * from './source/git-repository.ts';
export * from './source/oci-repository.ts';
export * from './source/helm-repository.ts';
export * from './source/helm-chart.ts';
export * from './source/bucket.ts';
export * from './source/external-artifact.ts';
export * from './kustomize/kustomization.ts';
export * from './helm/helm-release.ts';
export * from './notification/common.ts';
export * from './notification/provider.ts';
export * from './notification/alert.ts';
export * from './notification/receiver.ts';
export * from './image/common.ts';
export * from './image/image-repository.ts';
export * from './image/image-policy.ts';
export * from './image/image-update-automation.ts';

/** Every kind tsflux serves, sources first (the order CRDs are installed and exported). */
export function allKinds(): KindDefinition[] {
  return [
    GitRepositoryDefinition,
    OCIRepositoryDefinition,
    HelmRepositoryDefinition,
    HelmChartDefinition,
    BucketDefinition,
    ExternalArtifactDefinition,
    KustomizationDefinition,
    HelmReleaseDefinition,
    ProviderDefinition,
    AlertDefinition,
    ReceiverDefinition,
    ImageRepositoryDefinition,
    ImagePolicyDefinition,
    ImageUpdateAutomationDefinition,
  ];
}

export function allCrds(): CustomResourceDefinition[] {
  return allKinds().map(customResourceDefinition);
}
