// The GitRepository controller: wires reconcile.ts into the controller runtime. Secrets are read
// straight from the API (as upstream does without the CacheSecretsAndConfigMaps gate), included
// GitRepositories from the cache, and a change of an included repository re-queues its includers.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GitRepositoryKind, type GitRepository } from '../../../api/source/git-repository.ts';
import type { ArtifactCache } from '../../../artifact/index.ts';
import { isNotFound } from '../../../kube/index.ts';
import type { KubeObject } from '../../../kube/types.ts';
import { defineController, ReconcileError, StalledError, type ControllerDefinition, type ReconcileContext } from '../../../runtime/controller.ts';
import { objectKey } from '../../../runtime/cache.ts';
import type { ArtifactStorage } from '../storage/storage.ts';
import { reconcileGitRepository, type GitRepositoryEnvironment } from './reconcile.ts';

export interface GitRepositoryControllerOptions {
  storage: ArtifactStorage;
  gitCacheRoot: string;
  artifacts: ArtifactCache;
}

const kind = { apiVersion: GitRepositoryKind.apiVersion, kind: GitRepositoryKind.kind };
const INCLUDES_INDEX = 'includes';

export function gitRepositoryController(options: GitRepositoryControllerOptions): ControllerDefinition<GitRepository> {
  return defineController<GitRepository>({
    kind,
    indexes: {
      [INCLUDES_INDEX]: (obj) => (obj.spec.include ?? []).map((i) => `${obj.metadata.namespace}/${i.repository.name}`),
    },
    watches: [{ kind, toKeys: (changed, primary) => primary.byIndex(INCLUDES_INDEX, objectKey(changed)).map((o) => objectKey(o)) }],
    async reconcile(obj, ctx) {
      // The cache may not have seen our last status write yet; acting on an older status.artifact
      // (already garbage-collected) would drop the artifact. One GET gives the current status.
      const current = await ctx.client.get<GitRepository>({ ...kind, namespace: obj.metadata.namespace, name: obj.metadata.name! }).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (!current) return {};
      const outcome = await reconcileGitRepository({ ...obj, status: current.status }, environment(options, ctx));
      obj.status = outcome.object.status;
      if (outcome.error) {
        if (outcome.stalled) throw new StalledError(outcome.error.reason, outcome.error.message);
        throw new ReconcileError(outcome.error.reason, outcome.error.message);
      }
      return { requeueAfterMs: outcome.requeueAfterMs };
    },
    async finalize(obj) {
      const key = { kind: kind.kind, namespace: obj.metadata.namespace!, name: obj.metadata.name! };
      await options.storage.removeAll(key);
      await rm(join(options.gitCacheRoot, key.namespace, key.name), { recursive: true, force: true });
    },
  });
}

function environment(options: GitRepositoryControllerOptions, ctx: ReconcileContext): GitRepositoryEnvironment {
  return {
    storage: options.storage,
    gitCacheRoot: options.gitCacheRoot,
    artifacts: options.artifacts,
    async getSecret(namespace, name) {
      const secret = await ctx.client.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', namespace, name });
      return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    },
    async getGitRepository(namespace, name) {
      return ctx.cache.informer<GitRepository>(kind).get(`${namespace}/${name}`);
    },
    async progress(object) {
      await ctx.patchStatus(object.status).catch((err: unknown) => ctx.log.error('reporting progress', err));
    },
    event(_object, type, reason, message, metadata) {
      void ctx.event(type, reason, message, metadata).catch((err: unknown) => ctx.log.error('recording event', err));
    },
  };
}
