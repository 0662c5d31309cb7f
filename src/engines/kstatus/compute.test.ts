import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHealth } from './compute.ts';
import type { ObservedObject } from './types.ts';

const deployment = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): ObservedObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation },
  spec,
  status: { observedGeneration: generation, ...status },
});

const availableConditions = [
  { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
  { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
];

test('an object being deleted is Terminating whatever its status says', () => {
  const obj = deployment({ replicas: 1 }, { replicas: 1 });
  obj.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  assert.equal(computeHealth(obj).status, 'Terminating');
});

test('an unobserved generation is InProgress and names both generations', () => {
  const obj = deployment({ replicas: 1 }, { replicas: 1 }, 3);
  obj.status!.observedGeneration = 2;
  const r = computeHealth(obj);
  assert.equal(r.status, 'InProgress');
  assert.equal(r.message, 'Deployment generation is 3, but latest observed generation is 2');
  assert.equal(r.condition?.reason, 'LatestGenerationNotObserved');
});

test('a Deployment is Current only when all replicas are updated, available and ready', () => {
  const full = { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions: availableConditions };
  assert.equal(computeHealth(deployment({ replicas: 3 }, full)).status, 'Current');
  assert.equal(computeHealth(deployment({ replicas: 3 }, full)).message, 'Deployment is available. Replicas: 3');
  const rolling = computeHealth(deployment({ replicas: 3 }, { ...full, updatedReplicas: 1 }));
  assert.deepEqual([rolling.status, rolling.message], ['InProgress', 'Updated: 1/3']);
  const notReady = computeHealth(deployment({ replicas: 3 }, { ...full, readyReplicas: 2 }));
  assert.deepEqual([notReady.status, notReady.message], ['InProgress', 'Ready: 2/3']);
  const surplus = computeHealth(deployment({ replicas: 2 }, { ...full }));
  assert.deepEqual([surplus.status, surplus.message], ['InProgress', 'Pending termination: 1']);
});

test('a Deployment past its progress deadline is Failed', () => {
  const r = computeHealth(
    deployment({ replicas: 1 }, { replicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'took too long' }] }),
  );
  assert.equal(r.status, 'Failed');
  assert.equal(r.condition?.type, 'Stalled');
});

test('a Deployment scaled to zero is Current once the controller has reported progress', () => {
  assert.equal(computeHealth(deployment({ replicas: 0 }, { conditions: availableConditions })).status, 'Current');
});

test('standard Reconciling and Stalled conditions decide before kind-specific rules', () => {
  const reconciling = deployment({ replicas: 1 }, { conditions: [{ type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'working' }] });
  assert.deepEqual([computeHealth(reconciling).status, computeHealth(reconciling).message], ['InProgress', 'working']);
  const stalled = deployment({ replicas: 1 }, { conditions: [{ type: 'Stalled', status: 'True', reason: 'Bad', message: 'cannot' }] });
  assert.equal(computeHealth(stalled).status, 'Failed');
});

test('Pods: crash loops fail, unschedulable pods fail after the scheduling window', () => {
  const now = new Date('2026-01-01T00:01:00Z');
  const pod = (status: Record<string, unknown>, created = '2026-01-01T00:00:00Z'): ObservedObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: created }, status,
  });
  assert.equal(computeHealth(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), now).status, 'Current');
  const looping = computeHealth(pod({ phase: 'Running', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }), now);
  assert.deepEqual([looping.status, looping.message], ['Failed', 'Containers in CrashLoop state: app']);
  const unschedulable = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
  assert.equal(computeHealth(pod(unschedulable), now).status, 'Failed');
  assert.equal(computeHealth(pod(unschedulable, '2026-01-01T00:00:55Z'), now).status, 'InProgress');
  assert.equal(computeHealth(pod({ phase: 'Succeeded' }), now).status, 'Current');
});

test('Jobs: complete and suspended are Current, a failed job is Failed, unstarted is InProgress', () => {
  const job = (status: Record<string, unknown>): ObservedObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { completions: 2 }, status });
  assert.equal(computeHealth(job({ succeeded: 2, conditions: [{ type: 'Complete', status: 'True' }] })).message, 'Job Completed. succeeded: 2/2');
  assert.equal(computeHealth(job({ failed: 1, conditions: [{ type: 'Failed', status: 'True' }] })).status, 'Failed');
  assert.equal(computeHealth(job({})).status, 'InProgress');
  assert.equal(computeHealth(job({ conditions: [{ type: 'Suspended', status: 'True' }] })).status, 'Current');
});

test('StatefulSets follow replicas, partitions and revisions; DaemonSets need observed generations', () => {
  const sts = (spec: Record<string, unknown>, status: Record<string, unknown>): ObservedObject => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec, status });
  const done = { replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: 'a', updateRevision: 'a' };
  assert.equal(computeHealth(sts({ replicas: 2 }, done)).status, 'Current');
  assert.equal(computeHealth(sts({ replicas: 2 }, { ...done, updateRevision: 'b' })).status, 'InProgress');
  assert.equal(computeHealth(sts({ replicas: 2, updateStrategy: { rollingUpdate: { partition: 1 } } }, { ...done, updatedReplicas: 0 })).message, 'updated: 0/1');
  const ds: ObservedObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', generation: 1 }, status: {} };
  assert.equal(computeHealth(ds).message, 'DaemonSet status.observedGeneration not found');
});

test('CRDs are Current once Established and Failed when names are not accepted', () => {
  const crd = (conds: unknown[]): ObservedObject => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' }, status: { conditions: conds } });
  assert.equal(computeHealth(crd([{ type: 'Established', status: 'True' }])).status, 'Current');
  assert.equal(computeHealth(crd([{ type: 'NamesAccepted', status: 'False', reason: 'NameConflict', message: 'taken' }])).status, 'Failed');
  assert.equal(computeHealth(crd([])).status, 'InProgress');
});

test('custom resources are judged by their Ready condition, and without one count as Current', () => {
  const cr = (conds?: unknown[]): ObservedObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', generation: 1 }, status: conds ? { observedGeneration: 1, conditions: conds } : undefined });
  assert.equal(computeHealth(cr()).status, 'Current');
  assert.equal(computeHealth(cr([{ type: 'Ready', status: 'True', message: 'ok' }])).status, 'Current');
  const notReady = computeHealth(cr([{ type: 'Ready', status: 'False', reason: 'InstallFailed', message: 'chart failed' }]));
  assert.deepEqual([notReady.status, notReady.message], ['Failed', 'chart failed']);
  assert.equal(computeHealth(cr([{ type: 'Ready', status: 'Unknown', reason: 'Progressing' }])).status, 'InProgress');
});

test('Services of type LoadBalancer wait for a cluster IP; PVCs wait to be Bound', () => {
  assert.equal(computeHealth({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { type: 'LoadBalancer' } }).status, 'InProgress');
  assert.equal(computeHealth({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { clusterIP: '10.0.0.5' } }).status, 'Current');
  assert.equal(computeHealth({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {}, status: { phase: 'Pending' } }).message, 'PVC is not Bound. phase: Pending');
});
