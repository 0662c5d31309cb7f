import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { CelExpressionError } from './cel.ts';
import { celHealth, healthCheckTargets, validateHealthCheckExprs } from './health.ts';
import { applyPolicy, keepOnPrune } from './policies.ts';

const cm = (name: string, data: Record<string, string>, annotations: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', annotations }, data });

test('CEL health rules: inProgress, then failed, then current; other kinds are left to kstatus', () => {
  const health = celHealth([{ apiVersion: 'v1', kind: 'ConfigMap', inProgress: "data.state == 'starting'", failed: "data.state == 'broken'", current: "data.state == 'ok'" }])!;
  assert.equal(health(cm('a', { state: 'starting' }))?.status, 'InProgress');
  assert.equal(health(cm('a', { state: 'broken' }))?.status, 'Failed');
  assert.equal(health(cm('a', { state: 'ok' }))?.status, 'Current');
  assert.equal(health(cm('a', { state: 'other' }))?.status, 'InProgress');
  assert.equal(health({ apiVersion: 'v1', kind: 'Secret', metadata: {} }), undefined);
  assert.equal(celHealth([]), undefined);
});

test('an invalid CEL expression is refused before anything is applied', () => {
  assert.throws(() => validateHealthCheckExprs([{ apiVersion: 'v1', current: 'data.state ==' }]), CelExpressionError);
});

test('wait: true checks every applied object except skipped ones and Jobs with a TTL', () => {
  const ks = { spec: { wait: true } } as Kustomization;
  const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'ns' }, spec: { ttlSecondsAfterFinished: 10 } };
  const objects = [cm('a', {}), cm('b', {}), job];
  const skipped = { id: { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'b' }, action: 'skipped' as const };
  assert.deepEqual(healthCheckTargets(ks, objects, [skipped]).map((id) => id.name), ['a']);
  const listed = { spec: { healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'apps' }] } } as Kustomization;
  assert.deepEqual(healthCheckTargets(listed, objects, []), [{ group: 'apps', version: 'v1', kind: 'Deployment', name: 'web', namespace: 'apps' }]);
});

test('per-object annotations: reconcile disabled and ssa Ignore skip, IfNotPresent, force, prune disabled', () => {
  const policy = applyPolicy(false, 'kustomize-controller');
  assert.equal(policy.skip!(cm('a', {}, { 'kustomize.toolkit.fluxcd.io/reconcile': 'disabled' })), true);
  assert.equal(policy.skip!(cm('a', {}, { 'kustomize.toolkit.fluxcd.io/ssa': 'Ignore' })), true);
  assert.equal(policy.skip!(cm('a', {}, { 'kustomize.toolkit.fluxcd.io/ssa': 'Merge' })), false);
  assert.equal(policy.ifNotPresent!(cm('a', {}, { 'kustomize.toolkit.fluxcd.io/ssa': 'IfNotPresent' })), true);
  assert.equal(policy.force!(cm('a', {}, { 'kustomize.toolkit.fluxcd.io/force': 'Enabled' })), true);
  assert.equal(policy.force!(cm('a', {})), false);
  assert.equal(applyPolicy(true, 'kustomize-controller').force!(cm('a', {})), true);
  assert.equal(keepOnPrune(cm('a', {}, { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' })), true);
  assert.equal(keepOnPrune(cm('a', {})), false);
});

test('kubectl fields are taken over by default (Override) and left alone with ssa: Merge on either side', () => {
  const policy = applyPolicy(false, 'kustomize-controller');
  const cleanup = policy.cleanup!(cm('a', {}), cm('a', {}));
  assert.ok(cleanup?.annotations.includes('kubectl.kubernetes.io/last-applied-configuration'));
  assert.deepEqual(cleanup?.managers.map((m) => `${m.name}/${m.operation}`), ['kubectl/Apply', 'kubectl/Update', 'before-first-apply/Update', 'kustomize-controller/Update']);
  assert.equal(policy.cleanup!(cm('a', {}, { 'kustomize.toolkit.fluxcd.io/ssa': 'Merge' }), cm('a', {})), undefined);
  assert.equal(policy.cleanup!(cm('a', {}), cm('a', {}, { 'kustomize.toolkit.fluxcd.io/ssa': 'merge' })), undefined);
});
