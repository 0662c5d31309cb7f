import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.ts';
import { maskSecretPair, maskSopsSecret } from './secret-mask.ts';

const dataOf = (o: KubeObject) => (o as KubeObject & { data?: Record<string, string> }).data;

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...fields });

test('an encrypted Secret manifest: every value masked, sops metadata dropped, dockerconfigjson as JSON', () => {
  const sops = { mac: 'ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]', version: '3.9.0' };
  assert.deepEqual(maskSopsSecret(secret({ data: { a: 'ENC[...]' }, stringData: { b: 'ENC[...]' }, sops })), secret({ data: { a: b64('**SOPS**') }, stringData: { b: '**SOPS**' } }));
  const docker = maskSopsSecret(secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'ENC[...]' }, sops }));
  assert.equal(Buffer.from(dataOf(docker)!['.dockerconfigjson']!, 'base64').toString(), '{"mask":"**SOPS**"}');
});

test('a generated Secret: only values holding a sops document are masked; other kinds untouched', () => {
  const encryptedFile = b64('password: ENC[AES256_GCM,data:x]\nsops:\n  mac: ENC[...]\n');
  const out = maskSopsSecret(secret({ data: { file: encryptedFile, plain: b64('hello') } }));
  assert.deepEqual(dataOf(out), { file: b64('**SOPS**'), plain: b64('hello') });
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'sops ENC[' } };
  assert.equal(maskSopsSecret(cm), cm);
});

test('a Secret diff shows which values changed, never the values', () => {
  const [before, after] = maskSecretPair(secret({ data: { same: 'MQ==', changed: 'MQ==', gone: 'MQ==' } }), secret({ data: { same: 'MQ==', changed: 'Mg==', added: 'Mw==' } }));
  assert.deepEqual(dataOf(before), { same: '***', changed: '*** (before)', gone: '*** (before)' });
  assert.deepEqual(dataOf(after), { same: '***', changed: '*** (after)', added: '*** (after)' });
});
