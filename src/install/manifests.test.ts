import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { buildProgram } from '../cli/main.ts';
import type { KubeObject } from '../kube/types.ts';
import { defaultComponents, knownComponents, parseComponents } from './components.ts';
import { crdsFor, installManifests } from './manifests.ts';

const manifests = (components = defaultComponents, runnable = components) =>
  installManifests({ namespace: 'flux-system', components, runnable, image: 'tsflux:test', version: '0.1.0' });
const named = (docs: KubeObject[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

test('component lists are validated against the controllers Flux has', () => {
  assert.deepEqual(parseComponents('source-controller, helm-controller,'), ['source-controller', 'helm-controller']);
  assert.throws(() => parseComponents('source-controller,tf-controller'), /unknown component 'tf-controller'/);
});

test('only the CRDs of the selected controllers are installed', () => {
  assert.deepEqual(
    crdsFor(['source-controller']).map((c) => c.spec.names.kind),
    ['GitRepository', 'OCIRepository', 'HelmRepository', 'HelmChart', 'Bucket', 'ExternalArtifact'],
  );
  assert.deepEqual(
    crdsFor(['notification-controller', 'image-automation-controller']).map((c) => c.spec.names.kind),
    ['Provider', 'Alert', 'Receiver', 'ImageUpdateAutomation'],
  );
});

test('a controller tsflux cannot run gets its CRDs and RBAC but no Deployment or Service', () => {
  const docs = manifests(defaultComponents, ['source-controller']);
  assert.deepEqual(docs.filter((d) => d.kind === 'Deployment').map((d) => d.metadata.name), ['source-controller']);
  assert.equal(named(docs, 'Service', 'webhook-receiver'), undefined);
  assert.ok(named(docs, 'CustomResourceDefinition', 'helmreleases.helm.toolkit.fluxcd.io'));
});

test('the namespace comes first, then CRDs, so the export applies in order', () => {
  const docs = manifests();
  assert.equal(docs[0]!.kind, 'Namespace');
  const firstCrd = docs.findIndex((d) => d.kind === 'CustomResourceDefinition');
  const lastCrd = docs.findLastIndex((d) => d.kind === 'CustomResourceDefinition');
  assert.equal(firstCrd, 1);
  assert.ok(docs.slice(lastCrd + 1).every((d) => d.kind !== 'CustomResourceDefinition'));
});

test('only the appliers are bound to cluster-admin; every controller gets the crd-controller role', () => {
  const docs = manifests();
  const reconciler = named(docs, 'ClusterRoleBinding', 'cluster-reconciler-flux-system') as KubeObject & { subjects: { name: string }[]; roleRef: { name: string } };
  assert.equal(reconciler.roleRef.name, 'cluster-admin');
  assert.deepEqual(reconciler.subjects.map((s) => s.name), ['kustomize-controller', 'helm-controller']);
  const crdController = named(docs, 'ClusterRoleBinding', 'crd-controller-flux-system') as KubeObject & { subjects: { name: string }[] };
  assert.deepEqual(crdController.subjects.map((s) => s.name), defaultComponents);
  assert.equal(named(manifests(['source-controller']), 'ClusterRoleBinding', 'cluster-reconciler-flux-system'), undefined);
});

test('the artifact server and webhook receiver are exposed on port 80 like upstream', () => {
  const docs = manifests();
  const port = (name: string) => (named(docs, 'Service', name) as KubeObject & { spec: { ports: { port: number; targetPort: string }[]; selector: { app: string } } }).spec;
  assert.deepEqual([port('source-controller').ports[0]!.port, port('source-controller').ports[0]!.targetPort], [80, 'http']);
  assert.equal(port('webhook-receiver').ports[0]!.targetPort, 'http-webhook');
  assert.equal(port('webhook-receiver').selector.app, 'notification-controller');
  const source = named(docs, 'Deployment', 'source-controller') as KubeObject & { spec: any };
  const container = source.spec.template.spec.containers[0];
  assert.deepEqual(container.args.slice(0, 3), ['controllers', '--only', 'source']);
  assert.ok(container.ports.some((p: { name: string; containerPort: number }) => p.name === 'http' && p.containerPort === 9090));
});

/** What the real `tsflux controllers` command makes of these arguments, without running anything. */
async function parsedControllerFlags(args: string[]): Promise<Record<string, unknown>> {
  const program = buildProgram();
  for (const command of [program, ...program.commands]) command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  let parsed: Record<string, unknown> | undefined;
  program.hook('preAction', (_program: Command, action: Command) => {
    parsed = action.optsWithGlobals();
    throw new Error('parsed');
  });
  await assert.rejects(program.parseAsync(['node', 'tsflux', ...args]), /^Error: parsed$/);
  return parsed!;
}

test('every Deployment runs tsflux controllers with flags that command accepts, set as Flux sets its controllers', async () => {
  const docs = manifests(knownComponents);
  for (const component of knownComponents) {
    const deployment = named(docs, 'Deployment', component) as KubeObject & { spec: any };
    const container = deployment.spec.template.spec.containers[0];
    const flags = await parsedControllerFlags(container.args);
    assert.equal(flags.watchAllNamespaces, true, component);
    assert.equal(flags.enableLeaderElection, true, component);
    assert.equal(flags.logLevel, 'info', component);
    assert.equal(flags.logEncoding, 'json', component);
    const portOf = (name: string) => String(container.ports.find((p: { name: string }) => p.name === name).containerPort);
    assert.equal(flags.metricsAddr, `:${portOf('http-prom')}`, `${component} serves /metrics on its http-prom port`);
    assert.equal(flags.healthAddr, `:${portOf(container.livenessProbe.httpGet.port)}`, `${component} answers its probes`);
    const sendsEvents = component !== 'notification-controller';
    assert.equal(flags.eventsAddr, sendsEvents ? 'http://notification-controller.flux-system.svc.cluster.local./' : '', component);
  }
  const source = named(docs, 'Deployment', 'source-controller') as KubeObject & { spec: any };
  const container = source.spec.template.spec.containers[0];
  const flags = await parsedControllerFlags(container.args);
  assert.equal(flags.storagePath, container.volumeMounts.find((m: { name: string }) => m.name === 'data').mountPath, 'artifacts live on the data volume');
  assert.equal(flags.storageAddr, `:${container.ports.find((p: { name: string }) => p.name === 'http').containerPort}`);
  assert.equal(flags.storageAdvAddr, 'source-controller.$(RUNTIME_NAMESPACE).svc.cluster.local.', 'consumers reach artifacts through the Service');
  assert.ok(container.env.some((e: { name: string }) => e.name === 'RUNTIME_NAMESPACE'), 'the kubelet can expand $(RUNTIME_NAMESPACE)');
});
