// SOPS files whose data key is wrapped by cloud KMS or Vault keys. Their metadata is written by hand
// here (a fake: real sops needs the cloud service to encrypt), with the field names sops uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { generateIdentity } from 'age-encryption';
import type { JsonObject } from '../../../engines/kustomize/index.ts';
import { decryptManifest, decryptSources } from './decrypt.ts';
import { BuildError } from './errors.ts';
import { fileSopsMetadata, sopsKeyInventory } from './sops-cloud-keys.ts';

const ENC = 'ENC[AES256_GCM,data:abc,iv:eA==,tag:eQ==,type:str]';
const ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const secretWith = (keys: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\ndata:\n  password: ${ENC}\nsops:\n${keys}  mac: ${ENC}\n  lastmodified: "2026-01-01T00:00:00Z"\n  version: 3.9.0\n`;
const kmsKey = `  kms:\n    - arn: ${ARN}\n      created_at: "2026-01-01T00:00:00Z"\n      enc: AQICAHh=\n      aws_profile: ""\n`;
const ageKey = `  age:\n    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        bm90IGFuIGFnZSBmaWxl\n        -----END AGE ENCRYPTED FILE-----\n`;
// A real age identity that matches none of the files' recipients.
const keys = { age: [await generateIdentity()] };

test('a Secret whose only master key is AWS KMS: the error names the Secret, the service and the key', async () => {
  await assert.rejects(decryptManifest(parse(secretWith(kmsKey)) as JsonObject, keys, 'Secret/apps/db'), (err: Error) => {
    assert.ok(err instanceof BuildError);
    assert.match(err.message, /^failed to decrypt Secret\/apps\/db: its SOPS data key is encrypted only with AWS KMS arn:aws:kms:eu-west-1:111122223333:key\//);
    assert.match(err.message, /tsflux does not support cloud KMS or Vault/);
    return true;
  });
});

test('a generator source (dotenv) encrypted only with GCP KMS: the error names the file', async () => {
  const resource = 'projects/p/locations/global/keyRings/r/cryptoKeys/k';
  const env = `PASSWORD=${ENC}\nsops_gcp_kms__list_0__map_resource_id=${resource}\nsops_gcp_kms__list_0__map_enc=CiQA\nsops_mac=${ENC}\nsops_lastmodified=2026-01-01T00:00:00Z\nsops_version=3.9.0\n`;
  await assert.rejects(decryptSources([{ path: '/artifact/secrets/app.env', text: env }], keys, '/artifact'), (err: Error) => {
    assert.ok(err instanceof BuildError);
    assert.match(err.message, new RegExp(`^failed to decrypt secrets/app\\.env: its SOPS data key is encrypted only with GCP KMS ${resource}`));
    return true;
  });
});

test('age and AWS KMS keys, but the held age key does not match: the age failure is reported and the KMS key named as not tried', async () => {
  await assert.rejects(decryptManifest(parse(secretWith(ageKey + kmsKey)) as JsonObject, keys, 'Secret/apps/db'), (err: Error) => {
    assert.ok(err instanceof BuildError);
    assert.match(err.message, /^failed to decrypt Secret\/apps\/db: cannot decrypt the sops data key/);
    assert.match(err.message, new RegExp(`its AWS KMS ${ARN} keys were not tried: tsflux does not support cloud KMS or Vault`));
    return true;
  });
});

test('the metadata of every sops file format is read: Azure Key Vault in JSON, HashiCorp Vault in YAML', () => {
  const json = JSON.stringify({ data: ENC, sops: { azure_kv: [{ vault_url: 'https://v.vault.azure.net', name: 'k', version: '1', enc: 'x' }], mac: ENC } });
  assert.deepEqual(sopsKeyInventory(fileSopsMetadata(json, 'binary')), { cloud: ['Azure Key Vault https://v.vault.azure.net'], local: 0 });
  const yaml = `k: ${ENC}\nsops:\n  hc_vault:\n    - vault_address: http://127.0.0.1:8200\n      engine_path: sops\n      key_name: k\n      enc: vault:v1:x\n${ageKey}  mac: ${ENC}\n`;
  assert.deepEqual(sopsKeyInventory(fileSopsMetadata(yaml, 'yaml')), { cloud: ['HashiCorp Vault http://127.0.0.1:8200'], local: 1 });
});
