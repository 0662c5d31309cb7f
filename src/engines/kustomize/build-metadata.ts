// buildMetadata: [managedByLabel, originAnnotations]: labels and annotations that record how and from
// where each resource was built.

import type { Resource } from './resource.ts';
import { isJsonObject, setMetadataField } from './resource.ts';
import { KustomizeError } from './errors.ts';

export interface BuildMetadata {
  list?: string[];
}

// kubectl's embedded kustomize reports its version as "(devel)".
const KUSTOMIZE_VERSION = '(devel)';

function metadataMap(res: Resource, key: 'labels' | 'annotations'): Record<string, unknown> {
  const md = res.object.metadata;
  if (!isJsonObject(md) || !isJsonObject(md[key])) setMetadataField(res.object, key, {});
  return (res.object.metadata as Record<string, Record<string, unknown>>)[key];
}

export function addBuildMetadata(resources: Resource[], meta: BuildMetadata): void {
  for (const option of meta.list ?? []) {
    if (option === 'managedByLabel') {
      for (const r of resources) (metadataMap(r, 'labels') as Record<string, string>)['app.kubernetes.io/managed-by'] = `kustomize-${KUSTOMIZE_VERSION}`;
    } else if (option === 'originAnnotations') {
      for (const r of resources) {
        if (!r.origin?.path && !r.origin?.configuredIn) continue;
        const lines = r.origin.path ? [`path: ${r.origin.path}`] : [`configuredIn: ${r.origin.configuredIn}`];
        if (r.origin.configuredBy) {
          lines.push('configuredBy:', `  apiVersion: ${r.origin.configuredBy.apiVersion}`, `  kind: ${r.origin.configuredBy.kind}`);
        }
        (metadataMap(r, 'annotations') as Record<string, string>)['config.kubernetes.io/origin'] = lines.join('\n') + '\n';
      }
    } else if (option === 'transformerAnnotations') {
      throw new KustomizeError('buildMetadata: transformerAnnotations is not supported yet');
    } else {
      throw new KustomizeError(`buildMetadata option ${option} is not one of [originAnnotations transformerAnnotations managedByLabel]`);
    }
  }
}
