import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupPatch, type CleanupOptions } from './cleanup.ts';

const opts: CleanupOptions = {
  annotations: ['kubectl.kubernetes.io/last-applied-configuration'],
  labels: ['fluxcd.io/sync-gc-mark'],
  managers: [{ name: 'kubectl', operation: 'Update' }, { name: 'before-first-apply', operation: 'Update' }],
};

const live = (managedFields: unknown[], annotations: Record<string, string> = {}, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'ns', annotations, labels, managedFields },
});

test('kubectl entries are merged into our apply entry; status subresource and other managers stay', () => {
  const ours = { manager: 'kustomize-controller', operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {} } } };
  const edit = { manager: 'kubectl-edit', operation: 'Update', fieldsV1: { 'f:data': { 'f:b': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } } };
  const status = { manager: 'kubectl-edit', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': {} } };
  const other = { manager: 'helm', operation: 'Update', fieldsV1: { 'f:data': { 'f:c': {} } } };
  const patch = cleanupPatch(live([ours, edit, status, other]), opts, 'kustomize-controller');
  assert.deepEqual(patch, [{
    op: 'replace',
    path: '/metadata/managedFields',
    value: [status, other, { ...ours, fieldsV1: { 'f:data': { 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } } }],
  }]);
});

test('without an entry of ours, the first matching entry is renamed to an apply entry of ours', () => {
  const patch = cleanupPatch(live([{ manager: 'before-first-apply', operation: 'Update', fieldsV1: { 'f:data': {} } }]), opts, 'kustomize-controller');
  assert.deepEqual(patch[0], { op: 'replace', path: '/metadata/managedFields', value: [{ manager: 'kustomize-controller', operation: 'Apply', fieldsV1: { 'f:data': {} } }] });
});

test('listed annotations and labels are removed with escaped JSON pointers; nothing to do gives no patch', () => {
  const patch = cleanupPatch(live([], { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'x' }, { 'fluxcd.io/sync-gc-mark': 'y' }), opts, 'kustomize-controller');
  assert.deepEqual(patch, [
    { op: 'remove', path: '/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration' },
    { op: 'remove', path: '/metadata/labels/fluxcd.io~1sync-gc-mark' },
  ]);
  assert.deepEqual(cleanupPatch(live([{ manager: 'kubectl', operation: 'Apply' }], { keep: 'x' }), opts, 'kustomize-controller'), []);
});
