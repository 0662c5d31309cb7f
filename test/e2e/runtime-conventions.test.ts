// The Flux conventions the runtime applies around reconcile, on a real apiserver with a small CRD of our
// own: finalizer, kstatus conditions and observedGeneration, status written by server-side apply
// (other writers' status fields survive), reconcile requests, suspend, transient vs stalled failures,
// and aggregated Kubernetes Events.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eventually, testCluster, testNamespace } from './harness.ts';
import { objectKey } from '../../src/runtime/cache.ts';
import { markReady, getCondition, type ObjectWithStatus } from '../../src/runtime/conditions.ts';
import { defineController, ReconcileError, StalledError } from '../../src/runtime/controller.ts';
import { Logger } from '../../src/runtime/logger.ts';
import { Manager } from '../../src/runtime/manager.ts';
import { RuntimeMetrics } from '../../src/runtime/metrics.ts';
import { isNotFound, type KubeClient, type KubeObject } from '../../src/kube/index.ts';
import { widgetCrd } from '../support/widget-crd.ts';

// A group of this process's own: the shared cluster may run this file twice at once, and each run
// deletes its CRD when done.
const group = `r${randomBytes(4).toString('hex')}.runtime.tsflux.test`;
const widgetKind = { apiVersion: `${group}/v1`, kind: 'Widget' };

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

interface Widget extends ObjectWithStatus {
  spec: { note: string; fail?: 'transient' | 'stalled'; suspend?: boolean; sourceRef?: string };
}

const conditionSchema = {
  type: 'object',
  required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
  properties: {
    type: { type: 'string' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    observedGeneration: { type: 'integer', format: 'int64' },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    reason: { type: 'string' },
    message: { type: 'string' },
  },
};

async function installWidgetCrd(client: KubeClient): Promise<void> {
  const crd = widgetCrd(group, {
    spec: {
      type: 'object',
      properties: { note: { type: 'string' }, fail: { type: 'string' }, suspend: { type: 'boolean' }, sourceRef: { type: 'string' } },
    },
    status: {
      type: 'object',
      default: { observedGeneration: -1 },
      properties: {
        observedGeneration: { type: 'integer', format: 'int64' },
        lastHandledReconcileAt: { type: 'string' },
        reconciledNote: { type: 'string' },
        external: { type: 'string' },
        sourceRevision: { type: 'string' },
        conditions: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'], items: conditionSchema },
      },
    },
  });
  await client.apply(crd, { fieldManager: 'tsflux-e2e', force: true });
  await eventually('the Widget CRD to be served', async () => {
    await client.list(widgetKind.apiVersion, widgetKind.kind, { namespace: 'default' });
    return true;
  });
}

// Remove the CRD when this file is done, so an external test cluster is left clean.
after(async () => {
  const { client } = await testCluster();
  // A test that failed midway leaves widgets whose finalizer no controller will remove any more; they
  // would hold the CRD in Terminating for every later run on the same cluster.
  const left = await client.list<Widget>(widgetKind.apiVersion, widgetKind.kind).then((l) => l.items, () => [] as Widget[]);
  for (const w of left) {
    await client.patch({ ...widgetKind, name: w.metadata.name!, namespace: w.metadata.namespace }, { metadata: { finalizers: null } }, 'merge').catch(() => {});
  }
  await client.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `widgets.${group}` }).catch(() => {});
});

void test('Flux conventions: finalizer, conditions, SSA status, reconcile requests, suspend, failures, events', async (t) => {
  const { client } = await testCluster();
  await installWidgetCrd(client);
  const namespace = await testNamespace(t);
  const finalized: string[] = [];
  const logs: string[] = [];

  const widgets = defineController<Widget>({
    kind: widgetKind,
    async reconcile(widget, ctx) {
      if (widget.spec.fail === 'transient') throw new ReconcileError('ArtifactFailed', 'the artifact server did not answer');
      if (widget.spec.fail === 'stalled') throw new StalledError('InvalidURL', 'the URL can never work');
      markReady(widget, 'Succeeded', `noted ${widget.spec.note}`);
      widget.status!.reconciledNote = widget.spec.note;
      await ctx.event('Normal', 'Succeeded', `noted ${widget.spec.note}`, { [`${group}/revision`]: widget.spec.note });
      return { requeueAfterMs: 60_000 };
    },
    async finalize(widget) {
      finalized.push(widget.metadata.name!);
    },
  });
  const manager = new Manager({
    client,
    logger: new Logger({ write: (l) => logs.push(l) }),
    metrics: new RuntimeMetrics({ processMetrics: false }),
    namespace,
    retry: { baseDelayMs: 50, maxDelayMs: 400 },
  });
  manager.add(widgets, { fieldManager: 'widget-controller' });
  const stop = new AbortController();
  const running = manager.run(stop.signal);
  t.after(async () => {
    stop.abort();
    await running;
  });

  const ref = { ...widgetKind, name: 'w1', namespace };
  const read = () => client.get<Widget>(ref);
  const until = (what: string, ok: (w: Widget) => boolean) =>
    eventually(what, async () => {
      const w = await read();
      return ok(w) ? w : undefined;
    }, 30_000);

  await client.create<Widget>({ ...widgetKind, metadata: { name: 'w1', namespace }, spec: { note: 'a' } });
  let w = await until('Ready=True', (x) => getCondition(x, 'Ready')?.status === 'True');
  assert.deepEqual(w.metadata.finalizers, ['finalizers.fluxcd.io']);
  assert.equal(w.status!.observedGeneration, 1);
  assert.equal(w.status!.reconciledNote, 'a');
  assert.equal(getCondition(w, 'Ready')!.reason, 'Succeeded');
  assert.equal(getCondition(w, 'Ready')!.observedGeneration, 1);
  const managers = (w.metadata.managedFields as { manager: string; subresource?: string }[]).filter((m) => m.subresource === 'status');
  assert.ok(managers.some((m) => m.manager === 'widget-controller'), 'the status is owned by the controller field manager');
  const readySince = getCondition(w, 'Ready')!.lastTransitionTime;

  // Someone else writes a status field: our next status write keeps it.
  await client.patch(ref, { status: { external: 'kept' } }, 'merge', { subresource: 'status', fieldManager: 'someone-else' });
  await client.patch(ref, { spec: { note: 'b' } }, 'merge');
  w = await until('note b reconciled', (x) => x.status?.reconciledNote === 'b');
  assert.equal(w.status!.external, 'kept');
  assert.equal(w.status!.observedGeneration, 2);
  assert.equal(getCondition(w, 'Ready')!.lastTransitionTime, readySince, 'Ready stayed True: no transition');

  await client.patch(ref, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'token-1' } } }, 'merge');
  await until('the reconcile request handled', (x) => x.status?.lastHandledReconcileAt === 'token-1');

  // A transient failure: Ready=False with the reason, no Reconciling added (Flux only relabels one the
  // reconcile set), generation not claimed,
  // retried with backoff and the repeated Warning aggregated into one Event.
  await client.patch(ref, { spec: { fail: 'transient' } }, 'merge');
  w = await until('Ready=False ArtifactFailed', (x) => getCondition(x, 'Ready')?.reason === 'ArtifactFailed');
  assert.equal(getCondition(w, 'Ready')!.status, 'False');
  assert.equal(getCondition(w, 'Ready')!.message, 'the artifact server did not answer');
  assert.equal(getCondition(w, 'Reconciling'), undefined);
  assert.equal(w.status!.observedGeneration, 2);
  const warning = await eventually('an aggregated Warning event', async () => {
    const events = (await client.list<KubeObject & { reason: string; count: number; type: string; involvedObject: { name: string } }>('v1', 'Event', { namespace })).items.filter(
      (e) => e.involvedObject.name === 'w1' && e.reason === 'ArtifactFailed',
    );
    return events.length === 1 && events[0]!.count >= 3 ? events[0] : undefined;
  }, 30_000);
  assert.equal(warning.type, 'Warning');
  assert.equal((warning.source as { component: string }).component, 'widget-controller');

  // A spec that can never work: Stalled, Reconciling gone, generation claimed.
  await client.patch(ref, { spec: { fail: 'stalled' } }, 'merge');
  w = await until('Stalled', (x) => getCondition(x, 'Stalled')?.status === 'True');
  assert.equal(getCondition(w, 'Ready')!.reason, 'InvalidURL');
  assert.equal(getCondition(w, 'Reconciling'), undefined);
  assert.equal(w.status!.observedGeneration, 4);

  // Suspended: spec changes are not reconciled until resumed.
  await client.patch(ref, { spec: { suspend: true, fail: null, note: 'c' } }, 'merge');
  await eventually('the suspended reconcile to be skipped', async () =>
    logs.some((l) => JSON.parse(l).msg === 'Reconciliation is suspended for this object') ? true : undefined,
  );
  assert.equal((await read()).status!.reconciledNote, 'b');
  await client.patch(ref, { spec: { suspend: false } }, 'merge');
  w = await until('note c reconciled after resume', (x) => x.status?.reconciledNote === 'c');
  assert.equal(getCondition(w, 'Ready')!.status, 'True');
  assert.deepEqual(w.status!.conditions!.map((c) => c.type), ['Ready'], 'Stalled cleared on success');

  const normal = (await client.list<KubeObject & { reason: string; metadata: { annotations?: Record<string, string> } }>('v1', 'Event', { namespace })).items.find(
    (e) => e.reason === 'Succeeded' && e.metadata.annotations?.[`${group}/revision`] === 'c',
  );
  assert.ok(normal, 'a Normal event with the revision annotation');

  // Deletion runs finalize, then the finalizer goes and the object with it.
  await client.delete(ref);
  await eventually('the widget to be gone', async () => {
    try {
      await read();
      return undefined;
    } catch (e) {
      if (isNotFound(e)) return true;
      throw e;
    }
  });
  assert.deepEqual(finalized, ['w1']);
});

void test('a change of a secondary object reconciles the objects that reference it (index + toKeys)', async (t) => {
  const { client } = await testCluster();
  await installWidgetCrd(client);
  const namespace = await testNamespace(t);
  const configMaps = { apiVersion: 'v1', kind: 'ConfigMap' };
  // Like a Kustomization and its source: widgets name a ConfigMap whose data they copy into their status.
  const widgets = defineController<Widget>({
    kind: widgetKind,
    indexes: { sourceRef: (w) => (w.spec.sourceRef ? [`${w.metadata.namespace}/${w.spec.sourceRef}`] : []) },
    watches: [
      {
        kind: configMaps,
        toKeys: (cm, primary) => primary.byIndex('sourceRef', objectKey(cm)).map(objectKey),
        // like an artifact revision: other changes of the source do not matter
        changed: (old, updated) => (old as ConfigMap).data?.revision !== (updated as ConfigMap).data?.revision,
      },
    ],
    async reconcile(widget, ctx) {
      const sources = await ctx.cache.synced<ConfigMap>(configMaps);
      const source = sources.get(`${widget.metadata.namespace}/${widget.spec.sourceRef}`);
      markReady(widget, 'Succeeded', 'copied');
      widget.status!.sourceRevision = source?.data?.revision ?? 'none';
    },
  });
  const manager = new Manager({ client, logger: new Logger({ write: () => {} }), metrics: new RuntimeMetrics({ processMetrics: false }), namespace });
  manager.add(widgets, { fieldManager: 'widget-controller' });
  const stop = new AbortController();
  const running = manager.run(stop.signal);
  t.after(async () => {
    stop.abort();
    await running;
  });

  await client.create({ ...configMaps, metadata: { name: 'source', namespace }, data: { revision: 'r1' } });
  for (const name of ['uses-source', 'also-uses-source', 'unrelated']) {
    await client.create<Widget>({ ...widgetKind, metadata: { name, namespace }, spec: { note: name, sourceRef: name === 'unrelated' ? 'other' : 'source' } });
  }
  const revisions = async () =>
    Object.fromEntries(
      (await client.list<Widget>(widgetKind.apiVersion, widgetKind.kind, { namespace })).items.map((w) => [w.metadata.name!, w.status?.sourceRevision]),
    );
  await eventually('the first revision copied', async () => {
    const r = await revisions();
    return r['uses-source'] === 'r1' && r['also-uses-source'] === 'r1' && r.unrelated === 'none' ? true : undefined;
  });
  await client.patch({ ...configMaps, name: 'source', namespace }, { data: { revision: 'r2' } }, 'merge');
  await eventually('the new revision copied by both referencing widgets', async () => {
    const r = await revisions();
    return r['uses-source'] === 'r2' && r['also-uses-source'] === 'r2' ? r : undefined;
  });
});
