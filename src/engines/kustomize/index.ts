// The kustomize engine's public API: build a kustomization into resources, print them as
// `kustomize build` does.
export { buildKustomization, buildKustomizationWithRemotes, type BuildOptions } from './build.ts';
export { KUSTOMIZE_VERSIONS, type KustomizeVersion } from './version.ts';
export { renderYaml } from './yaml/writer.ts';
export type { FileSystem } from './file-system.ts';
export { diskFileSystem } from './disk-file-system.ts';
export { memoryFileSystem } from './memory-file-system.ts';
export type { Resource, JsonObject, JsonValue } from './resource.ts';
export { KustomizeError } from './errors.ts';
export type { RemoteFetcher, RemoteLoader, HttpResponse } from './remote/remote-loader.ts';
export { RemoteDisabledError } from './remote/remote-loader.ts';
export { gitFetcher } from './remote/git-fetcher.ts';
