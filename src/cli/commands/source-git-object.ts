// Builds GitRepository objects from `create source git` flags and prints objects the way
// `flux export` does (only what a user would commit, keys in the order sigs.k8s.io/yaml writes them).
import { stringify } from 'yaml';
import { GitRepositoryKind, type GitRepository, type GitRepositorySpec } from '../../api/source/git-repository.ts';
import { formatGoDuration } from '../../runtime/duration.ts';

export interface CreateGitFlags {
  url: string;
  branch?: string;
  tag?: string;
  tagSemver?: string;
  refName?: string;
  commit?: string;
  secretRef?: string;
  interval: number;
  gitTimeout?: number;
  ignorePaths?: string[];
  recurseSubmodules?: boolean;
  sparseCheckoutPaths?: string[];
  label?: string[];
}

export function gitRepositoryFromFlags(name: string, namespace: string, flags: CreateGitFlags): GitRepository {
  if (!flags.branch && !flags.tag && !flags.tagSemver && !flags.refName && !flags.commit) {
    throw new Error('a Git ref is required, use one of the following: --branch, --tag, --commit, --ref-name or --tag-semver');
  }
  const url = new URL(flags.url);
  if (!['http:', 'https:', 'ssh:'].includes(url.protocol)) throw new Error(`git URL scheme '${url.protocol.replace(':', '')}' not supported, can be: ssh, http and https`);
  const ref: NonNullable<GitRepositorySpec['ref']> = {};
  if (flags.commit) ref.commit = flags.commit;
  if (flags.refName) ref.name = flags.refName;
  if (flags.tagSemver) ref.semver = flags.tagSemver;
  if (flags.tag) ref.tag = flags.tag;
  if (flags.branch) ref.branch = flags.branch;
  const spec: GitRepositorySpec = { url: flags.url, interval: formatGoDuration(flags.interval), ref };
  if (flags.gitTimeout !== undefined) spec.timeout = formatGoDuration(flags.gitTimeout);
  if (flags.secretRef) spec.secretRef = { name: flags.secretRef };
  if (flags.ignorePaths?.length) spec.ignore = flags.ignorePaths.join('\n');
  if (flags.recurseSubmodules) spec.recurseSubmodules = true;
  if (flags.sparseCheckoutPaths?.length) spec.sparseCheckout = flags.sparseCheckoutPaths;
  const labels = parseLabels(flags.label ?? []);
  return {
    apiVersion: GitRepositoryKind.apiVersion,
    kind: GitRepositoryKind.kind,
    metadata: { name, namespace, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
    spec,
  };
}

function parseLabels(pairs: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const [key, value] = pair.split('=');
    if (!key || value === undefined) throw new Error(`invalid label format '${pair}', must be key=value`);
    labels[key] = value;
  }
  return labels;
}

/** What `flux export` keeps of an object read from the cluster. */
export function exportable(obj: { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec?: unknown; data?: unknown; stringData?: unknown; type?: unknown }): Record<string, unknown> {
  const { name, namespace, labels, annotations } = obj.metadata as Record<string, unknown>;
  const metadata: Record<string, unknown> = { name, namespace };
  if (labels && Object.keys(labels).length > 0) metadata.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = annotations;
  const out: Record<string, unknown> = { apiVersion: obj.apiVersion, kind: obj.kind, metadata };
  for (const key of ['spec', 'type', 'data', 'stringData'] as const) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

/** `---`-separated YAML documents with keys sorted, as the Go YAML marshaller writes them. */
export function toYamlDocuments(objects: unknown[]): string {
  return objects.map((o) => `---\n${stringify(sortKeys(o), { lineWidth: 0 })}`).join('');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
