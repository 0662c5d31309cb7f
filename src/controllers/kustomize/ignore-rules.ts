// spec.ignore: which JSON pointers each applied object keeps as the cluster has them. A rule's target
// selects objects as a kustomize patch target does (the engine's own matcher); without a target it
// selects every object.
import type { IgnoreRule, Selector } from '../../api/meta/kustomize.ts';
import { selectorMatcher } from '../../engines/kustomize/patch/selector.ts';
import type { KubeObject } from '../../kube/index.ts';
import { parsePointer } from '../../ssa/index.ts';

type Matcher = (obj: KubeObject) => boolean;

function matcher(target: Selector | undefined): Matcher {
  if (!target) return () => true;
  let matches: ReturnType<typeof selectorMatcher>;
  try {
    matches = selectorMatcher(target);
  } catch (err) {
    throw new Error(`invalid ignore rule target: ${(err as Error).message}`, { cause: err });
  }
  return (obj) => {
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/', 2) : ['', obj.apiVersion];
    return matches({
      group: group!,
      version: version!,
      kind: obj.kind,
      names: [obj.metadata.name ?? ''],
      namespaces: [obj.metadata.namespace ?? ''],
      labels: new Map(Object.entries(obj.metadata.labels ?? {})),
      annotations: new Map(Object.entries(obj.metadata.annotations ?? {})),
    });
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
