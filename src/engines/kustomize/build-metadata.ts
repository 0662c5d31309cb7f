// buildMetadata: [managedByLabel, originAnnotations]: labels and annotations that record how and from
// where each resource was built.

import type { Resource, ResourceOrigin } from './resource.ts';
import { isJsonObject, setMetadataField } from './resource.ts';
import type { KustomizeVersion } from './version.ts';

export interface BuildMetadata {
  list?: string[];
}

// kubectl v1.32's embedded kustomize v5.5.0 reports its version as "(devel)"; v5.8.1 names itself.
const MANAGED_BY: Record<KustomizeVersion, string> = { 'v5.5.0': 'kustomize-(devel)', 'v5.8.1': 'kustomize-v5.8.1' };

function metadataMap(res: Resource, key: 'labels' | 'annotations'): Record<string, unknown> {
  const md = res.object.metadata;
  if (!isJsonObject(md) || !isJsonObject(md[key])) setMetadataField(res.object, key, {});
  return (res.object.metadata as Record<string, Record<string, unknown>>)[key];
}

function originLines(o: ResourceOrigin): string[] {
  const lines: string[] = [];
  if (o.path) lines.push(`path: ${o.path}`);
  if (o.repo) lines.push(`repo: ${o.repo}`);
  if (o.ref) lines.push(`ref: ${o.ref}`);
  if (o.configuredIn) lines.push(`configuredIn: ${o.configuredIn}`);
  if (o.configuredBy) {
    lines.push('configuredBy:', `  apiVersion: ${o.configuredBy.apiVersion}`, `  kind: ${o.configuredBy.kind}`);
    if (o.configuredBy.name) lines.push(`  name: ${o.configuredBy.name}`);
    if (o.configuredBy.namespace) lines.push(`  namespace: ${o.configuredBy.namespace}`);
  }
  return lines;
}

export function addBuildMetadata(resources: Resource[], meta: BuildMetadata, version: KustomizeVersion): void {
  for (const option of meta.list ?? []) {
    if (option === 'managedByLabel') {
      for (const r of resources) (metadataMap(r, 'labels') as Record<string, string>)['app.kubernetes.io/managed-by'] = MANAGED_BY[version];
    } else if (option === 'originAnnotations') {
      for (const r of resources) {
        if (!r.origin?.path && !r.origin?.configuredIn) continue;
        (metadataMap(r, 'annotations') as Record<string, string>)['config.kubernetes.io/origin'] = originLines(r.origin).join('\n') + '\n';
      }
    } else if (option === 'transformerAnnotations') {
      for (const r of resources) {
        if (!r.transformations?.length) continue;
        const text = r.transformations.map((t) => originLines(t).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)).join('\n')).join('\n');
        (metadataMap(r, 'annotations') as Record<string, string>)['alpha.config.kubernetes.io/transformations'] = text + '\n';
      }
    }
    // kustomize ignores options it does not know.
  }
}
