// Extracts an artifact tarball (tar.gz) into a directory, refusing anything that could write outside
// it: absolute names, `..` components, hard links, device files, symlinks pointing outside the tree,
// and writes through a symlink. A size limit bounds the uncompressed content (a gzip bomb stops early).
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, realpath, symlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

export interface ExtractOptions {
  /** Maximum total size of the extracted files in bytes (default 100 MiB, as Flux's untar). */
  maxSize?: number;
}

export const DEFAULT_MAX_EXTRACT_SIZE = 100 * 1024 * 1024;

export class UnsafeArchiveError extends Error {}

/** Extracts the gzip-compressed tar read from `source` into `destination` (created if missing). */
export async function extractTarGz(source: Readable, destination: string, options: ExtractOptions = {}): Promise<void> {
  const maxSize = options.maxSize ?? DEFAULT_MAX_EXTRACT_SIZE;
  await mkdir(destination, { recursive: true });
  const root = await realpath(destination);
  const extract = tar.extract();
  let total = 0;
  const consuming = (async () => {
    for await (const entry of extract) {
      const header = entry.header;
      const name = safeName(header.name);
      const target = join(root, name);
      switch (header.type) {
        case 'directory':
          await mkdir(target, { recursive: true, mode: 0o750 });
          await assertInside(root, target, header.name);
          entry.resume();
          break;
        case 'file':
        case 'contiguous-file': {
          total += header.size ?? 0;
          if (total > maxSize) throw new UnsafeArchiveError(`artifact exceeds the maximum extracted size of ${maxSize} bytes (at '${header.name}')`);
          await mkdir(dirname(target), { recursive: true, mode: 0o750 });
          await assertInside(root, dirname(target), header.name);
          await refuseExistingSymlink(target, header.name);
          await pipeline(entry, createWriteStream(target, { mode: (header.mode ?? 0o600) & 0o755 }));
          break;
        }
        case 'symlink': {
          const linkTarget = header.linkname ?? '';
          const pointsTo = resolve(dirname(target), linkTarget);
          if (isAbsolute(linkTarget) || !within(root, pointsTo)) {
            throw new UnsafeArchiveError(`refusing symlink '${header.name}' -> '${linkTarget}': it points outside the artifact`);
          }
          await mkdir(dirname(target), { recursive: true, mode: 0o750 });
          await assertInside(root, dirname(target), header.name);
          await symlink(linkTarget, target);
          entry.resume();
          break;
        }
        default:
          throw new UnsafeArchiveError(`refusing entry '${header.name}' of type '${header.type}': only files, directories and symlinks are allowed`);
      }
    }
  })();
  try {
    await Promise.all([pipeline(source, createGunzip(), extract), consuming]);
  } catch (err) {
    extract.destroy();
    if (err instanceof UnsafeArchiveError) throw err;
    const inner = (await consuming.then(() => undefined, (e: unknown) => e)) ?? err;
    if (inner instanceof UnsafeArchiveError) throw inner;
    throw new Error(`extracting artifact into '${destination}': ${(inner as Error).message}`, { cause: inner });
  }
}

function safeName(name: string): string {
  if (name.includes('\0')) throw new UnsafeArchiveError(`refusing entry with a NUL byte in its name`);
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name)) throw new UnsafeArchiveError(`refusing absolute path '${name}'`);
  const normalized = posix.normalize(name);
  if (normalized === '..' || normalized.startsWith('../') || name.split(/[\\/]/).includes('..')) {
    throw new UnsafeArchiveError(`refusing path '${name}': it contains '..'`);
  }
  return normalized.replace(/\/+$/, '');
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

// A symlink extracted earlier must not let a later entry land outside the tree.
async function assertInside(root: string, dir: string, entryName: string): Promise<void> {
  if (!within(root, await realpath(dir))) throw new UnsafeArchiveError(`refusing '${entryName}': its directory resolves outside the artifact through a symlink`);
}

async function refuseExistingSymlink(path: string, entryName: string): Promise<void> {
  try {
    if ((await lstat(path)).isSymbolicLink()) throw new UnsafeArchiveError(`refusing '${entryName}': it would write through a symlink`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
