// kustomize's HashTransformer: generated ConfigMaps/Secrets that want it get "-<content hash>" appended
// to their name. Like kustomize, a HashTransformer listed under `transformers:` hashes them again at the end.
import type { JsonObject, Resource } from '../resource.ts';
import { nameHashSuffix } from '../generators/name-hash.ts';
import { rememberCurrentId } from './rename.ts';

export function addHashSuffixes(resources: Resource[]): void {
  for (const res of resources) {
    if (!res.generated?.needsHashSuffix) continue;
    rememberCurrentId(res);
    const md = res.object.metadata as JsonObject;
    md.name = `${String(md.name)}-${nameHashSuffix(res.object)}`;
  }
}
