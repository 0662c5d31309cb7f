// FileSystem over files held in memory (path → content), for callers that have a tree without a
// disk copy, and for tests. Directories are implied by the file paths; there are no symbolic links.
import { posix } from 'node:path';
import type { FileSystem } from './file-system.ts';

export function memoryFileSystem(files: Record<string, string | Uint8Array>): FileSystem {
  const contents = new Map<string, Uint8Array>();
  const dirs = new Set<string>(['/']);
  for (const [path, content] of Object.entries(files)) {
    const abs = posix.resolve('/', path);
    contents.set(abs, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    for (let d = posix.dirname(abs); !dirs.has(d); d = posix.dirname(d)) dirs.add(d);
  }
  return {
    stat: (path) => (contents.has(path) ? 'file' : dirs.has(path) ? 'dir' : undefined),
    readFile(path) {
      const c = contents.get(path);
      if (!c) throw new Error(`open ${path}: no such file or directory`);
      return c;
    },
    realPath(path) {
      if (!contents.has(path) && !dirs.has(path)) throw new Error(`lstat ${path}: no such file or directory`);
      return path;
    },
  };
}
