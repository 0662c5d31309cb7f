// List + watch that never gives up until aborted, the first stage of the runtime (kube-rs's watcher):
// - starts with a full list and emits `init` with every object, so the store can replace its contents;
// - watches from the last resourceVersion seen (bookmarks keep it fresh while nothing changes), so a
//   reconnect resumes without missing or repeating changes;
// - relists when the apiserver says that version is gone (410), and on any other error reconnects with
//   capped exponential backoff, resuming from the same resourceVersion;
// - ends quietly when aborted or when its client is closed.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient } from '../kube/index.ts';
import { isClientClosed, isGone } from '../kube/errors.ts';
import type { KubeObject, ListScope } from '../kube/types.ts';
import type { Logger } from './logger.ts';

export type WatcherEvent<T extends KubeObject> =
  | { type: 'init'; objects: T[]; resourceVersion: string }
  | { type: 'apply'; object: T }
  | { type: 'delete'; object: T };

export interface WatcherOptions extends ListScope {
  signal: AbortSignal;
  logger?: Logger;
  /**
   * Resume from a resourceVersion known from before instead of listing first. If the apiserver no
   * longer has it (410), the watcher falls back to a full list.
   */
  resumeFrom?: string;
  /** Reconnect backoff bounds (ms); kube-rs uses 800ms..30s. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export async function* watchObjects<T extends KubeObject>(
  client: KubeClient,
  apiVersion: string,
  kind: string,
  opts: WatcherOptions,
): AsyncGenerator<WatcherEvent<T>> {
  const { signal } = opts;
  const scope: ListScope = { namespace: opts.namespace, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
  const minBackoff = opts.minBackoffMs ?? 800;
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  let failures = 0;
  let resourceVersion: string | undefined = opts.resumeFrom;

  while (!signal.aborted) {
    try {
      if (resourceVersion === undefined) {
        const list = await client.list<T>(apiVersion, kind, { ...scope, limit: 500 });
        resourceVersion = list.metadata.resourceVersion ?? '';
        failures = 0;
        yield { type: 'init', objects: list.items, resourceVersion };
        continue;
      }
      // client-go picks a random timeout between 5 and 10 minutes so that many watchers do not
      // reconnect in lockstep.
      const timeoutSeconds = 300 + Math.floor(Math.random() * 300);
      for await (const event of client.watch<T>(apiVersion, kind, {
        ...scope,
        resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds,
        signal,
      })) {
        failures = 0;
        if (event.type === 'BOOKMARK') {
          resourceVersion = event.object.metadata.resourceVersion;
          continue;
        }
        if (event.type === 'ERROR') {
          // The client turns ERROR events into thrown errors; this guards a client that does not.
          throw new Error(`watching ${kind}: ${event.object.message ?? event.object.reason ?? 'watch error'}`);
        }
        const object = { ...event.object, apiVersion, kind };
        resourceVersion = object.metadata.resourceVersion ?? resourceVersion;
        yield event.type === 'DELETED' ? { type: 'delete', object } : { type: 'apply', object };
      }
      // The server closed the watch normally (its timeout): resume from where we are.
    } catch (error) {
      if (signal.aborted) return;
      // Retrying on a closed client could only fail again: the process is shutting down.
      if (isClientClosed(error)) return;
      if (isGone(error)) {
        opts.logger?.debug('watch resourceVersion expired, relisting', { kind, resourceVersion });
        resourceVersion = undefined;
        continue;
      }
      const delay = Math.min(maxBackoff, minBackoff * 2 ** failures) * (0.5 + Math.random() / 2);
      failures++;
      opts.logger?.error('watch failed, retrying', error, { kind, namespace: scope.namespace, retryInMs: Math.round(delay) });
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return; // aborted while waiting
      }
    }
  }
}
