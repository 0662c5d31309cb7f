// spec.kubeConfig.configMapRef with the generic provider, on the real control plane: the "remote"
// cluster is the same apiserver reached through the ConfigMap's address and CA, authenticated with a
// TokenRequest token of the ConfigMap's ServiceAccount. The controller runs with
// --feature-gates=ObjectLevelWorkloadIdentity=true, which a ConfigMap naming a ServiceAccount needs.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configMapConnection } from '../../src/controllers/kustomize/remote-cluster.ts';
import { requestServiceAccountToken } from '../../src/controllers/kustomize/service-account-token.ts';
import { KubeClient, type ConnectionConfig, type KubeObject } from '../../src/kube/index.ts';
import { eventually, testNamespace } from './harness.ts';
import { configMap, KS_API, readyOf, serviceAccountBoundTo, startKustomizeEnv, waitReady, type KustomizeEnv } from './kustomization-env.ts';
import { apiserverAccess, remoteClusterConfigMap, type ApiserverAccess } from './remote-cluster-env.ts';

let env: KustomizeEnv;
let apiserver: ApiserverAccess;
before(async () => {
  env = await startKustomizeEnv({ objectLevelWorkloadIdentity: true });
  apiserver = await apiserverAccess();
});
after(async () => {
  await env?.stop();
});

const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  token: s3cr3t\n`;

/** A Role that may manage ConfigMaps and nothing else in `namespace`. */
async function configMapsOnlyRole(namespace: string): Promise<void> {
  await env.client.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'configmaps-only', namespace },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }],
  });
}

test('configMapRef (generic): applies as the ServiceAccount of the ConfigMap, and only what its Role allows', async (t) => {
  const ns = await testNamespace(t);
  await configMapsOnlyRole(ns);
  await serviceAccountBoundTo(env.client, ns, 'remote-applier', { kind: 'Role', name: 'configmaps-only' });
  await remoteClusterConfigMap(env.client, ns, 'remote', {
    provider: 'generic',
    address: apiserver.address,
    'ca.crt': apiserver.ca,
    audiences: apiserver.issuer,
    serviceAccountName: 'remote-applier',
  });
  await env.repo(ns, 'configs', { 'cm.yaml': configMap('app-settings', { color: 'blue' }) });
  await env.repo(ns, 'secrets', { 'secret.yaml': secret('app-token') });
  const kubeConfig = { configMapRef: { name: 'remote' } };
  await env.client.create(env.kustomization(ns, 'configs', { targetNamespace: ns, kubeConfig }));
  await env.client.create(env.kustomization(ns, 'secrets', { targetNamespace: ns, kubeConfig }));

  await waitReady(env.client, ns, 'configs', 'True');
  const cm = await env.client.get<KubeObject & { data: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'app-settings' });
  assert.equal(cm.data.color, 'blue');
  assert.equal(cm.metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'configs');

  const denied = await waitReady(env.client, ns, 'secrets', 'False', 'ReconciliationFailed');
  const message = readyOf(denied)!.message;
  assert.match(message, /forbidden/);
  assert.match(message, new RegExp(`User "system:serviceaccount:${ns}:remote-applier" cannot`));
  await assert.rejects(env.client.get({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'app-token' }), /not found/);

  // Deleting the Kustomization prunes through the same remote client.
  await env.client.delete({ apiVersion: KS_API, kind: 'Kustomization', namespace: ns, name: 'configs' });
  await eventually('app-settings pruned', async () =>
    env.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'app-settings' }).then(() => undefined, (err: Error) => (/not found/.test(err.message) ? true : undefined)),
  );
});

test('configMapRef (generic) without audiences: the token is issued for the address, which this apiserver does not accept', async (t) => {
  const ns = await testNamespace(t);
  await serviceAccountBoundTo(env.client, ns, 'remote-applier', { kind: 'ClusterRole', name: 'edit' });
  await remoteClusterConfigMap(env.client, ns, 'remote', { provider: 'generic', address: apiserver.address, 'ca.crt': apiserver.ca, serviceAccountName: 'remote-applier' });
  await env.repo(ns, 'configs', { 'cm.yaml': configMap('app-settings', { color: 'blue' }) });
  await env.client.create(env.kustomization(ns, 'configs', { targetNamespace: ns, kubeConfig: { configMapRef: { name: 'remote' } } }));
  const ks = await waitReady(env.client, ns, 'configs', 'False', 'ReconciliationFailed');
  assert.match(readyOf(ks)!.message, /Unauthorized/);
});

test('configMapRef: cloud providers, unknown providers, a missing ServiceAccount and a missing address fail with Ready=False ReconciliationFailed', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'configs', { 'cm.yaml': configMap('app-settings', { color: 'blue' }) });
  const cases: [string, Record<string, string>, RegExp][] = [
    ['eks', { provider: 'aws', cluster: 'arn:aws:eks:eu-central-1:123456789012:cluster/prod' }, /^provider 'aws' \(ConfigMap [^)]+\) is not supported by tsflux: it cannot call the AWS EKS API/],
    ['gke', { provider: 'gcp', cluster: 'projects/p/locations/l/clusters/c' }, /^provider 'gcp' .* is not supported by tsflux: it cannot call the Google GKE API/],
    ['other', { provider: 'openstack' }, /^provider 'openstack' not implemented$/],
    ['no-sa', { provider: 'generic', address: apiserver.address, serviceAccountName: 'absent' }, new RegExp(`^failed to get access token for cluster: failed to get service account '${ns}/absent': `)],
    ['no-address', { provider: 'generic', serviceAccountName: 'absent' }, /^cluster address is required to create a REST config/],
  ];
  for (const [name, data] of cases) {
    await remoteClusterConfigMap(env.client, ns, name, data);
    await env.client.create(env.kustomization(ns, name, { sourceRef: { kind: 'GitRepository', name: 'configs' }, targetNamespace: ns, kubeConfig: { configMapRef: { name } } }));
  }
  for (const [name, , expected] of cases) {
    const ks = await waitReady(env.client, ns, name, 'False', 'ReconciliationFailed');
    assert.match(readyOf(ks)!.message, expected, name);
  }
});

test('kubeConfig with both secretRef and configMapRef is refused', async (t) => {
  const ns = await testNamespace(t);
  await env.repo(ns, 'configs', { 'cm.yaml': configMap('app-settings', { color: 'blue' }) });
  await env.client.create(env.kustomization(ns, 'configs', { kubeConfig: { secretRef: { name: 'kubeconfig' }, configMapRef: { name: 'remote' } } }));
  const ks = await waitReady(env.client, ns, 'configs', 'False', 'ReconciliationFailed');
  assert.match(readyOf(ks)!.message, /\.secretRef and \.configMapRef are mutually exclusive/);
});

test('decryption.serviceAccountName with the gate on: a Secret whose SOPS key is AWS KMS only fails the build naming the Secret and the key', async (t) => {
  const ns = await testNamespace(t);
  // Hand-written SOPS metadata (a fake: real sops needs AWS to encrypt with KMS), as sops lays it out.
  const enc = 'ENC[AES256_GCM,data:abc,iv:eA==,tag:eQ==,type:str]';
  const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const kmsSecret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${enc}\nsops:\n  kms:\n    - arn: ${arn}\n      created_at: "2026-01-01T00:00:00Z"\n      enc: AQICAHh=\n      aws_profile: ""\n  mac: ${enc}\n  lastmodified: "2026-01-01T00:00:00Z"\n  version: 3.9.0\n`;
  await env.repo(ns, 'secrets', { 'secret.yaml': kmsSecret });
  await env.client.create(env.kustomization(ns, 'secrets', { targetNamespace: ns, decryption: { provider: 'sops', serviceAccountName: 'kms-reader' } }));
  const ks = await waitReady(env.client, ns, 'secrets', 'False', 'BuildFailed');
  assert.match(readyOf(ks)!.message, new RegExp(`^failed to decrypt Secret/${ns}/db: its SOPS data key is encrypted only with AWS KMS ${arn}, and tsflux does not support cloud KMS`));
});

test('TokenRequest tokens carry the requested audiences and lifetime', async (t) => {
  const ns = await testNamespace(t);
  await env.client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'remote-applier', namespace: ns } });
  const token = await requestServiceAccountToken(env.client, ns, 'remote-applier', ['https://remote.example:6443'], 7200);
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { aud: string[]; sub: string; exp: number; iat: number };
  assert.deepEqual(claims.aud, ['https://remote.example:6443']);
  assert.equal(claims.sub, `system:serviceaccount:${ns}:remote-applier`);
  assert.equal(claims.exp - claims.iat, 7200);
});

test("configMapRef without serviceAccountName: the token is the controller's own ServiceAccount's, read from its mounted token", async (t) => {
  const ns = await testNamespace(t);
  await env.client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kustomize-controller', namespace: ns } });
  // Stand in for the pod's mount: a real token of that ServiceAccount in a folder of our own.
  const mount = await mkdtemp(join(tmpdir(), 'tsflux-e2e-sa-'));
  t.after(() => rm(mount, { recursive: true, force: true }));
  await writeFile(join(mount, 'token'), await requestServiceAccountToken(env.client, ns, 'kustomize-controller', []));
  await remoteClusterConfigMap(env.client, ns, 'remote', { provider: 'generic', address: apiserver.address, 'ca.crt': apiserver.ca, audiences: apiserver.issuer });
  assert.equal(await whoAmI(t, await configMapConnection(env.client, ns, 'remote', { serviceAccountDir: mount })), `system:serviceaccount:${ns}:kustomize-controller`);
});

test('configMapRef without serviceAccountName and --default-kubeconfig-service-account: that account of the namespace, which must exist', async (t) => {
  const ns = await testNamespace(t);
  await remoteClusterConfigMap(env.client, ns, 'remote', { provider: 'generic', address: apiserver.address, 'ca.crt': apiserver.ca, audiences: apiserver.issuer });
  const opts = { objectLevelWorkloadIdentity: true, defaultKubeConfigServiceAccount: 'tenant-remote' };
  await assert.rejects(configMapConnection(env.client, ns, 'remote', opts), new RegExp(`^Error: failed to get access token for cluster: failed to get service account '${ns}/tenant-remote': default service account not found$`));
  await env.client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'tenant-remote', namespace: ns } });
  assert.equal(await whoAmI(t, await configMapConnection(env.client, ns, 'remote', opts)), `system:serviceaccount:${ns}:tenant-remote`);
});

/** Who the apiserver takes a client of `connection` for (SelfSubjectReview). */
async function whoAmI(t: TestContext, connection: ConnectionConfig): Promise<string> {
  const remote = KubeClient.fromConnection(connection);
  t.after(() => remote.close());
  const review = (await remote.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  })) as { status: { userInfo: { username: string } } };
  return review.status.userInfo.username;
}
