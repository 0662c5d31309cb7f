import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSshKey, startGitSshServer, type GitSshServer, type SshKeyPair } from '../../../../test/support/git-ssh-server.ts';
import { TestRepo } from '../../../../test/support/git-fixtures.ts';
import { resolveRef } from './remote-refs.ts';
import { checkout } from './checkout.ts';
import { openAuthSession, type GitAuth } from './auth.ts';
import { startSocksProxy, type SocksProxy } from '../../../../test/support/socks-proxy.ts';
import { startHttpProxy, type HttpProxy } from '../../../../test/support/http-proxy.ts';

void describe('git over SSH with an identity and known_hosts', () => {
  let root: string;
  let server: GitSshServer;
  let client: SshKeyPair;
  let encrypted: SshKeyPair;
  let repo: TestRepo;
  let socks: SocksProxy;
  let connectProxy: HttpProxy;

  before(async () => {
    socks = await startSocksProxy({ username: 'mandalorian', password: 'grogu' });
    connectProxy = await startHttpProxy({ username: 'mandalorian', password: 'grogu' });
    root = await mkdtemp(join(tmpdir(), 'tsflux-ssh-root-'));
    client = generateSshKey('flux');
    encrypted = generateSshKey('flux-encrypted', 'open sesame');
    server = await startGitSshServer({ root, hostKey: generateSshKey('host'), authorizedKeys: [client.publicKey, encrypted.publicKey] });
    repo = TestRepo.create(root, 'app');
    repo.write({ 'k.yaml': 'over ssh' });
    repo.commit('c');
    repo.push('main');
  });
  after(async () => {
    await socks.close();
    await connectProxy.close();
    await server.close();
    repo.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const fetchWith = async (auth: GitAuth) => {
    const url = `${server.url}/app.git`;
    const session = await openAuthSession(url, auth);
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
    try {
      const resolved = await resolveRef(url, { branch: 'main' }, { env: session.env, timeoutMs: 20_000 });
      await checkout({ url, resolved, dir, env: session.env, timeoutMs: 20_000 });
      return { commit: resolved.commit, content: await readFile(join(dir, 'k.yaml'), 'utf8') };
    } finally {
      await session.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  };

  void it('clones with the authorized key and a matching known_hosts', async () => {
    const got = await fetchWith({ identity: client.privateKey, knownHosts: server.knownHosts });
    assert.deepEqual(got, { commit: repo.head(), content: 'over ssh' });
  });

  void it('refuses a server whose host key changed', async () => {
    const other = generateSshKey('impostor');
    const [type, blob] = other.publicKey.split(' ');
    await assert.rejects(fetchWith({ identity: client.privateKey, knownHosts: `[127.0.0.1]:${server.port} ${type} ${blob}` }), /Host key verification failed/);
  });

  void it('is refused with a key the server does not know', async () => {
    await assert.rejects(fetchWith({ identity: generateSshKey('stranger').privateKey, knownHosts: server.knownHosts }), /Permission denied/);
  });

  void it('requires known_hosts for ssh URLs', async () => {
    await assert.rejects(fetchWith({ identity: client.privateKey }), /no known_hosts given/);
  });

  void it('goes through a SOCKS5 or HTTP CONNECT proxySecretRef with its credentials', async () => {
    const auth = { identity: client.privateKey, knownHosts: server.knownHosts };
    const target = `127.0.0.1:${server.port}`;
    const before = socks.targets.length;
    const got = await fetchWith({ ...auth, proxy: { address: socks.url, username: 'mandalorian', password: 'grogu' } });
    assert.deepEqual(got, { commit: repo.head(), content: 'over ssh' });
    assert.deepEqual(new Set(socks.targets.slice(before)), new Set([target]));
    await assert.rejects(fetchWith({ ...auth, proxy: { address: socks.url, username: 'mandalorian', password: 'wrong' } }), /proxy: the proxy refused the username and password/);

    const tunnelled = connectProxy.tunnels.length;
    assert.deepEqual(await fetchWith({ ...auth, proxy: { address: connectProxy.url, username: 'mandalorian', password: 'grogu' } }), got);
    assert.deepEqual(new Set(connectProxy.tunnels.slice(tunnelled)), new Set([target]));
    await assert.rejects(fetchWith({ ...auth, proxy: { address: connectProxy.url, username: 'mandalorian', password: 'wrong' } }), /proxy: the proxy answered 'HTTP\/1.1 407 Proxy Authentication Required'/);
    await assert.rejects(fetchWith({ ...auth, proxy: { address: 'ftp://127.0.0.1:21' } }), /unsupported proxy scheme 'ftp:'/);
  });

  void it('unlocks an encrypted identity with the password from the Secret', async () => {
    const got = await fetchWith({ identity: encrypted.privateKey, password: 'open sesame', knownHosts: server.knownHosts });
    assert.equal(got.commit, repo.head());
    await assert.rejects(fetchWith({ identity: encrypted.privateKey, password: 'wrong', knownHosts: server.knownHosts }), /Permission denied|incorrect passphrase/);
  });
});
