// dependsOn: a Kustomization waits until each dependency is Ready at its current generation and, when
// both build from the same source, has applied the revision this one is about to apply.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { KustomizationKind } from '../../api/kustomize/kustomization.ts';
import type { KubeClient } from '../../kube/index.ts';
import { getCondition } from '../../runtime/conditions.ts';
import { evaluateBool } from './cel.ts';
import { sourceRefOf, type SourceArtifact } from './source.ts';

export class DependencyNotReadyError extends Error {}

export async function checkDependencies(client: KubeClient, ks: Kustomization, artifact: SourceArtifact): Promise<void> {
  const ownSource = sourceRefOf(ks);
  for (const dep of ks.spec.dependsOn ?? []) {
    const namespace = dep.namespace || ks.metadata.namespace!;
    const key = `${namespace}/${dep.name}`;
    let other: Kustomization;
    try {
      other = await client.get<Kustomization>({ apiVersion: KustomizationKind.apiVersion, kind: KustomizationKind.kind, namespace, name: dep.name });
    } catch (err) {
      throw new DependencyNotReadyError(`unable to get '${key}' dependency: ${(err as Error).message}`);
    }
    if (dep.readyExpr) {
      if (!evaluateBool(dep.readyExpr, { self: ks, dep: other }, `readyExpr of dependency '${key}'`)) {
        throw new DependencyNotReadyError(`dependency '${key}' is not ready according to readyExpr eval`);
      }
      continue;
    }
    const ready = getCondition(other, 'Ready');
    if (other.metadata.generation !== other.status?.observedGeneration || ready?.status !== 'True') {
      throw new DependencyNotReadyError(`dependency '${key}' is not ready`);
    }
    const depSource = sourceRefOf(other);
    const sameSource = depSource.kind === ownSource.kind && depSource.name === ownSource.name && depSource.namespace === ownSource.namespace;
    if (sameSource && other.status?.lastAppliedRevision !== artifact.revision) {
      throw new DependencyNotReadyError(`dependency '${key}' revision is not up to date`);
    }
  }
}
