import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { ArtifactStorage } from './storage.ts';
import { archiveDirectory } from './archive.ts';
import { loadIgnoreMatcher } from './source-ignore.ts';
import { startFileServer, type FileServer } from './file-server.ts';
import { ArtifactCache } from '../../../artifact/index.ts';

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-tree-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

async function listTarball(file: string): Promise<{ name: string; mode: number; uid: number; uname: string; mtime: number; type: string }[]> {
  const extract = tar.extract();
  const entries: { name: string; mode: number; uid: number; uname: string; mtime: number; type: string }[] = [];
  Readable.from(await readFile(file)).pipe(createGunzip()).pipe(extract);
  for await (const e of extract) {
    entries.push({ name: e.header.name, mode: e.header.mode!, uid: e.header.uid!, uname: e.header.uname ?? '', mtime: e.header.mtime!.getTime(), type: e.header.type! });
    e.resume();
  }
  return entries;
}

const names = async (dir: string, specIgnore?: string) => {
  const out = join(await mkdtemp(join(tmpdir(), 'tsflux-out-')), 'a.tar.gz');
  await archiveDirectory(dir, out, await loadIgnoreMatcher(dir, specIgnore));
  return (await listTarball(out)).filter((e) => e.type === 'file').map((e) => e.name);
};

void describe('artifact tarballs', () => {
  void it('are byte-identical for the same tree whatever the times, owners and order of creation', async () => {
    const a = await tree({ 'b.yaml': 'b', 'a/x.yaml': 'x', 'run.sh': '#!/bin/sh' });
    const b = await tree({ 'run.sh': '#!/bin/sh', 'a/x.yaml': 'x', 'b.yaml': 'b' });
    await chmod(join(a, 'run.sh'), 0o755);
    await chmod(join(b, 'run.sh'), 0o775);
    await chmod(join(b, 'b.yaml'), 0o664);
    await utimes(join(b, 'b.yaml'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const out = await mkdtemp(join(tmpdir(), 'tsflux-out-'));
    const ra = await archiveDirectory(a, join(out, 'a.tar.gz'));
    const rb = await archiveDirectory(b, join(out, 'b.tar.gz'));
    assert.equal(ra.digest, rb.digest);
    assert.equal(ra.digest, `sha256:${createHash('sha256').update(await readFile(join(out, 'a.tar.gz'))).digest('hex')}`);
    assert.equal(ra.size, (await readFile(join(out, 'a.tar.gz'))).length);
    const entries = await listTarball(join(out, 'a.tar.gz'));
    assert.deepEqual(entries.map((e) => [e.name.replace(/\/$/, ''), e.mode.toString(8)]), [['a', '750'], ['a/x.yaml', '600'], ['b.yaml', '600'], ['run.sh', '700']]);
    assert.ok(entries.every((e) => e.uid === 0 && e.uname === '' && e.mtime === 0));
  });

  void it('leave symlinks out, as upstream does', async () => {
    const dir = await tree({ 'real.yaml': 'r' });
    await symlink('/etc/passwd', join(dir, 'escape'));
    await symlink('real.yaml', join(dir, 'inner'));
    assert.deepEqual(await names(dir), ['real.yaml']);
  });
});

void describe('ignore rules', () => {
  void it('apply upstream default exclusions when the repository has no rules', async () => {
    const dir = await tree({
      '.git/config': 'x', 'vendor/sub/.git': 'gitdir: ../../.git/modules/sub', '.gitignore': 'x', '.gitmodules': 'x', 'img/logo.png': 'x', 'bundle.tar.gz': 'x', '.github/workflows/ci.yaml': 'x',
      '.travis.yml': 'x', 'sub/.sops.yaml': 'x', 'deploy/app.yaml': 'kept', 'README.md': 'kept',
    });
    assert.deepEqual(await names(dir), ['README.md', 'deploy/app.yaml']);
  });

  void it('use nested .sourceignore files scoped to their directory, which replace the non-VCS defaults', async () => {
    const dir = await tree({
      '.sourceignore': '# comment\n*.md\n',
      'apps/.sourceignore': 'secret.yaml\n/local.yaml\n',
      'apps/secret.yaml': 'x', 'apps/local.yaml': 'x', 'apps/sub/local.yaml': 'kept', 'secret.yaml': 'kept',
      'README.md': 'x', 'logo.png': 'kept now', '.git/HEAD': 'x',
    });
    assert.deepEqual(await names(dir), ['.sourceignore', 'apps/.sourceignore', 'apps/sub/local.yaml', 'logo.png', 'secret.yaml']);
  });

  void it('spec.ignore comes last and can re-include what .sourceignore excluded', async () => {
    const dir = await tree({ '.sourceignore': '*.yaml\n', 'a.yaml': 'a', 'b.yaml': 'b', 'c.txt': 'c' });
    assert.deepEqual(await names(dir, '!a.yaml\n/c.txt\n'), ['.sourceignore', 'a.yaml']);
  });

  void it('an ignored directory is excluded entirely', async () => {
    const dir = await tree({ 'tests/a.yaml': 'a', 'tests/deep/b.yaml': 'b', 'keep.yaml': 'k' });
    assert.deepEqual(await names(dir, 'tests/\n'), ['keep.yaml']);
  });
});

void describe('artifact storage, file server and consumer library', () => {
  let base: string;
  let server: FileServer;
  let storage: ArtifactStorage;
  const repo = { kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' };

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'tsflux-storage-'));
    server = await startFileServer(base, '127.0.0.1:0');
    storage = new ArtifactStorage({ basePath: base, advertisedAddress: server.address, retentionRecords: 2, retentionTtlMs: 60_000 });
  });
  after(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  void it('stores at <kind>/<ns>/<name>/<file> and serves exactly the bytes the digest names', async () => {
    const dir = await tree({ 'deploy/app.yaml': 'kind: ConfigMap\n' });
    const artifact = await storage.archive(repo, 'abc.tar.gz', 'main@sha1:abc', dir, await loadIgnoreMatcher(dir));
    assert.equal(artifact.path, 'gitrepository/flux-system/podinfo/abc.tar.gz');
    assert.equal(artifact.url, `http://${server.address}/gitrepository/flux-system/podinfo/abc.tar.gz`);
    const served = Buffer.from(await (await fetch(artifact.url)).arrayBuffer());
    assert.equal(`sha256:${createHash('sha256').update(served).digest('hex')}`, artifact.digest);
    assert.equal(served.length, artifact.size);
    assert.equal((await fetch(`http://${server.address}/gitrepository/../../etc/passwd`)).status, 404);
    assert.equal((await fetch(`http://${server.address}/gitrepository/flux-system/`)).status, 404);
    assert.equal((await fetch(`http://${server.address}/%E0%A4%A`)).status, 404, 'a malformed escape is a 404, not a crash');

    const cacheDir = await mkdtemp(join(tmpdir(), 'tsflux-cache-'));
    const cache = new ArtifactCache({ dir: cacheDir });
    const content = await cache.obtain(artifact);
    assert.equal(await readFile(join(content, 'deploy/app.yaml'), 'utf8'), 'kind: ConfigMap\n');
    await assert.rejects(new ArtifactCache({ dir: cacheDir + '-2' }).obtain({ ...artifact, digest: `sha256:${'0'.repeat(64)}` }), /does not match/);
  });

  void it('garbage-collects beyond the retention records and after the TTL, never the current artifact', async () => {
    const dir = await tree({ 'a.yaml': 'a' });
    const now = Date.now();
    const made = [];
    for (const [i, rev] of ['r1', 'r2', 'r3', 'r4'].entries()) {
      const a = await storage.archive({ ...repo, name: 'gc' }, `${rev}.tar.gz`, rev, dir);
      const t = new Date(now - (4 - i) * 1000);
      await utimes(storage.localPath(a.path), t, t);
      made.push(a);
    }
    const removed = await storage.garbageCollect({ ...repo, name: 'gc' }, made[3]!, now);
    assert.deepEqual(removed.sort(), [made[0]!.path, made[1]!.path]);
    // After the TTL only the current one remains, even when it is the oldest file.
    assert.deepEqual(await storage.garbageCollect({ ...repo, name: 'gc' }, made[2]!, now + 120_000), [made[3]!.path]);
    assert.deepEqual(await readdir(storage.localPath('gitrepository/flux-system/gc')), ['r3.tar.gz']);
  });
});
