import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalClusterAddress, parseAudiences } from './remote-cluster.ts';
import { controllerServiceAccount } from './service-account-token.ts';

test('cluster addresses take upstream canonical form: https, lower-case host, explicit port (443 by default)', () => {
  assert.equal(canonicalClusterAddress('https://API.Example.com'), 'https://api.example.com:443');
  assert.equal(canonicalClusterAddress('api.example.com:6443'), 'https://api.example.com:6443');
  assert.equal(canonicalClusterAddress('https://127.0.0.1:43715/'), 'https://127.0.0.1:43715');
  assert.throws(() => canonicalClusterAddress('http://api.example.com'), /the Kubernetes API server address 'http:\/\/api\.example\.com' must use https scheme/);
});

test('audiences: one per line, surrounding blanks and empty lines ignored', () => {
  assert.deepEqual(parseAudiences(' https://kubernetes.default.svc \n\nsts.amazonaws.com\n'), ['https://kubernetes.default.svc', 'sts.amazonaws.com']);
  assert.deepEqual(parseAudiences(undefined), []);
});

test("the controller's own ServiceAccount comes from the subject of its mounted token", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-token-'));
  const jwt = (claims: object) => ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
  writeFileSync(join(dir, 'token'), jwt({ sub: 'system:serviceaccount:flux-system:kustomize-controller' }));
  assert.deepEqual(await controllerServiceAccount(dir), { namespace: 'flux-system', name: 'kustomize-controller' });
  writeFileSync(join(dir, 'token'), jwt({ sub: 'alice' }));
  await assert.rejects(controllerServiceAccount(dir), /invalid subject format in service account token: alice/);
  await assert.rejects(controllerServiceAccount(join(dir, 'absent')), /failed to read service account token file .*absent\/token/);
});
