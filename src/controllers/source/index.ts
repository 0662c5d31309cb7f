// source-controller: the artifact store (disk + HTTP file server) and the controllers that fill it.
// `openSourceStorage` takes upstream's storage flags; `sourceControllerBundle` is what
// `tsflux controllers` runs.
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ArtifactCache } from '../../artifact/index.ts';
import type { ControllerBundle } from '../../runtime/registry.ts';
import { gitRepositoryController } from './git-repository/controller.ts';
import { startFileServer, type FileServer } from './storage/file-server.ts';
import { ArtifactStorage } from './storage/storage.ts';

export interface SourceStorageFlags {
  /** --storage-path */
  storagePath: string;
  /** --storage-addr (upstream default `:9090`) */
  storageAddr: string;
  /**
   * --storage-adv-addr; by default, as upstream determines it: the listen host (this host's name when
   * listening on all interfaces) with the bound port.
   */
  storageAdvAddr?: string;
  /** --artifact-retention-records (default 2) */
  retentionRecords?: number;
  /** --artifact-retention-ttl in ms (default 60s) */
  retentionTtlMs?: number;
}

export interface SourceStorage {
  storage: ArtifactStorage;
  fileServer: FileServer;
  gitCacheRoot: string;
  artifacts: ArtifactCache;
  close(): Promise<void>;
}

export async function openSourceStorage(flags: SourceStorageFlags): Promise<SourceStorage> {
  await mkdir(flags.storagePath, { recursive: true });
  const fileServer = await startFileServer(flags.storagePath, flags.storageAddr);
  const port = fileServer.address.slice(fileServer.address.lastIndexOf(':') + 1);
  const listenHost = flags.storageAddr.slice(0, flags.storageAddr.lastIndexOf(':'));
  const advertisedHost = listenHost === '' || listenHost === '0.0.0.0' || listenHost === '[::]' ? hostname() : listenHost;
  const storage = new ArtifactStorage({
    basePath: flags.storagePath,
    advertisedAddress: flags.storageAdvAddr || `${advertisedHost}:${port}`,
    retentionRecords: flags.retentionRecords,
    retentionTtlMs: flags.retentionTtlMs,
  });
  // Git caches and included artifacts live beside the store but outside what the file server shows.
  const work = `${flags.storagePath.replace(/\/+$/, '')}-work`;
  await mkdir(join(work, 'git'), { recursive: true });
  return {
    storage,
    fileServer,
    gitCacheRoot: join(work, 'git'),
    artifacts: new ArtifactCache({ dir: join(work, 'artifacts') }),
    close: () => fileServer.close(),
  };
}

/**
 * source-controller as a bundle. With an already opened `store` (tests, demos) it is ready; in
 * `tsflux controllers`, start() opens the store from the storage flags (--storage-path, --storage-addr,
 * --storage-adv-addr, --artifact-retention-ttl/-records) before controllers() is called.
 */
export function sourceControllerBundle(opened?: SourceStorage): ControllerBundle {
  let store = opened;
  return {
    name: 'source',
    component: 'source-controller',
    defaultConcurrent: 2,
    async start(flags) {
      if (store) return { stop: async () => {} }; // the caller opened it and closes it
      const own = await openSourceStorage(storageFlagsFrom(flags));
      store = own;
      return { stop: () => own.close() };
    },
    controllers: () => {
      if (!store) throw new Error('source-controller: start() must open the artifact store before the controllers are built');
      return [gitRepositoryController(store)];
    },
  };
}

/** Reads the storage flags from parsed command-line options (commander's camelCase names). */
export function storageFlagsFrom(flags: Record<string, unknown>): SourceStorageFlags {
  const text = (key: string) => (typeof flags[key] === 'string' ? (flags[key] as string) : undefined);
  const num = (key: string) => (typeof flags[key] === 'number' ? (flags[key] as number) : undefined);
  const storagePath = text('storagePath');
  if (!storagePath) throw new Error('source-controller needs --storage-path');
  return {
    storagePath,
    storageAddr: text('storageAddr') ?? ':9090',
    storageAdvAddr: text('storageAdvAddr') || undefined,
    retentionTtlMs: num('artifactRetentionTtl'),
    retentionRecords: num('artifactRetentionRecords'),
  };
}

export { ArtifactStorage } from './storage/storage.ts';
export { gitRepositoryController } from './git-repository/controller.ts';
