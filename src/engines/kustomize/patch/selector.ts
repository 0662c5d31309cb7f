// Patch targets: kustomize's Selector (group, version, kind, name and namespace as anchored regular
// expressions, plus label and annotation selectors) matched against resources' original and current ids.
import { isJsonObject, type JsonObject, type JsonValue, type Resource } from '../resource.ts';
import { currentId, effectiveNamespace, originalId } from '../resource-id.ts';

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/**
 * What a selector is matched against. A resource of a build offers its original and its current name
 * and namespace (a target matches either); a live object offers one of each.
 */
export interface SelectableObject {
  group: string;
  version: string;
  kind: string;
  names: string[];
  namespaces: string[];
  labels: Map<string, string>;
  annotations: Map<string, string>;
}

/** Compiles a selector once (bad patterns throw here) into a test of objects. */
export function selectorMatcher(selector: Selector): (obj: SelectableObject) => boolean {
  const match = {
    group: anchored(selector.group),
    version: anchored(selector.version),
    kind: anchored(selector.kind),
    name: anchored(selector.name),
    namespace: anchored(selector.namespace),
  };
  const labels = selector.labelSelector ? parseLabelSelector(selector.labelSelector) : undefined;
  const annotations = selector.annotationSelector ? parseLabelSelector(selector.annotationSelector) : undefined;
  return (obj) =>
    (!match.namespace || obj.namespaces.some((ns) => match.namespace!.test(ns))) &&
    (!match.name || obj.names.some((name) => match.name!.test(name))) &&
    (!match.group || match.group.test(obj.group)) &&
    (!match.version || match.version.test(obj.version)) &&
    (!match.kind || match.kind.test(obj.kind)) &&
    (!labels || labels(obj.labels)) &&
    (!annotations || annotations(obj.annotations));
}

export function selectResources(resources: Resource[], selector: Selector): Resource[] {
  const matches = selectorMatcher(selector);
  return resources.filter((res) => {
    const current = currentId(res);
    const original = originalId(res);
    return matches({
      group: current.group,
      version: current.version,
      kind: current.kind,
      names: [original.name, current.name],
      namespaces: [effectiveNamespace(original), effectiveNamespace(current)],
      labels: stringMap(metadataField(res.object, 'labels')),
      annotations: stringMap(metadataField(res.object, 'annotations')),
    });
  });
}

function anchored(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (err) {
    throw new Error(`error parsing regexp: ${err instanceof Error ? err.message : String(err)}: \`${pattern}\``, { cause: err });
  }
}

function metadataField(object: JsonObject, key: string): JsonValue | undefined {
  const metadata = object['metadata'];
  return isJsonObject(metadata) ? metadata[key] : undefined;
}

function stringMap(value: JsonValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (isJsonObject(value)) for (const [k, v] of Object.entries(value)) out.set(k, typeof v === 'string' ? v : String(v));
  return out;
}

type Requirement = (labels: Map<string, string>) => boolean;

/**
 * Kubernetes label selector syntax: comma-separated `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k` (exists) and `!k` (does not exist); all must hold.
 */
export function parseLabelSelector(selector: string): (labels: Map<string, string>) => boolean {
  const requirements: Requirement[] = [];
  for (const part of splitRequirements(selector)) {
    const text = part.trim();
    if (text === '') throw new Error(`unable to parse requirement: found '', expected: identifier in selector "${selector}"`);
    const setMatch = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
    if (setMatch) {
      const [, key = '', op, list = ''] = setMatch;
      const values = new Set(list.split(',').map((v) => v.trim()).filter((v) => v !== ''));
      requirements.push(op === 'in' ? (l) => l.has(key) && values.has(l.get(key) ?? '') : (l) => !l.has(key) || !values.has(l.get(key) ?? ''));
      continue;
    }
    const compare = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(text);
    if (compare) {
      const [, key = '', op, value = ''] = compare;
      requirements.push(op === '!=' ? (l) => l.get(key) !== value : (l) => l.has(key) && l.get(key) === value);
      continue;
    }
    const exists = /^(!?)\s*([^\s!=(),]+)$/.exec(text);
    if (exists) {
      const [, not, key = ''] = exists;
      requirements.push(not === '!' ? (l) => !l.has(key) : (l) => l.has(key));
      continue;
    }
    throw new Error(`unable to parse requirement: "${text}" in selector "${selector}"`);
  }
  return (labels) => requirements.every((r) => r(labels));
}

function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
