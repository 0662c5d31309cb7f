import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readlink, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { extractTarGz, UnsafeArchiveError } from './extract.ts';

type Entry = { name: string; type?: tar.Header['type']; content?: string; linkname?: string };
type TarHeader = Parameters<tar.Pack['entry']>[0];

async function tarball(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const header: TarHeader = { name: e.name, type: e.type ?? 'file', mode: 0o644, linkname: e.linkname };
    if (header.type === 'file') pack.entry(header, e.content ?? '');
    else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

const extractInto = async (entries: Entry[], maxSize?: number) => {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-extract-'));
  await extractTarGz(Readable.from(await tarball(entries)), join(dir, 'out'), { maxSize });
  return join(dir, 'out');
};

void describe('safe artifact extraction', () => {
  void it('extracts files, directories and symlinks that stay inside', async () => {
    const out = await extractInto([
      { name: 'deploy', type: 'directory' },
      { name: 'deploy/app.yaml', content: 'kind: ConfigMap' },
      { name: 'deploy/link.yaml', type: 'symlink', linkname: 'app.yaml' },
    ]);
    assert.equal(await readFile(join(out, 'deploy/app.yaml'), 'utf8'), 'kind: ConfigMap');
    assert.equal(await readlink(join(out, 'deploy/link.yaml')), 'app.yaml');
  });

  const refused: [string, Entry[], RegExp][] = [
    ['a path with ../', [{ name: '../evil.txt', content: 'x' }], /contains '\.\.'/],
    ['a nested ../', [{ name: 'a/../../evil.txt', content: 'x' }], /contains '\.\.'/],
    ['an absolute path', [{ name: '/tmp/evil.txt', content: 'x' }], /absolute path/],
    ['a symlink leaving the tree', [{ name: 'escape', type: 'symlink', linkname: '../../etc' }], /points outside/],
    ['an absolute symlink', [{ name: 'escape', type: 'symlink', linkname: '/etc/passwd' }], /points outside/],
    ['a hard link', [{ name: 'a.txt', content: 'x' }, { name: 'b.txt', type: 'link', linkname: 'a.txt' }], /type 'link'/],
    ['a device file', [{ name: 'dev', type: 'character-device' }], /type 'character-device'/],
  ];
  for (const [what, entries, message] of refused) {
    void it(`refuses ${what}`, async () => {
      await assert.rejects(extractInto(entries), (err: Error) => err instanceof UnsafeArchiveError && message.test(err.message));
    });
  }

  void it('refuses to write through a symlink planted by an earlier entry', async () => {
    await assert.rejects(
      extractInto([
        { name: 'dir', type: 'directory' },
        { name: 'dir/link', type: 'symlink', linkname: '.' },
        { name: 'dir/link', content: 'overwrite' },
      ]),
      UnsafeArchiveError,
    );
  });

  void it('stops at the size limit', async () => {
    await assert.rejects(extractInto([{ name: 'a', content: 'x'.repeat(600) }, { name: 'b', content: 'y'.repeat(600) }], 1000), /maximum extracted size of 1000 bytes/);
  });

  void it('leaves nothing outside the destination after a refusal', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'tsflux-extract-'));
    await assert.rejects(extractTarGz(Readable.from(await tarball([{ name: '../outside.txt', content: 'x' }])), join(parent, 'out')));
    assert.deepEqual(await readdir(parent), ['out']);
  });
});
