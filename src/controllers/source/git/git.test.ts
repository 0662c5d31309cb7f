import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, access } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHttpServer, type GitHttpServer } from '../../../../test/support/git-http-server.ts';
import { TestRepo } from '../../../../test/support/git-fixtures.ts';
import { resolveRef, RefNotFoundError, InvalidRefError } from './remote-refs.ts';
import { checkout } from './checkout.ts';
import { openAuthSession } from './auth.ts';
import { GitCommandError, runGit } from './exec.ts';
import { createTestPki, type TestPki } from '../../../../test/support/tls.ts';
import { startHttpProxy, type HttpProxy } from '../../../../test/support/http-proxy.ts';
import { startSocksProxy } from '../../../../test/support/socks-proxy.ts';

const exists = (p: string) => access(p).then(() => true, () => false);

void describe('git fetching over smart HTTP', () => {
  let root: string;
  let server: GitHttpServer;
  let repo: TestRepo;
  let url: string;
  let first: string;
  let second: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsflux-git-root-'));
    server = await startGitHttpServer({ root });
    repo = TestRepo.create(root, 'app');
    repo.write({ 'deploy/app.yaml': 'kind: ConfigMap\n' });
    first = repo.commit('first');
    repo.tag('v1.0.0');
    repo.tag('v1.2.0', { message: 'annotated release' });
    repo.write({ 'deploy/app.yaml': 'kind: Secret\n' });
    second = repo.commit('second');
    repo.tag('v1.10.0');
    repo.tag('v2.0.0-rc.1');
    // Not a version for upstream (two parts), though Masterminds would read it as 1.11.0.
    repo.tag('v1.11');
    repo.git('branch', 'master', first);
    repo.push('main', 'master', '--tags');
    url = `${server.url}/app.git`;
  });
  after(async () => {
    await server.close();
    repo.dispose();
    await rm(root, { recursive: true, force: true });
  });

  void it('resolves every ref kind to upstream revision strings', async () => {
    assert.deepEqual(await resolveRef(url, { branch: 'main' }), { revision: `main@sha1:${second}`, commit: second, fetchRef: 'refs/heads/main' });
    assert.equal((await resolveRef(url, undefined)).revision, `master@sha1:${first}`);
    assert.equal((await resolveRef(url, { tag: 'v1.0.0' })).revision, `v1.0.0@sha1:${first}`);
    // An annotated tag resolves to the commit it points at.
    assert.equal((await resolveRef(url, { tag: 'v1.2.0' })).revision, `v1.2.0@sha1:${first}`);
    assert.equal((await resolveRef(url, { semver: '1.x' })).revision, `v1.10.0@sha1:${second}`);
    assert.equal((await resolveRef(url, { semver: '>=1.0.0 <1.5.0' })).revision, `v1.2.0@sha1:${first}`);
    assert.equal((await resolveRef(url, { name: 'refs/heads/main' })).revision, `refs/heads/main@sha1:${second}`);
    assert.equal((await resolveRef(url, { commit: first })).revision, `sha1:${first}`);
    assert.equal((await resolveRef(url, { commit: first, branch: 'main' })).revision, `main@sha1:${first}`);
    // Precedence: commit > name > semver > tag > branch.
    assert.equal((await resolveRef(url, { branch: 'main', tag: 'v1.0.0', semver: '2.x-0' })).revision, `v2.0.0-rc.1@sha1:${second}`);
  });

  void it('reports refs that do not exist and refs that can never be valid', async () => {
    await assert.rejects(resolveRef(url, { branch: 'nope' }), RefNotFoundError);
    await assert.rejects(resolveRef(url, { semver: '>=5' }), /no match found for semver: >=5/);
    await assert.rejects(resolveRef(url, { semver: 'not a range' }), InvalidRefError);
    await assert.rejects(resolveRef(url, { name: 'heads/main' }), InvalidRefError);
    await assert.rejects(resolveRef(url, { commit: 'abc123' }), InvalidRefError);
  });

  void it('checks out each ref kind into a reusable cache directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
    try {
      let co = await checkout({ url, resolved: await resolveRef(url, { branch: 'main' }), dir });
      assert.equal(co.commit, second);
      assert.equal(await readFile(join(dir, 'deploy/app.yaml'), 'utf8'), 'kind: Secret\n');
      co = await checkout({ url, resolved: await resolveRef(url, { tag: 'v1.2.0' }), dir });
      assert.equal(co.commit, first);
      assert.equal(co.revision, `v1.2.0@sha1:${first}`);
      assert.equal(await readFile(join(dir, 'deploy/app.yaml'), 'utf8'), 'kind: ConfigMap\n');
      co = await checkout({ url, resolved: await resolveRef(url, { commit: second }), dir });
      assert.equal(co.revision, `sha1:${second}`);
      assert.equal(await readFile(join(dir, 'deploy/app.yaml'), 'utf8'), 'kind: Secret\n');
      // Another remote gets a fresh cache: nothing of this repository is left in it.
      const other = TestRepo.create(root, 'other');
      other.write({ 'only-here.txt': 'o' });
      other.commit('other');
      other.push('main');
      await checkout({ url: `${server.url}/other.git`, resolved: await resolveRef(`${server.url}/other.git`, { branch: 'main' }), dir });
      assert.equal(await exists(join(dir, 'deploy')), false);
      await assert.rejects(runGit(['cat-file', '-e', second], { cwd: dir }));
      other.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  void it('checks out a commit given with a branch only when the branch history contains it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
    try {
      // A shallow cache first (as left by a branch ref), then an older commit of that branch.
      await checkout({ url, resolved: await resolveRef(url, { branch: 'main' }), dir });
      const co = await checkout({ url, resolved: await resolveRef(url, { commit: first, branch: 'main' }), dir });
      assert.equal(co.revision, `main@sha1:${first}`);
      assert.equal(await readFile(join(dir, 'deploy/app.yaml'), 'utf8'), 'kind: ConfigMap\n');
      // `second` is only on main: master (at `first`) does not contain it, even with its objects in the cache.
      await assert.rejects(
        checkout({ url, resolved: await resolveRef(url, { commit: second, branch: 'master' }), dir }),
        new RegExp(`unable to resolve commit object for '${second}': it is not in the history of branch 'master'`),
      );
      const fresh = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
      await assert.rejects(
        checkout({ url, resolved: await resolveRef(url, { commit: second, branch: 'master' }), dir: fresh }).finally(() => rm(fresh, { recursive: true, force: true })),
        new RegExp(`unable to resolve commit object for '${second}': it was not found in branch 'master'`),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  void it('follows a force-push and a moved tag', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
    const moving = TestRepo.create(root, 'moving');
    try {
      const movingUrl = `${server.url}/moving.git`;
      moving.write({ 'a.txt': 'one' });
      const one = moving.commit('one');
      moving.tag('stable');
      moving.push('main', '--tags');
      assert.equal((await checkout({ url: movingUrl, resolved: await resolveRef(movingUrl, { branch: 'main' }), dir })).commit, one);

      moving.git('checkout', '--quiet', '--orphan', 'rewritten');
      moving.write({ 'a.txt': 'rewritten' });
      const rewritten = moving.commit('history rewritten');
      moving.tag('stable');
      moving.push('rewritten:main', '--tags');
      const branch = await checkout({ url: movingUrl, resolved: await resolveRef(movingUrl, { branch: 'main' }), dir });
      assert.equal(branch.commit, rewritten);
      assert.equal(await readFile(join(dir, 'a.txt'), 'utf8'), 'rewritten');
      const tag = await checkout({ url: movingUrl, resolved: await resolveRef(movingUrl, { tag: 'stable' }), dir });
      assert.equal(tag.revision, `stable@sha1:${rewritten}`);
    } finally {
      moving.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  void it('checks out only the sparse directories when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
    const sparse = TestRepo.create(root, 'sparse');
    try {
      sparse.write({ 'apps/a.yaml': 'a', 'apps/sub/c.yaml': 'c', 'infra/b.yaml': 'b', 'root.txt': 'r', 'lib/x.yaml': 'x', 'lib/y.yaml': 'y' });
      sparse.commit('c');
      sparse.push('main');
      const sparseUrl = `${server.url}/sparse.git`;
      await checkout({ url: sparseUrl, resolved: await resolveRef(sparseUrl, { branch: 'main' }), dir, sparseCheckout: ['apps', 'lib/x'] });
      assert.equal(await exists(join(dir, 'apps/a.yaml')), true);
      assert.equal(await exists(join(dir, 'apps/sub/c.yaml')), true);
      assert.equal(await exists(join(dir, 'lib/x.yaml')), true);
      assert.equal(await exists(join(dir, 'lib/y.yaml')), false);
      assert.equal(await exists(join(dir, 'infra/b.yaml')), false);
      // As upstream (go-git), top-level files outside the directories are left out too.
      assert.equal(await exists(join(dir, 'root.txt')), false);
      await checkout({ url: sparseUrl, resolved: await resolveRef(sparseUrl, { branch: 'main' }), dir });
      assert.equal(await exists(join(dir, 'infra/b.yaml')), true);
    } finally {
      sparse.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  void it('an unchanged remote costs one ls-remote: the revision is known before any clone', async () => {
    const before = server.requests.length;
    await resolveRef(url, { branch: 'main' });
    const made = server.requests.slice(before);
    assert.ok(made.every((r) => r.includes('info/refs') || r.includes('git-upload-pack')), made.join('\n'));
    assert.ok(made.length <= 2, `ls-remote made ${made.length} requests: ${made.join(', ')}`);
  });

  void it('fails with git\'s own error when the server is unreachable', async () => {
    const port = await closedPort();
    await assert.rejects(resolveRef(`http://127.0.0.1:${port}/app.git`, { branch: 'main' }), (err: GitCommandError) => {
      assert.match(err.message, /Failed to connect to 127\.0\.0\.1 port \d+|Connection refused|Could not connect/);
      return true;
    });
  });

  void it('kills a git process that exceeds its timeout', async () => {
    const hanging = createServer(() => {}); // accepts and never answers
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const port = (hanging.address() as { port: number }).port;
    try {
      await assert.rejects(resolveRef(`http://127.0.0.1:${port}/app.git`, { branch: 'main' }, { timeoutMs: 500 }), (err: GitCommandError) => {
        assert.equal(err.timedOut, true);
        assert.match(err.message, /timed out after 500ms/);
        return true;
      });
    } finally {
      hanging.close();
    }
  });

  void it('submodules are checked out recursively when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
    const sub = TestRepo.create(root, 'sub');
    const parent = TestRepo.create(root, 'parent');
    try {
      sub.write({ 'lib.yaml': 'from submodule' });
      sub.commit('sub');
      sub.push('main');
      // Added from the bare path (a synchronous git talking to this process's own server would
      // deadlock), then pointed at the HTTP URL the checkout will use.
      parent.gitWith({}, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', sub.bare, 'vendor/sub');
      parent.git('config', '-f', '.gitmodules', 'submodule.vendor/sub.url', `${server.url}/sub.git`);
      parent.commit('add submodule');
      parent.push('main');
      const parentUrl = `${server.url}/parent.git`;
      await checkout({ url: parentUrl, resolved: await resolveRef(parentUrl, { branch: 'main' }), dir });
      assert.equal(await exists(join(dir, 'vendor/sub/lib.yaml')), false);
      await checkout({ url: parentUrl, resolved: await resolveRef(parentUrl, { branch: 'main' }), dir, recurseSubmodules: true });
      assert.equal(await readFile(join(dir, 'vendor/sub/lib.yaml'), 'utf8'), 'from submodule');
      // Turned off again, the cache must not keep serving the submodule's files.
      await checkout({ url: parentUrl, resolved: await resolveRef(parentUrl, { branch: 'main' }), dir });
      assert.equal(await exists(join(dir, 'vendor/sub/lib.yaml')), false);
    } finally {
      sub.dispose();
      parent.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

void describe('git authentication over HTTP', () => {
  let root: string;
  let basic: GitHttpServer;
  let bearer: GitHttpServer;
  let repo: TestRepo;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsflux-git-auth-'));
    basic = await startGitHttpServer({ root, basicAuth: { username: 'flux', password: 's3cret' } });
    bearer = await startGitHttpServer({ root, bearerToken: 'tok-123' });
    repo = TestRepo.create(root, 'private');
    repo.write({ 'x.yaml': 'x' });
    repo.commit('c');
    repo.push('main');
  });
  after(async () => {
    await basic.close();
    await bearer.close();
    repo.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const withAuth = async (url: string, auth: Parameters<typeof openAuthSession>[1]) => {
    const session = await openAuthSession(url, auth);
    try {
      return await resolveRef(url, { branch: 'main' }, { env: session.env });
    } finally {
      await session.dispose();
    }
  };

  void it('accepts the right password and refuses a wrong one', async () => {
    const url = `${basic.url}/private.git`;
    assert.equal((await withAuth(url, { username: 'flux', password: 's3cret' })).commit, repo.head());
    await assert.rejects(withAuth(url, { username: 'flux', password: 'wrong' }), /Authentication failed|401|could not read Username/);
    await assert.rejects(withAuth(url, {}), /Authentication failed|401|could not read Username/);
  });

  void it('accepts a bearer token and refuses another', async () => {
    const url = `${bearer.url}/private.git`;
    assert.equal((await withAuth(url, { bearerToken: 'tok-123' })).commit, repo.head());
    await assert.rejects(withAuth(url, { bearerToken: 'nope' }), /Authentication failed|401|could not read Username/);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

void describe('git over HTTPS with a private CA, client certificates, and through a proxy', () => {
  let root: string;
  let pki: TestPki;
  let https: GitHttpServer;
  let plain: GitHttpServer;
  let proxy: HttpProxy;
  let repo: TestRepo;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsflux-git-tls-'));
    pki = createTestPki();
    https = await startGitHttpServer({ root, tls: { cert: pki.serverCert, key: pki.serverKey, clientCa: pki.caCert } });
    plain = await startGitHttpServer({ root });
    proxy = await startHttpProxy({ username: 'proxy-user', password: 'proxy-pass' });
    repo = TestRepo.create(root, 'secure');
    repo.write({ 'x.yaml': 'x' });
    repo.commit('c');
    repo.push('main');
  });
  after(async () => {
    await https.close();
    await plain.close();
    await proxy.close();
    repo.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const resolveWith = async (url: string, auth: Parameters<typeof openAuthSession>[1]) => {
    const session = await openAuthSession(url, auth);
    try {
      return await resolveRef(url, { branch: 'main' }, { env: session.env, timeoutMs: 20_000 });
    } finally {
      await session.dispose();
    }
  };

  void it('trusts the server through ca.crt and presents tls.crt/tls.key', async () => {
    const url = `${https.url}/secure.git`;
    const got = await resolveWith(url, { caFile: pki.caCert, certFile: pki.clientCert, keyFile: pki.clientKey });
    assert.equal(got.commit, repo.head());
  });

  void it('refuses a server certificate from an unknown CA, and the server refuses a missing client certificate', async () => {
    const url = `${https.url}/secure.git`;
    await assert.rejects(resolveWith(url, { certFile: pki.clientCert, keyFile: pki.clientKey }), /SSL certificate problem|certificate verif(y|ication) failed/i);
    await assert.rejects(resolveWith(url, { caFile: pki.caCert }), GitCommandError);
  });

  void it('goes through the proxy from proxySecretRef, with its credentials', async () => {
    const url = `${plain.url}/secure.git`;
    const before = proxy.forwarded.length;
    const got = await resolveWith(url, { proxy: { address: proxy.url, username: 'proxy-user', password: 'proxy-pass' } });
    assert.equal(got.commit, repo.head());
    assert.ok(proxy.forwarded.slice(before).some((u) => u.startsWith(`${plain.url}/secure.git/info/refs`)), proxy.forwarded.join('\n'));
    await assert.rejects(resolveWith(url, { proxy: { address: proxy.url, username: 'proxy-user', password: 'wrong' } }), /407|Proxy/i);
  });

  void it('goes through a SOCKS5 proxy from proxySecretRef for an HTTP URL', async () => {
    const socks = await startSocksProxy({ username: 'u', password: 'p' });
    try {
      const got = await resolveWith(`${plain.url}/secure.git`, { proxy: { address: socks.url, username: 'u', password: 'p' } });
      assert.equal(got.commit, repo.head());
      assert.ok(socks.targets.includes(new URL(plain.url).host), socks.targets.join(', '));
      await assert.rejects(resolveWith(`${plain.url}/secure.git`, { proxy: { address: socks.url, username: 'u', password: 'wrong' } }), GitCommandError);
    } finally {
      await socks.close();
    }
  });

  void it("honours the controller's proxy environment, which proxySecretRef overrides (no_proxy included)", async () => {
    const url = `${plain.url}/secure.git`;
    const fromEnv = await startHttpProxy();
    const saved = { http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
    process.env.http_proxy = fromEnv.url;
    try {
      assert.equal((await resolveWith(url, {})).commit, repo.head());
      const throughEnv = fromEnv.forwarded.length;
      assert.ok(throughEnv > 0);
      process.env.no_proxy = '127.0.0.1';
      const viaSecret = proxy.forwarded.length;
      assert.equal((await resolveWith(url, { proxy: { address: proxy.url, username: 'proxy-user', password: 'proxy-pass' } })).commit, repo.head());
      assert.ok(proxy.forwarded.length > viaSecret);
      assert.equal(fromEnv.forwarded.length, throughEnv);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await fromEnv.close();
    }
  });
});
