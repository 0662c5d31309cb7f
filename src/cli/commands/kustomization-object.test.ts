import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kustomizationFromFlags, parseSourceFlag } from './kustomization-object.ts';

test('create kustomization flags map to the spec fields flux create kustomization writes', () => {
  const ks = kustomizationFromFlags('apps', 'flux-system', {
    source: 'GitRepository/fleet.shared',
    path: './apps',
    prune: true,
    interval: '5m',
    retryInterval: '30s',
    timeout: '2m',
    wait: true,
    targetNamespace: 'apps',
    serviceAccount: 'deployer',
    dependsOn: ['infra', 'other/db'],
    healthCheck: ['Deployment/web.apps'],
    decryptionProvider: 'sops',
    decryptionSecret: 'sops-age',
    kubeconfigSecretRef: 'remote-kubeconfig',
    label: ['team=a'],
  });
  assert.deepEqual(ks.metadata, { name: 'apps', namespace: 'flux-system', labels: { team: 'a' } });
  assert.deepEqual(ks.spec, {
    interval: '5m',
    path: './apps',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'fleet', namespace: 'shared' },
    retryInterval: '30s',
    timeout: '2m',
    wait: true,
    targetNamespace: 'apps',
    serviceAccountName: 'deployer',
    dependsOn: [{ name: 'infra' }, { namespace: 'other', name: 'db' }],
    healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'apps' }],
    decryption: { provider: 'sops', secretRef: { name: 'sops-age' } },
    kubeConfig: { secretRef: { name: 'remote-kubeconfig' } },
  });
});

test('--source without a kind is a GitRepository; an unknown kind is refused', () => {
  assert.deepEqual(parseSourceFlag('fleet'), { kind: 'GitRepository', name: 'fleet' });
  assert.deepEqual(parseSourceFlag('ocirepository/app'), { kind: 'OCIRepository', name: 'app' });
  assert.throws(() => parseSourceFlag('HelmRepository/x'), /invalid --source kind/);
});

test('--decryption-provider takes only sops, as flux; --decryption-secret alone sets nothing', () => {
  const flags = { source: 'fleet', interval: '5m' };
  assert.throws(() => kustomizationFromFlags('apps', 'flux-system', { ...flags, decryptionProvider: 'vault' }), /^Error: unsupported decryption provider 'vault', must be one of: sops$/);
  assert.equal(kustomizationFromFlags('apps', 'flux-system', { ...flags, decryptionSecret: 'sops-age' }).spec.decryption, undefined);
});
