import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSshKey, startGitSshServer, type GitSshServer } from '../../../test/support/git-ssh-server.ts';
import { gitSecretData } from './source-secret.ts';

let root: string;
let server: GitSshServer;
const defaults = { sshKeyAlgorithm: 'ecdsa', sshEcdsaCurve: 'p384', sshRsaBits: '2048' };

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsflux-secret-'));
  server = await startGitSshServer({ root, hostKey: generateSshKey('host'), authorizedKeys: [] });
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

void it('for ssh:// URLs generates a key pair and scans the server host keys into known_hosts', async () => {
  const { data, publicKey } = await gitSecretData({ url: `${server.url}/repo.git`, ...defaults });
  assert.match(publicKey!, /^ecdsa-sha2-nistp384 /);
  assert.match(data.identity!, /BEGIN OPENSSH PRIVATE KEY/);
  assert.equal(data['identity.pub'], publicKey);
  const [, type, blob] = server.knownHosts.split(' ');
  assert.ok(data.known_hosts!.split('\n').some((l) => l === `[127.0.0.1]:${server.port} ${type} ${blob}`), data.known_hosts);
  const ed = await gitSecretData({ url: `${server.url}/repo.git`, ...defaults, sshKeyAlgorithm: 'ed25519' });
  assert.match(ed.publicKey!, /^ssh-ed25519 /);
});

void it('for https URLs stores basic auth or a bearer token', async () => {
  assert.deepEqual((await gitSecretData({ url: 'https://git.example.com/r.git', username: 'u', password: 'p', ...defaults })).data, { username: 'u', password: 'p' });
  assert.deepEqual((await gitSecretData({ url: 'https://git.example.com/r.git', bearerToken: 't', ...defaults })).data, { bearerToken: 't' });
  await assert.rejects(gitSecretData({ url: 'https://git.example.com/r.git', username: 'u', ...defaults }), /both --username and --password/);
});
