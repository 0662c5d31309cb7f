// Keeps a build inside the artifact: upstream builds in a secure file system rooted at the extracted
// artifact, so a kustomization (or a symlink in Git) cannot read files of the controller's host.
import { posix } from 'node:path';
import type { FileSystem } from '../../../engines/kustomize/index.ts';
import { BuildError } from './errors.ts';

/** Whether absolute path `p` is `root` or below it (`/` contains everything). */
export function isInside(root: string, p: string): boolean {
  const rel = posix.relative(root, p);
  return rel !== '..' && !rel.startsWith('../') && !posix.isAbsolute(rel);
}

export function confinedFileSystem(base: FileSystem, root: string): FileSystem {
  const realRoot = base.realPath(root);
  const inside = (p: string) => isInside(realRoot, p);
  const check = (path: string) => {
    const real = base.stat(path) === undefined ? posix.resolve(path) : base.realPath(path);
    if (!inside(real)) throw new BuildError(`path '${path}' is outside the artifact (resolves to '${real}')`);
    return real;
  };
  return {
    stat: (path) => {
      const real = base.stat(path) === undefined ? undefined : base.realPath(path);
      return real === undefined || !inside(real) ? undefined : base.stat(path);
    },
    readFile: (path) => base.readFile(check(path)),
    realPath: (path) => check(path),
  };
}
