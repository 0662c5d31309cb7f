// The Flux CRDs on a real kube-apiserver: they install (idempotently) and become Established; a fully
// populated example of every kind round-trips without a field pruned; upstream's defaults come back;
// invalid objects are refused with a message naming the field. CRDs are cluster-scoped and shared with
// the other e2e tests, so this file only ever applies them, never deletes them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { allCrds } from '../../src/api/index.ts';
import { installCrds } from '../../src/install/crds.ts';
import { InvalidError } from '../../src/kube/index.ts';
import type { KubeObject } from '../../src/kube/types.ts';
import { fluxExamples } from '../support/flux-examples.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { testCluster, testNamespace } from './harness.ts';

const run = promisify(execFile);
const tsflux = (args: string[], kubeconfig: string) =>
  run(process.execPath, ['src/cli/main.ts', '--kubeconfig', kubeconfig, ...args], { cwd: new URL('../..', import.meta.url).pathname });

before(async () => {
  const { client } = await testCluster();
  await fluxCrdsInstalled(client);
});

test('every CRD is Established with its names accepted, and installing again changes nothing', async () => {
  const { client } = await testCluster();
  const before = new Map<string, string>();
  for (const crd of allCrds()) {
    const live = await client.get<KubeObject & { status: { conditions: { type: string; status: string }[]; acceptedNames: { shortNames?: string[] } } }>({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: crd.metadata.name as string,
    });
    const established = live.status.conditions.find((c) => c.type === 'Established');
    assert.equal(established?.status, 'True', `${crd.metadata.name} Established`);
    assert.deepEqual(live.status.acceptedNames.shortNames ?? [], crd.spec.names.shortNames ?? []);
    before.set(crd.metadata.name as string, live.metadata.resourceVersion as string);
  }
  await installCrds(client, allCrds());
  for (const crd of allCrds()) {
    const live = await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crd.metadata.name as string });
    assert.equal(live.metadata.resourceVersion, before.get(crd.metadata.name as string), `${crd.metadata.name} unchanged by a second install`);
  }
});

test('a fully populated example of every kind is accepted and comes back unpruned, status included', async (t) => {
  const { client } = await testCluster();
  const ns = await testNamespace(t);
  for (const { definition, examples } of fluxExamples(ns)) {
    for (const example of examples) {
      const { status, ...object } = example;
      const what = `${definition.info.kind}/${example.metadata.name}`;
      const created = await client.create(object);
      assert.deepEqual(created.spec, object.spec, `${what}: spec round-trips`);
      if (status === undefined) continue;
      const updated = await client.apply(
        { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: example.metadata.name, namespace: ns }, status },
        { fieldManager: 'tsflux-e2e', subresource: 'status', force: true },
      );
      assert.deepEqual(updated.status, status, `${what}: status round-trips`);
    }
  }
});

interface DefaultsCase {
  object: KubeObject;
  expect: { spec: Record<string, unknown> };
}

function defaultsCases(ns: string): DefaultsCase[] {
  const obj = (apiVersion: string, kind: string, name: string, spec: Record<string, unknown>) => ({
    apiVersion,
    kind,
    metadata: { name, namespace: ns },
    spec,
  });
  const source = 'source.toolkit.fluxcd.io/v1';
  return [
    {
      // No ref default in the schema: the controller checks out `master` when ref is omitted.
      object: obj(source, 'GitRepository', 'minimal', { url: 'https://example.com/repo.git', interval: '1m', verify: { secretRef: { name: 'keys' } } }),
      expect: { spec: { url: 'https://example.com/repo.git', interval: '1m', timeout: '60s', verify: { mode: 'HEAD', secretRef: { name: 'keys' } } } },
    },
    {
      object: obj(source, 'OCIRepository', 'minimal', { url: 'oci://ghcr.io/org/manifests', interval: '1m', verify: {} }),
      expect: { spec: { url: 'oci://ghcr.io/org/manifests', interval: '1m', timeout: '60s', provider: 'generic', verify: { provider: 'cosign' } } },
    },
    {
      object: obj(source, 'HelmRepository', 'minimal', { url: 'https://charts.example.com' }),
      expect: { spec: { url: 'https://charts.example.com', provider: 'generic' } },
    },
    {
      object: obj(source, 'HelmChart', 'minimal', { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'charts' }, interval: '1m' }),
      expect: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'charts' }, interval: '1m', version: '*', reconcileStrategy: 'ChartVersion' } },
    },
    {
      object: obj(source, 'Bucket', 'minimal', { bucketName: 'b', endpoint: 'minio:9000', interval: '1m' }),
      expect: { spec: { bucketName: 'b', endpoint: 'minio:9000', interval: '1m', provider: 'generic', timeout: '60s' } },
    },
    {
      object: obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'minimal', {
        interval: '1m',
        prune: false,
        sourceRef: { kind: 'GitRepository', name: 'repo' },
        postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'vars' }] },
      }),
      expect: {
        spec: {
          interval: '1m',
          prune: false,
          force: false,
          sourceRef: { kind: 'GitRepository', name: 'repo' },
          postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'vars', optional: false }] },
        },
      },
    },
    {
      object: obj('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'minimal', {
        interval: '1m',
        chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'charts' }, verify: {} } },
        uninstall: {},
      }),
      expect: {
        spec: {
          interval: '1m',
          chart: { spec: { chart: 'podinfo', version: '*', reconcileStrategy: 'ChartVersion', sourceRef: { kind: 'HelmRepository', name: 'charts' }, verify: { provider: 'cosign' } } },
          uninstall: { deletionPropagation: 'background' },
        },
      },
    },
    {
      object: obj('notification.toolkit.fluxcd.io/v1beta3', 'Alert', 'minimal', { providerRef: { name: 'slack' }, eventSources: [{ kind: 'Kustomization', name: '*' }] }),
      expect: { spec: { providerRef: { name: 'slack' }, eventSources: [{ kind: 'Kustomization', name: '*' }], eventSeverity: 'info' } },
    },
    {
      object: obj('notification.toolkit.fluxcd.io/v1', 'Receiver', 'minimal', { type: 'generic', resources: [{ kind: 'GitRepository', name: 'repo' }], secretRef: { name: 'token' } }),
      expect: { spec: { type: 'generic', resources: [{ kind: 'GitRepository', name: 'repo' }], secretRef: { name: 'token' }, interval: '10m' } },
    },
    {
      object: obj('image.toolkit.fluxcd.io/v1', 'ImageRepository', 'minimal', { image: 'ghcr.io/org/app', interval: '1m' }),
      expect: { spec: { image: 'ghcr.io/org/app', interval: '1m', provider: 'generic', exclusionList: ['^.*\\.sig$'] } },
    },
    {
      object: obj('image.toolkit.fluxcd.io/v1', 'ImagePolicy', 'minimal', { imageRepositoryRef: { name: 'app' }, policy: { alphabetical: {} } }),
      expect: { spec: { imageRepositoryRef: { name: 'app' }, policy: { alphabetical: { order: 'asc' } }, digestReflectionPolicy: 'Never' } },
    },
    {
      object: obj('image.toolkit.fluxcd.io/v1', 'ImageUpdateAutomation', 'minimal', { sourceRef: { name: 'repo' }, interval: '1m' }),
      expect: { spec: { sourceRef: { kind: 'GitRepository', name: 'repo' }, interval: '1m', update: { strategy: 'Setters' } } },
    },
  ];
}

test("upstream's defaults come back from the apiserver, and status starts at observedGeneration -1", async (t) => {
  const { client } = await testCluster();
  const ns = await testNamespace(t);
  for (const { object, expect } of defaultsCases(ns)) {
    const created = await client.create(object);
    assert.deepEqual(created.spec, expect.spec, `${object.kind}: defaulted spec`);
    if (object.kind !== 'Alert') {
      const read = await client.get<KubeObject & { status?: unknown }>({ apiVersion: object.apiVersion, kind: object.kind, name: 'minimal', namespace: ns });
      assert.deepEqual(read.status, { observedGeneration: -1 }, `${object.kind}: initial status`);
    }
  }
});

interface InvalidCase {
  name: string;
  object: KubeObject;
  /** Field the apiserver must name, and a fragment of its explanation. */
  field: string;
  message: string;
}

function invalidCases(ns: string): InvalidCase[] {
  const examples = new Map(fluxExamples(ns).map((e) => [e.definition.info.kind, e.examples]));
  /** The first example of `kind`, without status, changed by `mutate`. */
  const broken = (kind: string, mutate: (spec: Record<string, any>) => void, index = 0): KubeObject => {
    const { status: _status, ...object } = structuredClone(examples.get(kind)![index]!);
    object.metadata = { name: `invalid-${Math.random().toString(36).slice(2, 8)}`, namespace: ns };
    mutate(object.spec as Record<string, any>);
    return object;
  };
  return [
    { name: 'bad enum', object: broken('GitRepository', (s) => (s.provider = 'gitlab')), field: 'spec.provider', message: 'Unsupported value: "gitlab"' },
    { name: 'bad pattern', object: broken('GitRepository', (s) => (s.url = 'git@github.com:org/repo.git')), field: 'spec.url', message: 'should match' },
    { name: 'timeout with hours', object: broken('GitRepository', (s) => (s.timeout = '1h')), field: 'spec.timeout', message: 'should match' },
    { name: 'missing interval', object: broken('GitRepository', (s) => delete s.interval), field: 'spec.interval', message: 'Required value' },
    {
      name: 'CEL: serviceAccountName needs azure or aws',
      object: broken('GitRepository', (s) => (s.provider = 'generic')),
      field: 'spec',
      message: "serviceAccountName can only be set when provider is 'azure' or 'aws'",
    },
    { name: 'helm repository type', object: broken('HelmRepository', (s) => (s.type = 'git')), field: 'spec.type', message: 'Unsupported value: "git"' },
    { name: 'external artifact source without name', object: broken('ExternalArtifact', (s) => delete s.sourceRef.name), field: 'spec.sourceRef.name', message: 'Required value' },
    { name: 'oci url scheme', object: broken('OCIRepository', (s) => (s.url = 'https://ghcr.io/x')), field: 'spec.url', message: 'should match' },
    { name: 'helm chart source kind', object: broken('HelmChart', (s) => (s.sourceRef.kind = 'OCIRepository')), field: 'spec.sourceRef.kind', message: 'Unsupported value' },
    {
      name: 'CEL: STS only for aws and generic',
      object: broken('Bucket', (s) => (s.provider = 'gcp'), 1),
      field: 'spec',
      message: "STS configuration is only supported for the 'aws' and 'generic' Bucket providers",
    },
    { name: 'prune is required', object: broken('Kustomization', (s) => delete s.prune), field: 'spec.prune', message: 'Required value' },
    { name: 'kustomization source kind', object: broken('Kustomization', (s) => (s.sourceRef.kind = 'HelmRepository')), field: 'spec.sourceRef.kind', message: 'Unsupported value' },
    { name: 'targetNamespace too long', object: broken('Kustomization', (s) => (s.targetNamespace = 'x'.repeat(64))), field: 'spec.targetNamespace', message: 'Too long' },
    {
      name: 'CEL: chart xor chartRef',
      object: broken('HelmRelease', (s) => (s.chartRef = { kind: 'OCIRepository', name: 'x' })),
      field: 'spec',
      message: 'either chart or chartRef must be set',
    },
    { name: 'releaseName too long', object: broken('HelmRelease', (s) => (s.releaseName = 'r'.repeat(54))), field: 'spec.releaseName', message: 'Too long' },
    {
      name: 'CEL: retryInterval only with RetryOnFailure',
      object: broken('HelmRelease', (s) => (s.install.strategy = { name: 'RemediateOnFailure', retryInterval: '1m' })),
      field: 'spec.install.strategy',
      message: ".retryInterval cannot be set when .name is 'RemediateOnFailure'",
    },
    {
      name: 'CEL: commitStatusExpr only for git providers',
      object: broken('Provider', (s) => (s.type = 'slack')),
      field: 'spec',
      message: 'spec.commitStatusExpr is only supported for',
    },
    { name: 'alert without sources', object: broken('Alert', (s) => delete s.eventSources), field: 'spec.eventSources', message: 'Required value' },
    {
      name: 'CEL: secretRef required unless generic-oidc',
      object: broken('Receiver', (s) => delete s.secretRef),
      field: 'spec',
      message: 'secretRef is required when type is not generic-oidc',
    },
    {
      name: 'too many exclusions',
      object: broken('ImageRepository', (s) => (s.exclusionList = Array.from({ length: 26 }, (_, i) => `^${i}$`))),
      field: 'spec.exclusionList',
      message: 'Too many',
    },
    {
      name: 'CEL: interval only with Always',
      object: broken('ImagePolicy', (s) => (s.digestReflectionPolicy = 'IfNotPresent')),
      field: 'spec',
      message: "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
    },
    { name: 'force-push refspec', object: broken('ImageUpdateAutomation', (s) => (s.git.push.refspec = '+refs/heads/x:refs/heads/y')), field: 'spec.git.push.refspec', message: 'should match' },
  ];
}

test('invalid objects are refused with an InvalidError naming the field', async (t) => {
  const { client } = await testCluster();
  const ns = await testNamespace(t);
  const cases = invalidCases(ns);
  const covered = new Set(cases.map((c) => c.object.kind));
  assert.deepEqual(allCrds().map((crd) => crd.spec.names.kind).filter((kind) => !covered.has(kind)), [], 'every kind has an invalid example');
  for (const c of cases) {
    await assert.rejects(client.create(c.object), (err: unknown) => {
      assert.ok(err instanceof InvalidError, `${c.name}: expected InvalidError, got ${String(err)}`);
      const cause = err.causes.find((x) => x.field === c.field);
      assert.ok(cause, `${c.name}: no cause for ${c.field} in ${JSON.stringify(err.causes)}`);
      assert.ok(cause.message.includes(c.message), `${c.name}: '${cause.message}' should include '${c.message}'`);
      assert.ok(err.message.includes(c.field), `${c.name}: message names the field: ${err.message}`);
      return true;
    });
  }
});

test('a malformed condition in a status update is refused', async (t) => {
  const { client } = await testCluster();
  const ns = await testNamespace(t);
  const repo = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'repo', namespace: ns }, spec: { url: 'https://example.com/r.git', interval: '1m' } };
  await client.create(repo);
  const status = { conditions: [{ type: 'Ready', status: 'Maybe', reason: '', message: 'x', lastTransitionTime: '2026-01-02T03:04:05Z' }] };
  await assert.rejects(
    client.apply({ ...repo, spec: undefined, status } as unknown as KubeObject, { fieldManager: 'tsflux-e2e', subresource: 'status', force: true }),
    (err: unknown) => {
      assert.ok(err instanceof InvalidError, String(err));
      const fields = err.causes.map((c) => c.field);
      assert.ok(fields.includes('status.conditions[0].status'), JSON.stringify(err.causes));
      assert.ok(fields.includes('status.conditions[0].reason'), JSON.stringify(err.causes));
      return true;
    },
  );
});

test('kubectl columns: the apiserver prints each kind with upstream\'s printer columns', async (t) => {
  const { client } = await testCluster();
  const ns = await testNamespace(t);
  const asTable = 'application/json;as=Table;v=v1;g=meta.k8s.io';
  type Table = { columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] };
  for (const { definition, examples } of fluxExamples(ns)) {
    const { status, ...object } = examples[0]!;
    await client.create(object);
    if (status) {
      await client.apply(
        { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata.name, namespace: ns }, status },
        { fieldManager: 'tsflux-e2e', subresource: 'status', force: true },
      );
    }
    const { group, version, plural } = definition.info;
    const table = (await client.request('GET', `/apis/${group}/${version}/namespaces/${ns}/${plural}`, { accept: asTable })) as Table;
    const columns = table.columnDefinitions.map((c) => c.name);
    assert.deepEqual(columns, ['Name', ...definition.printerColumns.map((c) => c.name)], `${definition.info.kind} columns`);
    const row = table.rows[0]!.cells;
    assert.equal(row[0], object.metadata.name);
    const ready = columns.indexOf('Ready');
    if (ready >= 0) assert.equal(row[ready], 'True', `${definition.info.kind} Ready column`);
  }
});

test('tsflux install works from the command line, and --export produces manifests the apiserver accepts', async (t) => {
  const { client, kubeconfigPath } = await testCluster();
  const ns = await testNamespace(t);
  const { stderr } = await tsflux(['install'], kubeconfigPath);
  assert.match(stderr, /CRDs installed/);

  const { stdout } = await tsflux(['install', '--export', '--namespace', ns, '--components-extra', 'image-reflector-controller,image-automation-controller'], kubeconfigPath);
  const docs = parseAllDocuments(stdout).map((d) => d.toJSON() as KubeObject);
  const count = (kind: string) => docs.filter((d) => d.kind === kind).length;
  assert.equal(count('CustomResourceDefinition'), allCrds().length);
  // Deployments only for the controllers `tsflux controllers` can run.
  assert.deepEqual(docs.filter((d) => d.kind === 'Deployment').map((d) => d.metadata.name), ['source-controller', 'kustomize-controller']);
  assert.deepEqual(docs.filter((d) => d.kind === 'Service').map((d) => d.metadata.name), ['source-controller']);
  const source = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'source-controller') as KubeObject & { spec: any };
  assert.deepEqual(source.spec.template.spec.containers[0].args.slice(0, 3), ['controllers', '--only', 'source']);
  // Every document passes the apiserver's validation (dry run: nothing is stored).
  for (const doc of docs) await client.apply(doc, { fieldManager: 'tsflux-e2e', force: true, dryRun: true });
});
