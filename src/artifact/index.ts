// The consumer side of source artifacts, shared by the kustomize and helm controllers: download,
// digest check, safe extraction, cache by digest. Imports nothing from src/controllers.
export { ArtifactCache, type ArtifactCacheOptions } from './cache.ts';
export { downloadArtifact, ArtifactDigestMismatchError, type ArtifactRef, type DownloadOptions } from './fetch.ts';
export { extractTarGz, UnsafeArchiveError, DEFAULT_MAX_EXTRACT_SIZE, type ExtractOptions } from './extract.ts';
export { parseDigest, DigestError } from './digest.ts';
