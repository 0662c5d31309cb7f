import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeMetrics } from './metrics.ts';
import { WorkQueue } from './queue.ts';

function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

test('queue activity shows up in the workqueue_* series under the controller name', async () => {
  const metrics = new RuntimeMetrics({ processMetrics: false });
  const queue = new WorkQueue({ name: 'kustomization', observer: metrics.queueObserver('kustomization') });
  metrics.trackQueue(queue);
  queue.add('a');
  queue.add('b');
  queue.add('a');
  const key = await queue.get();
  let text = await metrics.text();
  assert.equal(sample(text, 'workqueue_adds_total', 'name="kustomization"'), 2);
  assert.equal(sample(text, 'workqueue_depth', 'name="kustomization"'), 1);
  assert.equal(sample(text, 'workqueue_queue_duration_seconds_count', 'name="kustomization"'), 1);
  assert.ok(sample(text, 'workqueue_longest_running_processor_seconds', 'name="kustomization"')! >= 0);
  queue.addRateLimited('c');
  queue.done(key!);
  text = await metrics.text();
  assert.equal(sample(text, 'workqueue_retries_total', 'name="kustomization"'), 1);
  assert.equal(sample(text, 'workqueue_work_duration_seconds_count', 'name="kustomization"'), 1);
  assert.equal(sample(text, 'workqueue_unfinished_work_seconds', 'name="kustomization"'), 0);
  queue.shutDown();
});

test('reconcile results, errors and per-object durations use Flux and controller-runtime names', async () => {
  const metrics = new RuntimeMetrics({ processMetrics: false });
  metrics.controllerStarted('gitrepository', 2);
  metrics.reconciled('gitrepository', 'success', 0.2);
  metrics.reconciled('gitrepository', 'error', 0.1);
  metrics.reconciled('gitrepository', 'requeue_after', 0.1);
  metrics.objectReconciled('GitRepository', 'flux-system', 'podinfo', 0.3);
  metrics.setResourceInfo({ group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', version: 'v1', namespace: 'flux-system', name: 'podinfo', ready: 'False', suspended: 'false' });
  metrics.setResourceInfo({ group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', version: 'v1', namespace: 'flux-system', name: 'podinfo', ready: 'True', suspended: 'false' });
  let text = await metrics.text();
  assert.equal(sample(text, 'controller_runtime_reconcile_total', 'controller="gitrepository",result="success"'), 1);
  assert.equal(sample(text, 'controller_runtime_reconcile_total', 'controller="gitrepository",result="requeue"'), 0);
  assert.equal(sample(text, 'controller_runtime_reconcile_errors_total', 'controller="gitrepository"'), 1);
  assert.equal(sample(text, 'controller_runtime_reconcile_time_seconds_count', 'controller="gitrepository"'), 3);
  assert.equal(sample(text, 'controller_runtime_max_concurrent_reconciles', 'controller="gitrepository"'), 2);
  assert.equal(sample(text, 'gotk_reconcile_duration_seconds_count', 'kind="GitRepository",name="podinfo",namespace="flux-system"'), 1);
  // Flux's histogram: 10 exponential buckets from 10ms to 1800s
  const buckets = text.split('\n').filter((l) => l.startsWith('gotk_reconcile_duration_seconds_bucket'));
  assert.equal(buckets.length, 11); // 10 + "+Inf"
  assert.match(buckets[0]!, /le="0.01"/);
  assert.match(buckets[9]!, /le="1800(\.0+\d*)?"|le="1799\.9+\d*"/);
  const info = text.split('\n').filter((l) => l.startsWith('gotk_resource_info{'));
  assert.equal(info.length, 1, 'a state change replaces the series instead of adding one');
  assert.match(info[0]!, /ready="True"/);
  metrics.objectDeleted('GitRepository', 'flux-system', 'podinfo');
  text = await metrics.text();
  assert.equal(text.split('\n').filter((l) => l.startsWith('gotk_resource_info{') || l.startsWith('gotk_reconcile_duration_seconds_count')).length, 0);
});
