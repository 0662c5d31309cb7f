import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getCondition,
  markReady,
  markReconciling,
  markRetrying,
  markStalled,
  setCondition,
  type ObjectWithStatus,
} from './conditions.ts';
import { needsReconcile } from './flux-object.ts';

const t0 = new Date('2026-01-01T00:00:00.123Z');
const t1 = new Date('2026-01-01T00:05:00Z');

function obj(generation = 3): ObjectWithStatus {
  return { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a', namespace: 'n', generation } };
}

test('lastTransitionTime changes only when the status changes', () => {
  const o = obj();
  setCondition(o, 'Ready', 'False', 'Failed', 'first', t0);
  assert.equal(getCondition(o, 'Ready')!.lastTransitionTime, '2026-01-01T00:00:00Z');
  setCondition(o, 'Ready', 'False', 'OtherReason', 'second', t1);
  assert.deepEqual(getCondition(o, 'Ready'), {
    type: 'Ready',
    status: 'False',
    observedGeneration: 3,
    lastTransitionTime: '2026-01-01T00:00:00Z',
    reason: 'OtherReason',
    message: 'second',
  });
  setCondition(o, 'Ready', 'True', 'Succeeded', 'ok', t1);
  assert.equal(getCondition(o, 'Ready')!.lastTransitionTime, '2026-01-01T00:05:00Z');
});

test('a reconcile cycle follows kstatus: Reconciling while working, Ready=True with observedGeneration after', () => {
  const o = obj(7);
  o.status = { observedGeneration: -1 };
  markReconciling(o, 'building', t0);
  assert.deepEqual(o.status.conditions!.map((c) => `${c.type}=${c.status}/${c.reason}`), ['Ready=Unknown/Progressing', 'Reconciling=True/Progressing']);
  assert.equal(o.status.observedGeneration, -1, 'not handled yet');
  markReady(o, 'Succeeded', 'stored artifact', t1);
  assert.deepEqual(o.status.conditions!.map((c) => `${c.type}=${c.status}`), ['Ready=True']);
  assert.equal(o.status.observedGeneration, 7);
});

test('a transient failure keeps Reconciling with ProgressingWithRetry and does not claim the generation', () => {
  const o = obj(2);
  o.status = { observedGeneration: 1 };
  markReconciling(o, undefined, t0);
  markRetrying(o, 'ArtifactFailed', 'connection refused', t1);
  assert.deepEqual(o.status.conditions!.map((c) => `${c.type}=${c.status}/${c.reason}`), ['Ready=False/ArtifactFailed', 'Reconciling=True/ProgressingWithRetry']);
  assert.equal(o.status.observedGeneration, 1);
});

test('a failure of an object that was not reconciling adds no Reconciling condition (Flux relabels, never adds)', () => {
  const o = obj(3);
  markReady(o, 'Succeeded', 'ok', t0);
  markRetrying(o, 'GitOperationFailed', 'connection refused', t1);
  assert.deepEqual(o.status!.conditions!.map((c) => `${c.type}=${c.status}/${c.reason}`), ['Ready=False/GitOperationFailed']);
});

test('stalled drops Reconciling, sets Ready=False and claims the generation', () => {
  const o = obj(4);
  markReconciling(o, undefined, t0);
  markStalled(o, 'InvalidURL', 'url must start with https://', t1);
  assert.deepEqual(o.status!.conditions!.map((c) => `${c.type}=${c.status}/${c.reason}`), ['Ready=False/InvalidURL', 'Stalled=True/InvalidURL']);
  assert.equal(o.status!.observedGeneration, 4);
  markReady(o, 'Succeeded', 'fixed', t1);
  assert.deepEqual(o.status!.conditions!.map((c) => c.type), ['Ready']);
});

test('conditions are ordered Ready first, then by type', () => {
  const o = obj();
  setCondition(o, 'Zeta', 'True', 'R', 'm', t0);
  setCondition(o, 'ArtifactInStorage', 'True', 'R', 'm', t0);
  setCondition(o, 'Ready', 'True', 'R', 'm', t0);
  assert.deepEqual(o.status!.conditions!.map((c) => c.type), ['Ready', 'ArtifactInStorage', 'Zeta']);
});

test('status-only updates do not call for a reconcile; spec, request and deletion changes do', () => {
  const base = { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a', generation: 1, resourceVersion: '1' } };
  const statusOnly = { ...base, metadata: { ...base.metadata, resourceVersion: '2' }, status: { x: 1 } };
  assert.equal(needsReconcile(base, statusOnly), false);
  assert.equal(needsReconcile(base, { ...base, metadata: { ...base.metadata, generation: 2 } }), true);
  assert.equal(
    needsReconcile(base, { ...base, metadata: { ...base.metadata, annotations: { 'reconcile.fluxcd.io/requestedAt': 'now' } } }),
    true,
  );
  assert.equal(needsReconcile(base, { ...base, metadata: { ...base.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }), true);
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', resourceVersion: '1' } };
  assert.equal(needsReconcile(cm, { ...cm, metadata: { ...cm.metadata, resourceVersion: '2' } }), true);
});
