// An on-disk cache of verified artifacts keyed by digest: the same revision is downloaded and
// extracted once, however many Kustomizations or HelmReleases use it. Entries are immutable (a
// digest names exactly one content), so a finished entry never needs revalidation.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDigest } from './digest.ts';
import { extractTarGz, type ExtractOptions } from './extract.ts';
import { downloadArtifact, type ArtifactRef, type DownloadOptions } from './fetch.ts';

export interface ArtifactCacheOptions extends ExtractOptions, DownloadOptions {
  /** Directory holding the cache; created if missing. */
  dir: string;
  /** Entries kept by prune() (least recently used go first). */
  maxEntries?: number;
}

export class ArtifactCache {
  readonly #options: ArtifactCacheOptions;
  readonly #inflight = new Map<string, Promise<string>>();

  constructor(options: ArtifactCacheOptions) {
    this.#options = options;
  }

  /**
   * Returns a directory holding the artifact's extracted content. The directory is shared: callers
   * must not modify it (use extractTo for a private, writable copy).
   */
  async obtain(artifact: ArtifactRef): Promise<string> {
    const key = entryName(artifact.digest);
    const pending = this.#inflight.get(key);
    if (pending) return pending;
    const work = this.#obtain(artifact, key).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, work);
    return work;
  }

  /** Extracts the artifact (downloaded at most once) into a fresh directory the caller owns. */
  async extractTo(artifact: ArtifactRef, destination: string): Promise<void> {
    await this.obtain(artifact);
    await extractTarGz(createReadStream(join(this.#options.dir, entryName(artifact.digest), 'artifact.tar.gz')), destination, this.#options);
  }

  /** Removes the least recently used entries beyond maxEntries. */
  async prune(): Promise<void> {
    const max = this.#options.maxEntries ?? 50;
    const names = (await readdir(this.#options.dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.tmp-'));
    const aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(this.#options.dir, n))).mtimeMs })));
    aged.sort((a, b) => b.t - a.t);
    for (const { n } of aged.slice(max)) {
      if (!this.#inflight.has(n)) await rm(join(this.#options.dir, n), { recursive: true, force: true });
    }
  }

  async #obtain(artifact: ArtifactRef, key: string): Promise<string> {
    const final = join(this.#options.dir, key);
    const content = join(final, 'content');
    if (await exists(content)) {
      const now = new Date();
      await utimes(final, now, now); // recency for prune()
      return content;
    }
    const staging = join(this.#options.dir, `.tmp-${key}-${process.pid}-${Math.random().toString(36).slice(2)}`);
    await mkdir(staging, { recursive: true });
    try {
      const tarball = join(staging, 'artifact.tar.gz');
      await downloadArtifact(artifact, tarball, this.#options);
      await extractTarGz(createReadStream(tarball), join(staging, 'content'), this.#options);
      await rm(final, { recursive: true, force: true });
      await rename(staging, final);
      return content;
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      throw err;
    }
  }
}

function entryName(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `${algorithm}-${hex}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
