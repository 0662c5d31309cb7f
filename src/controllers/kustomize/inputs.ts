// What the build needs from the cluster besides the artifact: postBuild variables (substituteFrom
// ConfigMaps/Secrets, then inline `substitute`, which wins) and the SOPS keys of spec.decryption.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { isNotFound, type KubeClient, type KubeObject } from '../../kube/index.ts';
import { BuildError, sopsKeysFromSecret, validateVariableNames, type BuildInputs } from './build/index.ts';

interface DataObject extends KubeObject {
  data?: Record<string, string>;
}

async function readData(client: KubeClient, kind: 'ConfigMap' | 'Secret', namespace: string, name: string): Promise<Record<string, string> | undefined> {
  try {
    const obj = await client.get<DataObject>({ apiVersion: 'v1', kind, namespace, name });
    const data = obj.data ?? {};
    return kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])) : data;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function resolveBuildInputs(client: KubeClient, ks: Kustomization): Promise<BuildInputs> {
  const namespace = ks.metadata.namespace!;
  const inputs: BuildInputs = {};
  const postBuild = ks.spec.postBuild;
  if (postBuild) {
    const variables: Record<string, string> = {};
    for (const ref of postBuild.substituteFrom ?? []) {
      const data = await readData(client, ref.kind, namespace, ref.name);
      if (!data) {
        if (ref.optional) continue;
        throw new BuildError(`substitute from '${ref.kind}/${ref.name}' failed: ${ref.kind} '${namespace}/${ref.name}' not found`);
      }
      Object.assign(variables, data);
    }
    // Inline values are single-line by definition upstream: newlines are dropped.
    for (const [k, v] of Object.entries(postBuild.substitute ?? {})) variables[k] = v.replaceAll('\n', '');
    validateVariableNames(variables);
    inputs.substitution = { variables, strict: true, strategy: postBuild.substituteStrategy ?? 'WithVariables' };
  }
  const decryption = ks.spec.decryption;
  if (decryption) {
    if (decryption.secretRef) {
      const data = await readData(client, 'Secret', namespace, decryption.secretRef.name);
      if (!data) throw new BuildError(`cannot get decryption Secret '${namespace}/${decryption.secretRef.name}': not found`);
      inputs.decryptionKeys = sopsKeysFromSecret(data);
    } else {
      inputs.decryptionKeys = {};
    }
  }
  return inputs;
}
