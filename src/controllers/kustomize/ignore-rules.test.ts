import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ignoredPaths } from './ignore-rules.ts';

const obj = (apiVersion: string, kind: string, name: string, labels: Record<string, string> = {}) => ({ apiVersion, kind, metadata: { name, namespace: 'apps', labels } });

test('rules select objects by anchored patterns and label selectors; no target selects all', () => {
  const paths = ignoredPaths([
    { paths: ['/spec/replicas'], target: { group: 'apps', kind: 'Deploy.*' } },
    { paths: ['/data/token'], target: { kind: 'ConfigMap', labelSelector: 'team in (a,b)' } },
    { paths: ['/metadata/annotations/x'] },
  ])!;
  assert.deepEqual(paths(obj('apps/v1', 'Deployment', 'web')), ['/spec/replicas', '/metadata/annotations/x']);
  assert.deepEqual(paths(obj('v1', 'ConfigMap', 'c', { team: 'a' })), ['/data/token', '/metadata/annotations/x']);
  assert.deepEqual(paths(obj('v1', 'ConfigMap', 'c', { team: 'c' })), ['/metadata/annotations/x']);
  assert.deepEqual(paths(obj('extensions/v1', 'XDeployment', 'web')), ['/metadata/annotations/x']);
  assert.equal(ignoredPaths([]), undefined);
});

test('a bad pointer or pattern is refused before anything is applied', () => {
  assert.throws(() => ignoredPaths([{ paths: ['spec'] }]), /must start with/);
  assert.throws(() => ignoredPaths([{ paths: ['/spec'], target: { kind: '(' } }]), /invalid ignore rule target: error parsing regexp/);
});
