// Manifest splitting and install-order sorting, from Helm's releaseutil behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortManifests, splitManifests } from './manifests.ts';

test('documents split on --- lines, empty documents dropped, each trimmed', () => {
  assert.deepEqual(splitManifests('---\na: 1\n---   \nb: 2\n---\n\n'), ['a: 1', 'b: 2']);
});

test('kinds sort in install order, unknown kinds last and alphabetical, ties keep file then document order', () => {
  const files = new Map([
    ['c/templates/b.yaml', 'kind: Deployment\nmetadata: {name: d}\n---\nkind: Zeta\n---\nkind: Alpha\n'],
    ['c/templates/a.yaml', 'kind: Service\n---\nkind: Namespace\n---\nkind: Deployment\nmetadata: {name: first}\n'],
    ['c/templates/_p.yaml', 'kind: Namespace\n'],
  ]);
  const { manifests } = sortManifests(files);
  assert.deepEqual(manifests.map((m) => `${m.kind}@${m.name}`), [
    'Namespace@c/templates/a.yaml', 'Service@c/templates/a.yaml', 'Deployment@c/templates/a.yaml',
    'Deployment@c/templates/b.yaml', 'Alpha@c/templates/b.yaml', 'Zeta@c/templates/b.yaml',
  ]);
});

test('hook annotations make hooks with events, weight and delete policies; unknown hooks are dropped', () => {
  const files = new Map([['c/templates/h.yaml', [
    'kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install, Post-Upgrade\n    helm.sh/hook-weight: "-3"\n    helm.sh/hook-delete-policy: hook-succeeded,before-hook-creation',
    'kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: bogus',
  ].join('\n---\n')]]);
  const { hooks, manifests } = sortManifests(files);
  assert.equal(manifests.length, 0);
  assert.equal(hooks.length, 1);
  assert.deepEqual(hooks[0]!.events, ['pre-install', 'post-upgrade']);
  assert.equal(hooks[0]!.weight, -3);
  assert.deepEqual(hooks[0]!.deletePolicies, ['hook-succeeded', 'before-hook-creation']);
});
