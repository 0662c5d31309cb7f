// Files encrypted by the real sops (built from Go modules) with age and OpenPGP keys, decrypted by our
// engine and by `sops -d`: the cleartexts must agree, and wrong keys or tampering must be refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { generateIdentity } from 'age-encryption';
import { ensureGoTool } from '../../src/dev/go-build.ts';
import { decryptFile, decryptObject, SopsError, type SopsFormat } from '../../src/engines/sops/index.ts';

const moduleDir = fileURLToPath(new URL('../../tools/oracles/sops/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tsflux-sops-'));
const gnupgHome = join(work, 'gnupg');
let sops = '';
let ageKey = '';
let ageRecipient = '';
let pgpKey = '';
let pgpFingerprint = '';

// gpg starts an agent daemon for the home it is given: stop it, or every run leaves one behind.
after(() => {
  try {
    execFileSync('gpgconf', ['--homedir', gnupgHome, '--kill', 'gpg-agent'], { stdio: 'ignore' });
  } catch {
    // no agent was started (e.g. the oracle could not be built)
  }
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ ...process.env, SOPS_DISABLE_VERSION_CHECK: '1', GNUPGHOME: gnupgHome, SOPS_AGE_KEY: ageKey });

before(async () => {
  sops = await ensureGoTool(moduleDir, 'github.com/getsops/sops/v3/cmd/sops', 'sops', (l) => console.log(`# ${l}`));
  const ageKeygen = await ensureGoTool(moduleDir, 'filippo.io/age/cmd/age-keygen', 'age-keygen');
  ageKey = execFileSync(ageKeygen, { encoding: 'utf8' });
  ageRecipient = /public key: (age1\S+)/.exec(ageKey)![1]!;
  execFileSync('mkdir', ['-m', '700', '-p', gnupgHome]);
  execFileSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'tsflux test <sops@tsflux.test>', 'default', 'default', 'never'], { env: env(), stdio: 'ignore' });
  pgpFingerprint = /fpr:::::::::([0-9A-F]{40}):/.exec(execFileSync('gpg', ['--list-secret-keys', '--with-colons'], { env: env(), encoding: 'utf8' }))![1]!;
  pgpKey = execFileSync('gpg', ['--batch', '--armor', '--export-secret-keys', pgpFingerprint], { env: env(), encoding: 'utf8' });
});

function encrypt(name: string, content: string, args: string[]): string {
  const file = join(work, name);
  writeFileSync(file, content);
  // --config is a global flag: it goes before the subcommand.
  const global = args[0] === '--config' ? args.slice(0, 2) : [];
  return execFileSync(sops, [...global, 'encrypt', ...args.slice(global.length), file], { env: env(), encoding: 'utf8' });
}

function sopsDecrypt(name: string, encrypted: string, format: string): string {
  const file = join(work, `enc-${name}`);
  writeFileSync(file, encrypted);
  return execFileSync(sops, ['decrypt', '--input-type', format, '--output-type', format, file], { env: env(), encoding: 'utf8' });
}

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: apps
type: Opaque
stringData:
  password: hunter2
  port: 5432
  ratio: 1.5
  huge: 1e+30
  enabled: true
  "yes": "yes"
  empty: ""
  multiline: |
    line one
    line two
  list:
    - a
    - 2
data:
  token: c2VjcmV0
`;

const yamlCases: [string, string[]][] = [
  ['age, every value', ['--age', 'RECIPIENT']],
  ['age, encrypted_regex', ['--age', 'RECIPIENT', '--encrypted-regex', '^(data|stringData)$']],
  ['age, unencrypted_suffix', ['--age', 'RECIPIENT', '--unencrypted-suffix', 'Version']],
  ['age, mac only over encrypted values', ['--config', 'MAC_ONLY_CONFIG']],
  ['pgp, encrypted_regex', ['--pgp', 'FINGERPRINT', '--encrypted-regex', '^(data|stringData)$']],
  ['age and pgp recipients', ['--age', 'RECIPIENT', '--pgp', 'FINGERPRINT', '--unencrypted-regex', '^(kind|apiVersion)$']],
];

// mac_only_encrypted has no command-line flag: it comes from a creation rule.
function macOnlyConfig(): string {
  const file = join(work, 'mac-only.sops.yaml');
  writeFileSync(file, `creation_rules:\n  - age: ${ageRecipient}\n    encrypted_regex: ^(data|stringData)$\n    mac_only_encrypted: true\n`);
  return file;
}

const withKeys = (args: string[]) =>
  args.map((a) => (a === 'RECIPIENT' ? ageRecipient : a === 'FINGERPRINT' ? pgpFingerprint : a === 'MAC_ONLY_CONFIG' ? macOnlyConfig() : a));

for (const [name, args] of yamlCases) {
  test(`YAML Secret encrypted by sops (${name}) decrypts to what sops -d gives`, async () => {
    const encrypted = encrypt('secret.yaml', secret, withKeys(args));
    const usesPgpOnly = args.includes('--pgp') && !args.includes('--age');
    const keys = usesPgpOnly ? { pgp: [pgpKey] } : { age: [ageKey] };
    const ours = await decryptObject(parse(encrypted) as Record<string, unknown>, keys, 'secret.yaml');
    const theirs = parse(sopsDecrypt('secret.yaml', encrypted, 'yaml')) as Record<string, unknown>;
    assert.deepEqual(ours, theirs);
    assert.deepEqual(Object.keys(ours), Object.keys(theirs));
  });
}

const fileCases: { name: string; format: SopsFormat; content: string }[] = [
  { name: 'values.json', format: 'json', content: '{"user":"admin","pass":"s3cr3t","n":3,"f":0.25,"ok":false,"nested":{"list":["x",1]}}\n' },
  { name: 'app.env', format: 'dotenv', content: '# settings\nUSER=admin\nPASSWORD=p=ss word\nEMPTY=\n' },
  { name: 'blob.bin', format: 'binary', content: 'raw bytes\nsecond line\twith tab\n' },
  { name: 'extra.yaml', format: 'yaml', content: 'a: 1\nb:\n  c: [1, two, 3.5]\n---\nsecond: doc\n' },
];

for (const c of fileCases) {
  test(`${c.format} file encrypted by sops decrypts to the bytes of sops -d`, async () => {
    const encrypted = encrypt(c.name, c.content, ['--age', ageRecipient]);
    const ours = await decryptFile(encrypted, c.format, { age: [ageKey] }, c.name);
    const theirs = sopsDecrypt(c.name, encrypted, c.format);
    if (c.format === 'yaml') assert.deepEqual(ours.split('---\n').map((d) => parse(d) as unknown), theirs.split('---\n').map((d) => parse(d) as unknown));
    else if (c.format === 'json') assert.deepEqual(JSON.parse(ours), JSON.parse(theirs));
    else assert.equal(ours, theirs);
  });
}

test('a missing key, a wrong key, a moved value and an edited cleartext are refused with errors that say so', async () => {
  const encrypted = parse(encrypt('secret.yaml', secret, ['--age', ageRecipient, '--encrypted-regex', '^(data|stringData)$'])) as Record<string, any>;
  const noKey = (e: unknown) => e instanceof SopsError && e.message.includes(`age ${ageRecipient}`) && e.message.includes('no private key');
  await assert.rejects(decryptObject(encrypted, {}, 'secret.yaml'), noKey);
  await assert.rejects(decryptObject(encrypted, { age: [await generateIdentity()] }, 'secret.yaml'), noKey);

  const moved = structuredClone(encrypted);
  moved.stringData.password = encrypted.stringData.yes; // valid ciphertext, wrong path
  await assert.rejects(decryptObject(moved, { age: [ageKey] }, 'secret.yaml'), /stringData:password:.*authentication failed/);

  const edited = structuredClone(encrypted);
  edited.metadata.name = 'other'; // not encrypted, but covered by the MAC
  await assert.rejects(decryptObject(edited, { age: [ageKey] }, 'secret.yaml'), /MAC mismatch/);
});
