import { describe, it } from 'node:test';
import { assertSameAsKubectl } from '../oracle/kubectl-kustomize.ts';
import { applyPatches } from './apply-fields.ts';

const resources = ['web', 'web-canary', 'api', 'db']
  .map((name, i) => `apiVersion: ${i === 3 ? 'apps/v1' : 'v1'}
kind: ${i === 3 ? 'StatefulSet' : 'Service'}
metadata:
  name: ${name}
  ${i === 2 ? 'namespace: prod\n  ' : ''}labels:
    tier: ${i < 2 ? 'front' : 'back'}
    ${i === 1 ? 'canary: "true"' : 'stable: "yes"'}
  annotations:
    owner: team-${i % 2 === 0 ? 'a' : 'b'}
`)
  .join('---\n');

/** Labels every resource the target selects, in both engines. */
function assertSelectsLikeKubectl(target: Record<string, string>): void {
  const patch = '- {op: add, path: /metadata/labels/selected, value: "yes"}';
  const kustomization = `resources: [resources.yaml]\npatches:\n- target: ${JSON.stringify(target)}\n  patch: ${JSON.stringify(patch)}\n`;
  assertSameAsKubectl({ 'kustomization.yaml': kustomization, 'resources.yaml': resources }, (res, loader) => applyPatches(res, [{ target, patch }], loader));
}

void describe('patch targets select what kustomize selects', () => {
  void it('names are anchored regular expressions', () => {
    assertSelectsLikeKubectl({ name: 'web' });
    assertSelectsLikeKubectl({ name: 'web.*' });
    assertSelectsLikeKubectl({ name: 'w.b|d.' });
  });
  void it('kind, group and version', () => {
    assertSelectsLikeKubectl({ kind: 'Service' });
    assertSelectsLikeKubectl({ group: 'apps' });
    assertSelectsLikeKubectl({ version: 'v1', kind: 'S.*' });
  });
  void it('namespaces, with "default" for the unset one', () => {
    assertSelectsLikeKubectl({ namespace: 'default' });
    assertSelectsLikeKubectl({ namespace: 'prod' });
  });
  void it('label and annotation selectors', () => {
    assertSelectsLikeKubectl({ labelSelector: 'tier=front,!canary' });
    assertSelectsLikeKubectl({ labelSelector: 'tier in (back, other),stable' });
    assertSelectsLikeKubectl({ labelSelector: 'tier notin (front)' });
    assertSelectsLikeKubectl({ labelSelector: 'canary!=true' });
    assertSelectsLikeKubectl({ annotationSelector: 'owner==team-b' });
  });
});
