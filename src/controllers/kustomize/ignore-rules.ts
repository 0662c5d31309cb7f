// spec.ignore: which JSON pointers each applied object keeps as the cluster has them. A rule's target
// selects objects like a kustomize patch target (anchored regular expressions for group, version,
// kind, name and namespace; label and annotation selectors); without a target it selects every object.
import type { IgnoreRule, Selector } from '../../api/meta/kustomize.ts';
import { parseLabelSelector } from '../../engines/kustomize/patch/selector.ts';
import type { KubeObject } from '../../kube/index.ts';
import { parsePointer } from '../../ssa/index.ts';

type Matcher = (obj: KubeObject) => boolean;

function anchored(pattern: string | undefined, what: string): RegExp | undefined {
  if (!pattern) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (err) {
    throw new Error(`invalid ignore rule target ${what} '${pattern}': ${(err as Error).message}`, { cause: err });
  }
}

function matcher(target: Selector | undefined): Matcher {
  if (!target) return () => true;
  const [group, version] = [anchored(target.group, 'group'), anchored(target.version, 'version')];
  const [kind, name, namespace] = [anchored(target.kind, 'kind'), anchored(target.name, 'name'), anchored(target.namespace, 'namespace')];
  const labels = target.labelSelector ? parseLabelSelector(target.labelSelector) : undefined;
  const annotations = target.annotationSelector ? parseLabelSelector(target.annotationSelector) : undefined;
  return (obj) => {
    const [g, v] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/', 2) : ['', obj.apiVersion];
    return (
      (!group || group.test(g!)) &&
      (!version || version.test(v!)) &&
      (!kind || kind.test(obj.kind)) &&
      (!name || name.test(obj.metadata.name ?? '')) &&
      (!namespace || namespace.test(obj.metadata.namespace ?? '')) &&
      (!labels || labels(new Map(Object.entries(obj.metadata.labels ?? {})))) &&
      (!annotations || annotations(new Map(Object.entries(obj.metadata.annotations ?? {}))))
    );
  };
}

/** The ignored paths per object, or undefined without rules; bad pointers or patterns throw now. */
export function ignoredPaths(rules: IgnoreRule[] | undefined): ((obj: KubeObject) => string[]) | undefined {
  if (!rules?.length) return undefined;
  const compiled = rules.map((rule) => {
    for (const p of rule.paths) parsePointer(p);
    return { match: matcher(rule.target), paths: rule.paths };
  });
  return (obj) => compiled.flatMap((r) => (r.match(obj) ? r.paths : []));
}
