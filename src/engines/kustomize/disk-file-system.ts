// FileSystem over the local disk.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { FileSystem } from './file-system.ts';

export const diskFileSystem: FileSystem = {
  stat(path) {
    try {
      const s = statSync(path);
      return s.isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    return readFileSync(path);
  },
  realPath(path) {
    return realpathSync(path);
  },
};
