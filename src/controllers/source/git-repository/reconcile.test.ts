// The GitRepository reconciliation against real git servers, a real artifact store and file server.
// Secrets and other GitRepositories come from plain maps here; test/e2e covers the same paths through
// the real API server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, access, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitRepository } from '../../../api/source/git-repository.ts';
import { ArtifactCache } from '../../../artifact/index.ts';
import { startGitHttpServer, type GitHttpServer } from '../../../../test/support/git-http-server.ts';
import { TestRepo, generateGpgKey, type GpgKey } from '../../../../test/support/git-fixtures.ts';
import { ArtifactStorage } from '../storage/storage.ts';
import { startFileServer, type FileServer } from '../storage/file-server.ts';
import { reconcileGitRepository, type GitRepositoryEnvironment } from './reconcile.ts';

const exists = (p: string) => access(p).then(() => true, () => false);
const condition = (obj: GitRepository, type: string) => obj.status?.conditions?.find((c) => c.type === type);

void describe('GitRepository reconciliation', () => {
  let root: string;
  let git: GitHttpServer;
  let files: FileServer;
  let env: GitRepositoryEnvironment;
  let events: { type: string; reason: string; message: string }[];
  let secrets: Map<string, Record<string, string>>;
  let repos: Map<string, GitRepository>;
  let app: TestRepo;
  let key: GpgKey;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsflux-gitrepo-'));
    git = await startGitHttpServer({ root: join(root, 'git'), basicAuth: { username: 'flux', password: 'pw' } });
    const storagePath = await mkdtemp(join(root, 'storage-'));
    files = await startFileServer(storagePath, '127.0.0.1:0');
    events = [];
    secrets = new Map([['default/auth', { username: 'flux', password: 'pw' }]]);
    repos = new Map();
    key = generateGpgKey('Release Bot');
    app = TestRepo.create(join(root, 'git'), 'app');
    app.write({ 'deploy/app.yaml': 'v1\n', 'logo.png': 'img', 'tests/t.yaml': 't' });
    app.commit('first release', key);
    app.push('main');
    env = {
      storage: new ArtifactStorage({ basePath: storagePath, advertisedAddress: files.address }),
      gitCacheRoot: await mkdtemp(join(root, 'cache-')),
      artifacts: new ArtifactCache({ dir: await mkdtemp(join(root, 'artifacts-')) }),
      getSecret: async (ns, name) => {
        const s = secrets.get(`${ns}/${name}`);
        if (!s) throw new Error(`secrets "${name}" not found`);
        return s;
      },
      getGitRepository: async (ns, name) => repos.get(`${ns}/${name}`),
      event: (_obj, type, reason, message) => void events.push({ type, reason, message }),
    };
  });
  after(async () => {
    await git.close();
    await files.close();
    app.dispose();
    await rm(root, { recursive: true, force: true });
    await rm(key.home, { recursive: true, force: true });
  });

  const gitRepository = (name: string, spec: Partial<GitRepository['spec']>, generation = 1): GitRepository => ({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name, namespace: 'default', generation },
    spec: { url: `${git.url}/app.git`, interval: '1m', secretRef: { name: 'auth' }, ref: { branch: 'main' }, ...spec },
  });

  void it('stores a digest-checked artifact, reports Ready and emits an event for the new revision', async () => {
    const e = env;
    events.length = 0;
    const out = await reconcileGitRepository(gitRepository('app', {}), e);
    assert.equal(out.error, undefined);
    const artifact = out.object.status!.artifact!;
    assert.equal(artifact.revision, `main@sha1:${app.head()}`);
    assert.equal(artifact.path, `gitrepository/default/app/${app.head()}.tar.gz`);
    const served = Buffer.from(await (await fetch(artifact.url)).arrayBuffer());
    assert.equal(artifact.digest, `sha256:${createHash('sha256').update(served).digest('hex')}`);
    assert.deepEqual(
      out.object.status!.conditions!.map((c) => [c.type, c.status, c.reason]),
      [['Ready', 'True', 'Succeeded'], ['ArtifactInStorage', 'True', 'Succeeded']],
    );
    assert.equal(condition(out.object, 'Ready')!.message, `stored artifact for revision '${artifact.revision}'`);
    assert.equal(out.object.status!.observedGeneration, 1);
    assert.equal(out.requeueAfterMs, 60_000);
    assert.deepEqual(events, [{ type: 'Normal', reason: 'NewArtifact', message: `stored artifact for commit 'first release'` }]);
    const content = await e.artifacts.obtain(artifact);
    assert.equal(await exists(join(content, 'logo.png')), false, 'default exclusions apply');
    repos.set('default/app', out.object);
  });

  void it('an unchanged remote costs one ls-remote: no fetch, no new artifact, no event', async () => {
    const e = env;
    events.length = 0;
    const previous = repos.get('default/app')!;
    const before = git.requests.length;
    const out = await reconcileGitRepository(previous, e);
    assert.deepEqual(out.object.status!.artifact, previous.status!.artifact);
    const uploads = git.requests.slice(before).filter((r) => r.startsWith('POST'));
    assert.equal(uploads.length, 1, `expected only the ls-refs exchange, saw ${git.requests.slice(before).join(', ')}`);
    assert.deepEqual(events, []);
  });

  void it('points status.artifact.url at the current advertised address', async () => {
    const previous = repos.get('default/app')!;
    const moved = { ...env, storage: new ArtifactStorage({ basePath: env.storage.options.basePath, advertisedAddress: 'source-controller.flux-system.svc.cluster.local.' }) };
    const out = await reconcileGitRepository(previous, moved);
    assert.equal(out.object.status!.artifact!.url, `http://source-controller.flux-system.svc.cluster.local./${previous.status!.artifact!.path}`);
    assert.equal(out.object.status!.artifact!.digest, previous.status!.artifact!.digest);
  });

  void it('spec.ignore changes the artifact without a new revision', async () => {
    const e = env;
    const previous = repos.get('default/app')!;
    const out = await reconcileGitRepository({ ...previous, metadata: { ...previous.metadata, generation: 2 }, spec: { ...previous.spec, ignore: 'tests/\n' } }, e);
    const content = await e.artifacts.obtain(out.object.status!.artifact!);
    assert.equal(await exists(join(content, 'tests/t.yaml')), false);
    assert.equal(await exists(join(content, 'logo.png')), true, 'spec.ignore replaces the default exclusions');
    assert.equal(out.object.status!.observedIgnore, 'tests/\n');
    assert.notEqual(out.object.status!.artifact!.digest, previous.status!.artifact!.digest);
  });

  void it('follows a new commit, and keeps serving the last artifact when the server is unreachable', async () => {
    const progress: string[] = [];
    const e = { ...env, progress: async (o: GitRepository) => void progress.push(condition(o, 'ArtifactOutdated')?.message ?? '') };
    app.write({ 'deploy/app.yaml': 'v2\n' });
    // The event quotes the first line, not git's subject (the whole first paragraph).
    app.commit('second release\ncontinued on a second line\n\nbody');
    app.push('main');
    const good = await reconcileGitRepository(repos.get('default/app')!, e);
    assert.deepEqual(events.at(-1), { type: 'Normal', reason: 'NewArtifact', message: `stored artifact for commit 'second release'` });
    assert.deepEqual(progress, [`new upstream revision 'main@sha1:${app.head()}'`]);
    assert.equal(condition(good.object, 'ArtifactOutdated'), undefined);
    assert.equal(good.object.status!.artifact!.revision, `main@sha1:${app.head()}`);

    const down = { ...good.object, spec: { ...good.object.spec, url: 'http://127.0.0.1:1/app.git' } };
    const failed = await reconcileGitRepository(down, e);
    assert.ok(failed.error);
    assert.deepEqual(failed.object.status!.artifact, good.object.status!.artifact);
    const ready = condition(failed.object, 'Ready')!;
    assert.equal(ready.status, 'False');
    assert.equal(ready.reason, 'GitOperationFailed');
    assert.match(ready.message, /^failed to checkout and determine revision: .*(Failed to connect|Connection refused|Could not connect)/);
    assert.equal(condition(failed.object, 'FetchFailed')?.status, 'True');
    const served = Buffer.from(await (await fetch(good.object.status!.artifact!.url)).arrayBuffer());
    assert.equal(good.object.status!.artifact!.digest, `sha256:${createHash('sha256').update(served).digest('hex')}`);
  });

  void it('reports a missing or wrong secret as AuthenticationFailed / GitOperationFailed', async () => {
    const e = env;
    const missing = await reconcileGitRepository(gitRepository('nosecret', { secretRef: { name: 'absent' } }), e);
    assert.equal(condition(missing.object, 'Ready')!.reason, 'AuthenticationFailed');
    assert.match(condition(missing.object, 'FetchFailed')!.message, /failed to get secret 'default\/absent'/);
    secrets.set('default/wrong', { username: 'flux', password: 'nope' });
    const wrong = await reconcileGitRepository(gitRepository('wrong', { secretRef: { name: 'wrong' } }), e);
    assert.equal(condition(wrong.object, 'Ready')!.reason, 'GitOperationFailed');
    assert.match(condition(wrong.object, 'Ready')!.message, /Authentication failed|401/);
  });

  void it('retries a ref that cannot resolve, even a malformed one, as upstream (git errors never stall)', async () => {
    const out = await reconcileGitRepository(gitRepository('badsemver', { ref: { semver: 'not-a-range' } }), env);
    assert.equal(out.stalled, false);
    assert.equal(out.error?.reason, 'GitOperationFailed');
    assert.match(condition(out.object, 'Ready')!.message, /^failed to checkout and determine revision: semver parse error: /);
    assert.equal(condition(out.object, 'Reconciling')?.reason, 'ProgressingWithRetry');
    assert.equal(condition(out.object, 'Stalled'), undefined);
  });

  void it('stalls on a URL that can never work: unparsable, or with a transport other than http, https and ssh', async () => {
    for (const url of ['not a url', 'file:///srv/git/app.git']) {
      const out = await reconcileGitRepository(gitRepository('badurl', { url }), env);
      assert.equal(out.stalled, true, url);
      assert.equal(condition(out.object, 'Stalled')?.reason, 'URLInvalid', url);
      assert.equal(condition(out.object, 'FetchFailed')?.reason, 'URLInvalid', url);
      assert.equal(out.object.status!.observedGeneration, 1, url);
    }
  });

  void it('verifies signed commits and rejects unsigned ones', async () => {
    const e = env;
    secrets.set('default/keys', { 'release.asc': key.publicKey });
    const head = app.head(); // "second release" is unsigned
    const unsigned = await reconcileGitRepository(gitRepository('verified', { verify: { mode: 'HEAD', secretRef: { name: 'keys' } } }), e);
    assert.equal(condition(unsigned.object, 'SourceVerified')?.status, 'False');
    assert.equal(condition(unsigned.object, 'Ready')?.reason, 'VerificationError');
    assert.match(condition(unsigned.object, 'Ready')!.message, new RegExp(`commit '${head}': the commit is not signed`));
    assert.equal(unsigned.object.status!.artifact, undefined);
    app.write({ 'deploy/app.yaml': 'v3\n' });
    app.commit('signed release', key);
    app.push('main');
    const signed = await reconcileGitRepository(unsigned.object, e);
    assert.equal(signed.error, undefined);
    assert.equal(condition(signed.object, 'SourceVerified')?.status, 'True');
    assert.equal(signed.object.status!.sourceVerificationMode, 'HEAD');
  });

  void it('includes another GitRepository artifact under toPath, and reports an include without artifact', async () => {
    const e = env;
    const lib = TestRepo.create(join(root, 'git'), 'lib');
    lib.write({ 'base/lib.yaml': 'lib' });
    lib.commit('lib');
    lib.push('main');
    const libRepo = await reconcileGitRepository(gitRepository('lib', { url: `${git.url}/lib.git` }), e);
    const withInclude = gitRepository('withinclude', { include: [{ repository: { name: 'lib' }, fromPath: 'base', toPath: 'vendor/lib' }] });
    const unavailable = await reconcileGitRepository(withInclude, e);
    assert.equal(condition(unavailable.object, 'IncludeUnavailable')?.reason, 'NotFound');
    repos.set('default/lib', libRepo.object);
    const out = await reconcileGitRepository(withInclude, e);
    assert.equal(out.error, undefined);
    const content = await e.artifacts.obtain(out.object.status!.artifact!);
    assert.equal(await readFile(join(content, 'vendor/lib/lib.yaml'), 'utf8'), 'lib');
    assert.equal(out.object.status!.includedArtifacts?.[0]?.digest, libRepo.object.status!.artifact!.digest);
    assert.equal(condition(out.object, 'IncludeUnavailable'), undefined);
    // Without fromPath and toPath: the whole artifact, under the included repository's name.
    const whole = await reconcileGitRepository(gitRepository('whole', { include: [{ repository: { name: 'lib' } }] }), e);
    assert.equal(await readFile(join(await e.artifacts.obtain(whole.object.status!.artifact!), 'lib/base/lib.yaml'), 'utf8'), 'lib');
    lib.dispose();
  });

  void it('reports a storage failure as StorageOperationFailed (ArchiveOperationFailed), then recovers', async () => {
    const first = await reconcileGitRepository(gitRepository('blocked', {}), env);
    const artifact = first.object.status!.artifact!;
    app.write({ 'deploy/app.yaml': 'v-blocked\n' });
    // Longer than 50 characters, one of them not ASCII: upstream cuts after 50 code points.
    app.commit('blocked release — with a first line longer than fifty characters');
    app.push('main');
    // A file where the object's storage directory should be: nothing can be archived there.
    const objectDir = env.storage.localPath(artifact.path).replace(/\/[^/]+$/, '');
    await rm(objectDir, { recursive: true, force: true });
    await mkdir(join(objectDir, '..'), { recursive: true });
    await writeFile(objectDir, 'in the way');
    const failed = await reconcileGitRepository(first.object, env);
    assert.equal(failed.error?.reason, 'ArchiveOperationFailed');
    assert.equal(condition(failed.object, 'StorageOperationFailed')?.reason, 'ArchiveOperationFailed');
    assert.equal(condition(failed.object, 'Ready')?.status, 'False');
    assert.match(condition(failed.object, 'Ready')!.message, /^unable to archive artifact to storage: /);
    await rm(objectDir);
    const recovered = await reconcileGitRepository(failed.object, env);
    assert.equal(recovered.error, undefined);
    assert.equal(recovered.object.status!.artifact!.revision, `main@sha1:${app.head()}`);
    assert.equal(condition(recovered.object, 'StorageOperationFailed'), undefined);
    assert.deepEqual(events.at(-1), { type: 'Normal', reason: 'NewArtifact', message: `stored artifact for commit 'blocked release — with a first line longer than fi...'` });
  });

  void it('rebuilds when the artifact vanished from storage', async () => {
    const e = env;
    const current = repos.get('default/lib')!;
    await rm(e.storage.localPath(current.status!.artifact!.path));
    const out = await reconcileGitRepository(current, e);
    assert.equal(out.error, undefined);
    assert.equal(await e.storage.exists(out.object.status!.artifact!), true);
  });
});
