// From rendered template files to what `helm template` prints (releaseutil): partials and empty files
// dropped, each file split into documents, hooks told apart by their helm.sh/hook annotation, and
// everything sorted in Helm's install order (by kind, keeping file-name then document order within a kind).
import type { HelmFlavor } from './coalesce.ts';
import { setKey } from '../sprig/index.ts';
import { decodeGoYamlV2, formatFloat32, type GoYamlValue } from './go-yaml-decode.ts';

/** Helm v3's install order; v4 appends the two webhook configuration kinds. */
export const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList',
  'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler',
  'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];
const INSTALL_ORDER_V4 = [...INSTALL_ORDER, 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const HOOK_EVENTS = new Set([
  'pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade',
  'pre-rollback', 'post-rollback', 'test', 'test-success',
]);

export interface Manifest { name: string; content: string; kind: string; apiVersion: string }

export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  weight: number;
  deletePolicies: string[];
}

export class ManifestError extends Error {}

const separator = /(?:^|\s*\n)---\s*/;
const separatorV4 = /^---[ \t]*/m;

/**
 * releaseutil.SplitManifests: the documents of a file in order. v3 trims each document; v4 splits only
 * on `---` at a line start and trims only the start, so a document keeps its trailing newline.
 */
export function splitManifests(bigFile: string, flavor: HelmFlavor = 'v3'): string[] {
  if (flavor === 'v4') {
    return bigFile.trimStart().split(separatorV4).filter((d) => d.trim() !== '').map((d) => d.trimStart());
  }
  return bigFile.trim().split(separator).filter((d) => d !== '').map((d) => d.trim());
}

interface Head { kind: string; apiVersion: string; name: string; annotations: Record<string, string> }

function readHead(doc: string, path: string, flavor: HelmFlavor): Head {
  let parsed: GoYamlValue;
  try {
    parsed = decodeGoYamlV2(doc);
  } catch (err) {
    throw new ManifestError(`YAML parse error on ${path}: error converting YAML to JSON: ${(err as Error).message}`);
  }
  if (parsed !== null && !isYamlMap(parsed)) {
    // Each document decodes into a SimpleHead struct (Helm 4 moved it to a package named util): only a
    // mapping (or nothing) fits.
    const jsonType = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'boolean' ? 'bool' : 'number';
    const goType = flavor === 'v4' ? 'util.SimpleHead' : 'releaseutil.SimpleHead';
    throw new ManifestError(`YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonType} into Go value of type ${goType}`);
  }
  const obj = isYamlMap(parsed) ? parsed : {};
  const metadata = isYamlMap(obj.metadata) ? obj.metadata : {};
  const annotations: Record<string, string> = {};
  if (isYamlMap(metadata.annotations)) {
    // SimpleHead declares annotations as map[string]string: sigs.k8s.io/yaml turns numbers and
    // booleans into their text; lists and maps fail to decode.
    for (const [k, v] of Object.entries(metadata.annotations)) {
      if (v !== null && typeof v === 'object') {
        throw new ManifestError(`YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : 'object'} into Go struct field .metadata.annotations of type string`);
      }
      setKey(annotations, k, asGoString(v));
    }
  }
  return {
    kind: asGoString(obj.kind ?? null),
    apiVersion: asGoString(obj.apiVersion ?? null),
    name: asGoString(metadata.name ?? null),
    annotations,
  };
}

function isYamlMap(v: GoYamlValue | undefined): v is { [key: string]: GoYamlValue } {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

/** A scalar decoded into a Go string field through sigs.k8s.io/yaml. */
function asGoString(v: GoYamlValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat32(v);
  return String(v);
}

/** SortManifests: hooks and plain manifests from rendered files (name → content), both in install order. */
export function sortManifests(files: Map<string, string>, flavor: HelmFlavor = 'v3'): { hooks: Hook[]; manifests: Manifest[] } {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path)!;
    if (path.slice(path.lastIndexOf('/') + 1).startsWith('_')) continue;
    if (content.trim() === '') continue;
    for (const doc of splitManifests(content, flavor)) {
      const head = readHead(doc, path, flavor);
      const hookTypes = head.annotations['helm.sh/hook'];
      if (hookTypes === undefined) {
        manifests.push({ name: path, content: doc, kind: head.kind, apiVersion: head.apiVersion });
        continue;
      }
      const events: string[] = [];
      let unknown = false;
      for (const t of hookTypes.split(',')) {
        const e = t.trim().toLowerCase();
        if (!HOOK_EVENTS.has(e)) {
          unknown = true;
          break;
        }
        events.push(e);
      }
      if (unknown) continue;
      const weightText = head.annotations['helm.sh/hook-weight'];
      const weight = weightText !== undefined && /^[+-]?\d+$/.test(weightText) ? Number(weightText) : 0;
      const policies = head.annotations['helm.sh/hook-delete-policy'];
      hooks.push({
        name: head.name,
        kind: head.kind,
        path,
        manifest: doc,
        events,
        weight,
        deletePolicies: policies === undefined ? [] : policies.split(',').map((p) => p.trim()).filter((p) => p !== ''),
      });
    }
  }
  return { hooks: sortByKind(hooks, (h) => h.kind, flavor), manifests: sortByKind(manifests, (m) => m.kind, flavor) };
}

const orderIndex = { v3: new Map(INSTALL_ORDER.map((k, i) => [k, i])), v4: new Map(INSTALL_ORDER_V4.map((k, i) => [k, i])) };

/** Stable sort by install order; unknown kinds last, alphabetically among themselves. */
export function sortByKind<T>(items: T[], kindOf: (item: T) => string, flavor: HelmFlavor = 'v3'): T[] {
  const order = orderIndex[flavor];
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      const ka = kindOf(a.item);
      const kb = kindOf(b.item);
      const oa = order.get(ka);
      const ob = order.get(kb);
      if (oa === undefined && ob === undefined) return ka !== kb ? (ka < kb ? -1 : 1) : a.i - b.i;
      if (oa === undefined) return 1;
      if (ob === undefined) return -1;
      return oa !== ob ? oa - ob : a.i - b.i;
    })
    .map((x) => x.item);
}
