import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube/types.ts';
import { defaultComponents, parseComponents } from './components.ts';
import { crdsFor, installManifests } from './manifests.ts';

const manifests = (components = defaultComponents) =>
  installManifests({ namespace: 'flux-system', components, image: 'tsflux:test', version: '0.1.0' });
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
  assert.deepEqual(container.args, ['controllers', '--only', 'source']);
  assert.ok(container.ports.some((p: { name: string; containerPort: number }) => p.name === 'http' && p.containerPort === 9090));
});
