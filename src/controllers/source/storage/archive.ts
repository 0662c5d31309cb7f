// Builds the artifact tarball of a directory so that the same tree always yields the same bytes (and
// so the same digest): entries in byte order, no owner, zero times, modes reduced to upstream's three
// (dir 0750, file 0600, executable 0700). Symlinks and special files are left out, as upstream does.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { IgnoreMatcher } from './source-ignore.ts';

export interface ArchiveResult {
  /** `sha256:<hex>` of the exact bytes written. */
  digest: string;
  size: number;
}

const DIR_MODE = 0o750;
const FILE_MODE = 0o600;
const EXEC_MODE = 0o700;
const EPOCH = new Date(0);

/** Archives `dir` (minus what `matcher` ignores) into `destination`, atomically. */
export async function archiveDirectory(dir: string, destination: string, matcher?: IgnoreMatcher): Promise<ArchiveResult> {
  await mkdir(dirname(destination), { recursive: true });
  const temporary = `${destination}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const pack = tar.pack();
  const writing = pipeline(pack, createGzip(), measure, createWriteStream(temporary, { mode: 0o600 }));
  try {
    await addTree(pack, dir, '', matcher);
    pack.finalize();
    await writing;
    await rename(temporary, destination);
  } catch (err) {
    pack.destroy();
    await writing.catch(() => {});
    await rm(temporary, { force: true });
    throw new Error(`archiving '${dir}' to '${destination}': ${(err as Error).message}`, { cause: err });
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

async function addTree(pack: tar.Pack, root: string, rel: string, matcher: IgnoreMatcher | undefined): Promise<void> {
  const names = (await readdir(rel === '' ? root : join(root, rel))).sort(byteOrder);
  for (const name of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const full = join(root, path);
    const info = await lstat(full);
    if (!info.isDirectory() && !info.isFile()) continue;
    if (matcher?.isIgnored(path, info.isDirectory())) continue;
    const header = { name: path, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH };
    if (info.isDirectory()) {
      await addEntry(pack, { ...header, type: 'directory', mode: DIR_MODE });
      await addTree(pack, root, path, matcher);
    } else {
      const mode = (info.mode & 0o111) !== 0 ? EXEC_MODE : FILE_MODE;
      await addEntry(pack, { ...header, type: 'file', mode, size: info.size }, full);
    }
  }
}

function addEntry(pack: tar.Pack, header: Parameters<tar.Pack['entry']>[0], file?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error | null) => (err ? reject(err) : resolve());
    if (file) createReadStream(file).on('error', reject).pipe(pack.entry(header, done));
    else pack.entry(header, Buffer.alloc(0), done);
  });
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
