// kustomize's file loader with its default load restrictions (LoadRestrictionsRootOnly): a
// kustomization may read files only inside its own directory tree, while it may point at other
// kustomization directories anywhere. Remote roots (git checkouts) and http(s) files come from a
// RemoteLoader; without one they are refused. A checkout's kustomizations stay inside the checkout.

import { posix } from 'node:path';
import type { FileSystem } from './file-system.ts';
import type { KustomizationFileLoader } from './resource.ts';
import { KustomizeError } from './errors.ts';
import { RemoteDisabledError, type RemoteLoader } from './remote/remote-loader.ts';
import { isRemoteFile, isRepoSpec, parseRepoSpec, type RepoSpec } from './remote/repo-spec.ts';

/** An entry kustomize loads from outside the file system: a git repository or an http(s) file. */
export function isRemoteTarget(path: string): boolean {
  return isRemoteFile(path) || isRepoSpec(path);
}

/** A non-2xx answer for an http(s) file that is not a git repository: kustomize stops there. */
export class HttpError extends KustomizeError {}

interface Checkout {
  spec: RepoSpec;
  dir: string;
}

interface LoaderContext {
  remote?: RemoteLoader;
  /** The loader that pointed here (kustomize's referrer chain, for cycle detection). */
  referrer?: Loader;
  /** Set on the loader at the top of a checkout. */
  checkout?: Checkout;
}

export class Loader implements KustomizationFileLoader {
  readonly fs: FileSystem;
  /** The real (symlink-free) path of the kustomization directory. */
  readonly root: string;
  readonly context: LoaderContext;

  constructor(fs: FileSystem, root: string, context: LoaderContext = {}) {
    this.fs = fs;
    this.root = root;
    this.context = context;
  }

  resolve(path: string): string {
    return posix.resolve(this.root, path);
  }

  /** The checkout this loader's kustomization comes from, if any. */
  get containingCheckout(): Checkout | undefined {
    return this.context.checkout ?? this.context.referrer?.containingCheckout;
  }

  private remoteFor(url: string): RemoteLoader {
    if (!this.context.remote) throw new RemoteDisabledError(url);
    return this.context.remote;
  }

  /** A loader for another kustomization directory (a base, a component, or a resources entry that is a folder). */
  child(path: string): Loader {
    const spec = parseRepoSpec(path);
    if (!('error' in spec)) return this.checkoutChild(spec);
    if (path.startsWith('/')) throw new KustomizeError(`new root '${path}' cannot be absolute`);
    const abs = this.resolve(path);
    const kind = this.fs.stat(abs);
    if (kind === undefined) throw new KustomizeError(`must build at directory: not a valid directory: ${evalSymlinkFailure(this.fs, abs)}`);
    if (kind !== 'dir') throw new KustomizeError(`must build at directory: '${abs}': file is not directory`);
    const real = this.fs.realPath(abs);
    const checkout = this.containingCheckout;
    if (checkout && !isWithin(real, checkout.dir)) {
      throw new KustomizeError(`security; bases in kustomizations found in cloned git repos must be within the repo, but base '${real}' is outside '${checkout.dir}'`);
    }
    if (real === this.root || this.root.startsWith(real + '/')) {
      throw new KustomizeError(`cycle detected: candidate root '${real}' contains visited root '${this.root}'`);
    }
    return new Loader(this.fs, real, { remote: this.context.remote, referrer: this });
  }

  /** kustomize refuses a repository whose URL is a prefix of one already being built above. */
  private checkRepoCycle(spec: RepoSpec): void {
    const seen = this.context.checkout?.spec.raw;
    if (seen !== undefined && seen.startsWith(spec.raw)) {
      throw new KustomizeError(`cycle detected: URI '${spec.raw}' referenced by previous URI '${seen}'`);
    }
    this.context.referrer?.checkRepoCycle(spec);
  }

  private checkoutChild(spec: RepoSpec): Loader {
    const remote = this.remoteFor(spec.raw);
    this.checkRepoCycle(spec);
    const dir = remote.checkout(spec);
    const abs = spec.kustRootPath === '' ? dir : posix.join(dir, spec.kustRootPath);
    const fs = remote.fs;
    if (fs.stat(abs) === undefined) throw new KustomizeError(evalSymlinkFailure(fs, abs));
    const real = fs.realPath(abs);
    if (fs.stat(real) !== 'dir') throw new KustomizeError(`'${abs}' refers to file '${posix.basename(real)}'; expecting directory`);
    if (!isWithin(real, dir)) throw new KustomizeError(`"${abs}" refers to directory outside of repo "${dir}"`);
    return new Loader(fs, real, { remote: this.context.remote, referrer: this, checkout: { spec, dir } });
  }

  /** The path of a file inside the root, refusing files outside it. */
  checkedFilePath(path: string): string {
    const abs = this.resolve(path);
    let real: string;
    try {
      real = this.fs.realPath(abs);
    } catch {
      // Inside the root the file system sees every folder, so the first missing one can be named.
      throw new KustomizeError(isWithin(abs, this.root) ? evalSymlinkFailure(this.fs, abs) : `open ${abs}: no such file or directory`);
    }
    if (!isWithin(real, this.root)) {
      throw new KustomizeError(`security; file '${real}' is not in or below '${this.root}'`);
    }
    return real;
  }

  load(path: string): Uint8Array {
    if (isRemoteFile(path)) return this.loadUrl(path);
    const real = this.checkedFilePath(path);
    if (this.fs.stat(real) !== 'file') throw new KustomizeError(`read ${real}: is a directory`);
    return this.fs.readFile(real);
  }

  /** kustomize GETs any http(s) file it loads; a failed one that names a git repository is not an HTTP error. */
  private loadUrl(url: string): Uint8Array {
    const response = this.remoteFor(url).get(url);
    if (response.status >= 200 && response.status <= 299) return response.body;
    if (isRepoSpec(url)) throw new KustomizeError('URL is a git repository');
    throw new HttpError(`HTTP Error: status code ${response.status} (${response.statusText})`);
  }

  loadText(path: string): string {
    return new TextDecoder().decode(this.load(path));
  }
}

function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : dir + '/');
}

/** Go's EvalSymlinks failure for a missing path: it names the first component that does not exist. */
export function evalSymlinkFailure(fs: FileSystem, abs: string): string {
  let at = '/';
  for (const part of abs.split('/')) {
    if (part === '') continue;
    at = posix.join(at, part);
    if (fs.stat(at) === undefined) break;
  }
  return `evalsymlink failure on '${abs}' : lstat ${at}: no such file or directory`;
}
