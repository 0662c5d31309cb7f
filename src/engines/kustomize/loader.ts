// kustomize's file loader with its default load restrictions (LoadRestrictionsRootOnly): a
// kustomization may read files only inside its own directory tree, while it may point at other
// kustomization directories anywhere. Remote URLs are refused, as Flux builds never fetch them.

import { posix } from 'node:path';
import type { FileSystem } from './file-system.ts';
import type { KustomizationFileLoader } from './resource.ts';
import { KustomizeError } from './errors.ts';

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/|file:\/\/)/;

export function isRemoteTarget(path: string): boolean {
  return REMOTE.test(path) || /\?ref=|\/\/.*\?|\.git(\/|$|\?)/.test(path) && !path.startsWith('.') && !path.startsWith('/');
}

export class Loader implements KustomizationFileLoader {
  readonly fs: FileSystem;
  /** The real (symlink-free) path of the kustomization directory. */
  readonly root: string;

  constructor(fs: FileSystem, root: string) {
    this.fs = fs;
    this.root = root;
  }

  resolve(path: string): string {
    return posix.resolve(this.root, path);
  }

  /** A loader for another kustomization directory (a base, a component, or a resources entry that is a folder). */
  child(path: string): Loader {
    if (isRemoteTarget(path)) {
      throw new KustomizeError(`remote resource '${path}' is not supported: remote bases are refused (Flux builds only local kustomizations)`);
    }
    if (path.startsWith('/')) throw new KustomizeError(`new root '${path}' cannot be absolute`);
    const abs = this.resolve(path);
    const kind = this.fs.stat(abs);
    if (kind === undefined) throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`);
    if (kind !== 'dir') throw new KustomizeError(`must build at directory: '${abs}': file is not directory`);
    const real = this.fs.realPath(abs);
    if (real === this.root || this.root.startsWith(real + '/')) {
      throw new KustomizeError(`cycle detected: candidate root '${real}' contains visited root '${this.root}'`);
    }
    return new Loader(this.fs, real);
  }

  /** The path of a file inside the root, refusing files outside it. */
  checkedFilePath(path: string): string {
    const abs = this.resolve(path);
    let real: string;
    try {
      real = this.fs.realPath(abs);
    } catch {
      throw new KustomizeError(`open ${abs}: no such file or directory`);
    }
    if (real !== this.root && !real.startsWith(this.root === '/' ? '/' : this.root + '/')) {
      throw new KustomizeError(`security; file '${real}' is not in or below '${this.root}'`);
    }
    return real;
  }

  load(path: string): Uint8Array {
    if (isRemoteTarget(path)) throw new KustomizeError(`remote file '${path}' is not supported`);
    const real = this.checkedFilePath(path);
    if (this.fs.stat(real) !== 'file') throw new KustomizeError(`read ${real}: is a directory`);
    return this.fs.readFile(real);
  }

  loadText(path: string): string {
    return new TextDecoder().decode(this.load(path));
  }
}
