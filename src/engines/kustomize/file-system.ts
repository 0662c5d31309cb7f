// The file access the kustomize engine needs, kept abstract so a build can run on a directory on disk,
// an extracted artifact, or files held in memory. Paths are absolute and use '/'.

export interface FileSystem {
  /** 'file', 'dir', or undefined when nothing exists at the path. */
  stat(path: string): 'file' | 'dir' | undefined;
  readFile(path: string): Uint8Array;
  /** Resolves symbolic links, as kustomize's load restrictions compare real paths. */
  realPath(path: string): string;
}
