// The artifact store on local disk: `<base>/<kind>/<namespace>/<name>/<file>`, served over HTTP by
// file-server.ts and advertised as `http://<advertised address>/<path>` in status.artifact.url.
import { lstat, readdir, rm, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { archiveDirectory } from './archive.ts';
import type { Artifact } from '../../../api/meta/artifact.ts';
import type { IgnoreMatcher } from './source-ignore.ts';

export interface StorageOptions {
  /** --storage-path */
  basePath: string;
  /** --storage-adv-addr: host[:port] consumers reach the file server at. */
  advertisedAddress: string;
  /** --artifact-retention-records: artifacts kept per object (the current one included). */
  retentionRecords?: number;
  /** --artifact-retention-ttl in milliseconds: older previous artifacts are removed. */
  retentionTtlMs?: number;
}

export interface ObjectKey {
  kind: string;
  namespace: string;
  name: string;
}

export class ArtifactStorage {
  readonly options: StorageOptions;
  constructor(options: StorageOptions) {
    this.options = options;
  }

  /** Relative path of an object's artifact file, as in status.artifact.path. */
  artifactPath(object: ObjectKey, file: string): string {
    return posix.join(object.kind.toLowerCase(), object.namespace, object.name, file);
  }

  localPath(path: string): string {
    return join(this.options.basePath, ...path.split('/'));
  }

  url(path: string): string {
    return `http://${this.options.advertisedAddress}/${path}`;
  }

  /** Archives `dir` as the object's artifact for `revision` named `file`. */
  async archive(object: ObjectKey, file: string, revision: string, dir: string, matcher?: IgnoreMatcher): Promise<Artifact> {
    const path = this.artifactPath(object, file);
    const { digest, size } = await archiveDirectory(dir, this.localPath(path), matcher);
    return { path, url: this.url(path), revision, digest, size, lastUpdateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /** True when the artifact file is present (a regular file) on disk. */
  async exists(artifact: Pick<Artifact, 'path'>): Promise<boolean> {
    try {
      return (await lstat(this.localPath(artifact.path))).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Removes previous artifacts of the object: beyond the newest `retentionRecords` files, and any
   * older than the TTL. The current artifact is always kept. Returns the removed paths.
   */
  async garbageCollect(object: ObjectKey, current: Pick<Artifact, 'path'>, now = Date.now()): Promise<string[]> {
    const records = this.options.retentionRecords ?? 2;
    const ttl = this.options.retentionTtlMs ?? 60_000;
    const dir = this.localPath(posix.dirname(this.artifactPath(object, 'x')));
    const names = await readdir(dir).catch(() => [] as string[]);
    const files = await Promise.all(
      names.filter((n) => !n.includes('.tmp-')).map(async (n) => ({ path: posix.join(posix.dirname(current.path), n), mtime: (await stat(join(dir, n))).mtimeMs })),
    );
    files.sort((a, b) => b.mtime - a.mtime);
    const removed: string[] = [];
    let kept = 0;
    for (const f of files) {
      if (f.path === current.path || (kept < records - 1 && now - f.mtime <= ttl)) {
        if (f.path !== current.path) kept++;
        continue;
      }
      await rm(this.localPath(f.path), { force: true });
      removed.push(f.path);
    }
    return removed;
  }

  /** Deletes every artifact of the object (on deletion of the object). */
  async removeAll(object: ObjectKey): Promise<void> {
    await rm(this.localPath(posix.dirname(this.artifactPath(object, 'x'))), { recursive: true, force: true });
  }
}
