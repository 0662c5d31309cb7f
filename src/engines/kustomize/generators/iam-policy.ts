// kustomize's builtin IAMPolicyGenerator: a ServiceAccount bound to a cloud identity. kustomize knows
// only GKE Workload Identity, where the binding is an annotation naming the Google service account.

import type { JsonObject, Resource } from '../resource.ts';
import { isJsonObject, newResource } from '../resource.ts';
import { KustomizeError } from '../errors.ts';

function text(obj: JsonObject, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function generateIamServiceAccount(config: JsonObject): Resource {
  const cloud = text(config, 'cloud');
  if (cloud !== 'gke') throw new KustomizeError(`cloud provider ${cloud} not supported yet`);
  const ksa = isJsonObject(config.kubernetesService) ? config.kubernetesService : {};
  const gsa = isJsonObject(config.serviceAccount) ? config.serviceAccount : {};
  const name = text(ksa, 'name');
  const namespace = text(ksa, 'namespace');
  const metadata: JsonObject = {
    annotations: { 'iam.gke.io/gcp-service-account': `${text(gsa, 'name')}@${text(gsa, 'projectId')}.iam.gserviceaccount.com` },
    name,
  };
  if (namespace !== '') metadata.namespace = namespace;
  if (name === '') throw new KustomizeError(`IAMPolicyGenerator: missing metadata.name in the generated ServiceAccount (kubernetesService.name is empty)`);
  return newResource({ apiVersion: 'v1', kind: 'ServiceAccount', metadata });
}
