// Compile-time checks on the derived TypeScript types (enforced by `npm test`, which type-checks): no
// field of any kind degrades to `unknown`/`any` except the ones upstream declares as free-form JSON,
// enums stay string unions, and required fields stay required. The runtime test only keeps the
// file in the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as api from './index.ts';

type IsAny<T> = 0 extends 1 & T ? true : false;
/** Field paths whose type is unknown or any. */
type LoosePaths<T, P extends string> =
  IsAny<T> extends true
    ? P
    : unknown extends T
      ? P
      : T extends readonly (infer E)[]
        ? LoosePaths<E, `${P}[]`>
        : T extends object
          ? { [K in keyof T & string]-?: LoosePaths<Exclude<T[K], undefined>, `${P}.${K}`> }[keyof T & string]
          : never;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

type Specs = {
  GitRepository: api.GitRepositorySpec;
  OCIRepository: api.OCIRepositorySpec;
  HelmRepository: api.HelmRepositorySpec;
  HelmChart: api.HelmChartSpec;
  Bucket: api.BucketSpec;
  ExternalArtifact: api.ExternalArtifactSpec;
  Kustomization: api.KustomizationSpec;
  HelmRelease: api.HelmReleaseSpec;
  Provider: api.ProviderSpec;
  Alert: api.AlertSpec;
  Receiver: api.ReceiverSpec;
  ImageRepository: api.ImageRepositorySpec;
  ImagePolicy: api.ImagePolicySpec;
  ImageUpdateAutomation: api.ImageUpdateAutomationSpec;
};
type Statuses = {
  GitRepository: api.GitRepositoryStatus;
  OCIRepository: api.OCIRepositoryStatus;
  HelmRepository: api.HelmRepositoryStatus;
  HelmChart: api.HelmChartStatus;
  Bucket: api.BucketStatus;
  ExternalArtifact: api.ExternalArtifactStatus;
  Kustomization: api.KustomizationStatus;
  HelmRelease: api.HelmReleaseStatus;
  Receiver: api.ReceiverStatus;
  ImageRepository: api.ImageRepositoryStatus;
  ImagePolicy: api.ImagePolicyStatus;
  ImageUpdateAutomation: api.ImageUpdateAutomationStatus;
};

// Only HelmRelease values is free-form (apiextensionsv1.JSON upstream).
expectType<Equal<{ [K in keyof Specs]: LoosePaths<Specs[K], 'spec'> }[keyof Specs], 'spec.values'>>();
expectType<Equal<{ [K in keyof Statuses]: LoosePaths<Statuses[K], 'status'> }[keyof Statuses], never>>();

// Enums are unions of upstream's values, not plain strings.
expectType<Equal<api.GitRepositorySpec['provider'], 'generic' | 'aws' | 'azure' | 'github' | undefined>>();
expectType<Equal<api.KustomizationSpec['sourceRef']['kind'], 'OCIRepository' | 'GitRepository' | 'Bucket' | 'ExternalArtifact'>>();
expectType<Equal<api.Condition['status'], 'True' | 'False' | 'Unknown'>>();
// Required fields are required; optional ones optional.
expectType<Equal<api.KustomizationSpec['prune'], boolean>>();
expectType<Equal<api.GitRepositorySpec['interval'], string>>();
expectType<Equal<api.Artifact['digest'], string>>();
expectType<Equal<api.GitRepositorySpec['timeout'], string | undefined>>();
// Objects carry their typed spec and status.
expectType<Equal<api.GitRepository['spec'], api.GitRepositorySpec>>();
expectType<Equal<NonNullable<api.HelmRelease['status']>['history'], api.HelmReleaseSnapshot[] | undefined>>();

test('the type-level assertions in this file compiled', () => {
  assert.equal(expectType<true>(), undefined);
});
