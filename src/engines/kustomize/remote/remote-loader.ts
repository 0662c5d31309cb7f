// The two things a build needs from outside its file system to follow remote bases: a checkout of a
// git repository and the body of an http(s) URL. The build itself is synchronous, so it reads them
// from a RemoteLoader that answers at once; `FetchingRemoteLoader` answers from what it has already
// fetched and, on a miss, notes the request and stops the build, which `buildKustomizationWithRemotes`
// then fetches (asynchronously, without blocking the process) before building again.

import { KustomizeError } from '../errors.ts';
import type { FileSystem } from '../file-system.ts';
import type { RepoSpec } from './repo-spec.ts';

export interface HttpResponse {
  status: number;
  /** The standard text of the status code, as Go's http.StatusText gives it. */
  statusText: string;
  body: Uint8Array;
}

/** What the build asks for, synchronously. Throwing a KustomizeError fails the build with its message. */
export interface RemoteLoader {
  /** The file system that checkouts are read through. */
  readonly fs: FileSystem;
  /** The directory holding a checkout of spec's ref (its submodules too when asked). */
  checkout(spec: RepoSpec): string;
  get(url: string): HttpResponse;
}

/** The same, asynchronously: what really talks to git and HTTP servers (see git-fetcher.ts). */
export interface RemoteFetcher {
  readonly fs: FileSystem;
  checkout(spec: RepoSpec): Promise<string>;
  get(url: string): Promise<HttpResponse>;
  /** Removes a checkout once the build is over. */
  release(dir: string): Promise<void>;
}

/** Refusing remote loading (Flux's --no-remote-bases), naming what the build asked for. */
export class RemoteDisabledError extends KustomizeError {
  constructor(url: string) {
    super(`remote bases are disabled: refusing to load '${url}'`);
  }
}

/** Thrown by the fetching loader when the build needs something not fetched yet. */
class RemoteNotFetched extends KustomizeError {}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A RemoteLoader over a fetcher: answers from what is fetched, and records the first miss. */
export class FetchingRemoteLoader implements RemoteLoader {
  readonly fetcher: RemoteFetcher;
  private readonly checkouts = new Map<string, Settled<string>>();
  private readonly responses = new Map<string, Settled<HttpResponse>>();
  private pending: (() => Promise<void>) | undefined;

  constructor(fetcher: RemoteFetcher) {
    this.fetcher = fetcher;
  }

  get fs(): FileSystem {
    return this.fetcher.fs;
  }

  checkout(spec: RepoSpec): string {
    return this.answer(this.checkouts, spec.raw, () => this.fetcher.checkout(spec));
  }

  get(url: string): HttpResponse {
    return this.answer(this.responses, url, () => this.fetcher.get(url));
  }

  private answer<T>(cache: Map<string, Settled<T>>, key: string, fetch: () => Promise<T>): T {
    const known = cache.get(key);
    if (known?.ok) return known.value;
    if (known) throw known.error;
    this.pending ??= async () => {
      try {
        cache.set(key, { ok: true, value: await fetch() });
      } catch (error) {
        cache.set(key, { ok: false, error });
      }
    };
    throw new RemoteNotFetched(`'${key}' is not fetched yet`);
  }

  /** Fetches what the last build stopped for; false when it stopped for something else. */
  async fetchPending(): Promise<boolean> {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return false;
    await pending();
    return true;
  }

  async releaseAll(): Promise<void> {
    for (const settled of this.checkouts.values()) if (settled.ok) await this.fetcher.release(settled.value);
    this.checkouts.clear();
  }
}
