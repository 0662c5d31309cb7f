// From an extracted artifact to the objects to apply: kustomization prepared from the spec, SOPS
// sources decrypted, kustomize build, then per object: checks, Secret decryption, postBuild
// substitution and commonMetadata (upstream's order).
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { KustomizationSpec } from '../../../api/kustomize/kustomization.ts';
import { buildKustomization, buildKustomizationWithRemotes, diskFileSystem, gitFetcher, type FileSystem, type JsonObject, type KustomizeVersion } from '../../../engines/kustomize/index.ts';
import type { SopsKeys } from '../../../engines/sops/index.ts';
import type { KubeObject } from '../../../kube/index.ts';
import { confinedFileSystem, isInside } from './confine.ts';
import { decryptingFileSystem, decryptManifest, decryptSources } from './decrypt.ts';
import { BuildError } from './errors.ts';
import { prepareKustomization, type BuildSpec } from './generate.ts';
import { substituteObject, type Substitution } from './substitute.ts';

export type PipelineSpec = BuildSpec & Pick<KustomizationSpec, 'path' | 'commonMetadata'>;

export interface BuildInputs {
  /** Set when the Kustomization has spec.postBuild. */
  substitution?: Substitution;
  /** Set when the Kustomization has spec.decryption. */
  decryptionKeys?: SopsKeys;
  /** Leave SOPS-encrypted Secrets as they are (`build kustomization` masks them instead of decrypting). */
  keepEncrypted?: boolean;
  /** Follow remote bases (default); false refuses them, as `tsflux controllers --no-remote-bases` does. */
  remoteBases?: boolean;
}

/** Files a secretGenerator may read; bounded so a huge artifact does not get read twice. */
function candidateSecretSources(root: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue;
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile() && st.size < 1 << 20) out.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return out;
}

function describeObject(obj: JsonObject): string {
  const metadata = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  return [obj.kind, metadata.namespace, metadata.name].filter(Boolean).join('/');
}

function withCommonMetadata(obj: JsonObject, common: PipelineSpec['commonMetadata']): JsonObject {
  if (!common) return obj;
  const metadata = { ...(obj.metadata as JsonObject) };
  if (common.labels) metadata.labels = { ...(metadata.labels as JsonObject | undefined), ...common.labels };
  if (common.annotations) metadata.annotations = { ...(metadata.annotations as JsonObject | undefined), ...common.annotations };
  return { ...obj, metadata };
}

// Flux 2.9's kustomize-controller (v1.9) builds with sigs.k8s.io/kustomize/api v0.21.1, the API of
// kustomize v5.8.1, where its behaviour differs from v5.5 (anchored replacement regexes, patch options).
const FLUX_KUSTOMIZE_VERSION: KustomizeVersion = 'v5.8.1';

export async function buildManifests(artifactRoot: string, spec: PipelineSpec, inputs: BuildInputs = {}): Promise<KubeObject[]> {
  const root = realpathSync(artifactRoot);
  const dir = posix.resolve(root, spec.path ?? './');
  if (!isInside(root, dir)) throw new BuildError(`path '${spec.path}' points outside the artifact`);
  let fs: FileSystem = confinedFileSystem(diskFileSystem, root);
  if (inputs.decryptionKeys) {
    fs = decryptingFileSystem(fs, await decryptSources(candidateSecretSources(root), inputs.decryptionKeys, root));
  }
  let built: JsonObject[];
  try {
    const prepared = prepareKustomization(fs, dir, spec);
    const options = { kustomizeVersion: FLUX_KUSTOMIZE_VERSION };
    const resources = (inputs.remoteBases ?? true) ? await buildKustomizationWithRemotes(prepared, dir, gitFetcher, options) : buildKustomization(prepared, dir, options);
    built = resources.map((r) => r.object);
  } catch (err) {
    if (err instanceof BuildError) throw err;
    // Paths in the message are shown relative to the artifact.
    const message = root === '/' ? (err as Error).message : (err as Error).message.replaceAll(root + '/', '');
    throw new BuildError(`kustomize build failed: ${message}`, { cause: err });
  }
  const objects: KubeObject[] = [];
  for (let obj of built) {
    const metadata = obj.metadata as { name?: string } | undefined;
    if (!obj.apiVersion || !obj.kind || !metadata?.name) {
      throw new BuildError(`failed to decode Kubernetes apiVersion, kind and name from: ${JSON.stringify(obj)}`);
    }
    const describe = describeObject(obj);
    if (!inputs.keepEncrypted) obj = await decryptManifest(obj, inputs.decryptionKeys, describe);
    if (inputs.substitution) obj = substituteObject(obj, inputs.substitution, describe);
    objects.push(withCommonMetadata(obj, spec.commonMetadata) as unknown as KubeObject);
  }
  return objects;
}
