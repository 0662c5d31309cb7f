import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { StalledError } from '../../runtime/controller.ts';
import { checkDecryptionServiceAccount } from './workload-identity.ts';

const ks = (decryption?: Kustomization['spec']['decryption']) =>
  ({ metadata: { name: 'a', namespace: 'n' }, spec: { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: 'a' }, decryption } }) as Kustomization;

test('decryption.serviceAccountName stalls with FeatureGateDisabled while ObjectLevelWorkloadIdentity is off', () => {
  assert.throws(
    () => checkDecryptionServiceAccount(ks({ provider: 'sops', serviceAccountName: 'kms' }), false),
    (err: Error) =>
      err instanceof StalledError &&
      err.reason === 'FeatureGateDisabled' &&
      err.message === 'to use spec.decryption.serviceAccountName for decryption authentication please enable the ObjectLevelWorkloadIdentity feature gate in the controller',
  );
  checkDecryptionServiceAccount(ks({ provider: 'sops', serviceAccountName: 'kms' }), true);
  checkDecryptionServiceAccount(ks({ provider: 'sops', secretRef: { name: 'keys' } }), false);
  checkDecryptionServiceAccount(ks(), false);
});
