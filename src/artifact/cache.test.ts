import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { ArtifactCache } from './cache.ts';

async function tarball(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, mode: 0o600 }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

void describe('artifact cache keyed by digest', () => {
  let server: Server;
  let base: string;
  let root: string;
  const served = new Map<string, Buffer>();
  const hits: string[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsflux-cache-test-'));
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      const body = served.get(req.url ?? '');
      if (!body) return void res.writeHead(404).end();
      if (req.url === '/flaky' && hits.filter((h) => h === '/flaky').length === 1) return void res.writeHead(503).end();
      res.writeHead(200, { 'Content-Length': body.length }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await rm(root, { recursive: true, force: true });
  });

  const publish = async (path: string, files: Record<string, string>) => {
    const body = await tarball(files);
    served.set(path, body);
    return { url: `${base}${path}`, digest: `sha256:${createHash('sha256').update(body).digest('hex')}` };
  };

  void it('downloads and extracts a digest once, however many callers ask at the same time', async () => {
    const artifact = await publish('/a.tar.gz', { 'app.yaml': 'a' });
    const cache = new ArtifactCache({ dir: join(root, 'once') });
    const dirs = await Promise.all([cache.obtain(artifact), cache.obtain(artifact), cache.obtain(artifact)]);
    assert.equal(new Set(dirs).size, 1);
    assert.equal(await cache.obtain(artifact), dirs[0]);
    assert.equal(hits.filter((h) => h === '/a.tar.gz').length, 1);
    assert.equal(await readFile(join(dirs[0]!, 'app.yaml'), 'utf8'), 'a');
  });

  void it('gives each caller of extractTo its own writable copy', async () => {
    const artifact = await publish('/b.tar.gz', { 'k.yaml': 'b' });
    const cache = new ArtifactCache({ dir: join(root, 'copies') });
    const mine = join(root, 'mine');
    await cache.extractTo(artifact, mine);
    await writeFile(join(mine, 'k.yaml'), 'changed');
    assert.equal(await readFile(join(await cache.obtain(artifact), 'k.yaml'), 'utf8'), 'b');
  });

  void it('rejects a digest mismatch and keeps nothing of it', async () => {
    const artifact = await publish('/c.tar.gz', { 'x.yaml': 'c' });
    const dir = join(root, 'mismatch');
    const cache = new ArtifactCache({ dir });
    await assert.rejects(cache.obtain({ ...artifact, digest: `sha256:${'1'.repeat(64)}` }), /does not match/);
    assert.deepEqual(await readdir(dir), []);
  });

  void it('retries a server error, and prunes the least recently used entries', async () => {
    const flaky = await publish('/flaky', { 'f.yaml': 'f' });
    const cache = new ArtifactCache({ dir: join(root, 'prune'), maxEntries: 1 });
    await cache.obtain(flaky);
    const other = await publish('/d.tar.gz', { 'd.yaml': 'd' });
    await new Promise((r) => setTimeout(r, 20));
    await cache.obtain(other);
    await cache.prune();
    assert.deepEqual(await readdir(join(root, 'prune')), [`sha256-${other.digest.slice('sha256:'.length)}`]);
  });
});
