// Kustomizations whose sourceRef is an OCIRepository or a Bucket, on the real control plane. tsflux has
// no controller for those kinds yet, so the test writes the status a source-controller would write:
// the source object is real (its CRD installed), the artifact is a tarball made by our source
// storage's archiver and served by its file server on 127.0.0.1, and the kustomize-controller under
// test reads both through the Kubernetes API exactly as it does for a GitRepository.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { KubeObject } from '../../src/kube/index.ts';
import { conditionTime } from '../../src/runtime/conditions.ts';
import { eventually, testNamespace } from './harness.ts';
import { configMap, getKs, startKustomizeEnv, waitReady, type KustomizeEnv } from './kustomization-env.ts';

let env: KustomizeEnv;
before(async () => {
  env = await startKustomizeEnv();
});
after(async () => {
  await env?.stop();
});

const SOURCE_API = 'source.toolkit.fluxcd.io/v1';
type ConfigMap = KubeObject & { data?: Record<string, string> };
const getCm = (namespace: string, name: string) => env.client.get<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Upstream's revision formats: an OCI tag with its manifest digest, a Bucket's index digest. */
function revisionFor(kind: 'OCIRepository' | 'Bucket', files: Record<string, string>): string {
  // Stands in for the manifest / bucket index digest: it changes whenever the content does.
  const hex = sha256Hex(JSON.stringify(files));
  return kind === 'OCIRepository' ? `latest@sha256:${hex}` : `sha256:${hex}`;
}

/**
 * Plays the source-controller's part for one artifact: archives `files`, stores them where the file
 * server serves them and writes status.artifact with Ready=True on the source object.
 */
async function publish(kind: 'OCIRepository' | 'Bucket', namespace: string, name: string, files: Record<string, string>, metadata?: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(env.root, 'source-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  const revision = revisionFor(kind, files);
  const artifact = await env.sources.storage.archive({ kind, namespace, name }, `${revision.slice(revision.lastIndexOf(':') + 1)}.tar.gz`, revision, dir);
  const status = {
    observedGeneration: 1,
    artifact: { ...artifact, ...(metadata ? { metadata } : {}) },
    conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded', message: `stored artifact for revision '${revision}'`, lastTransitionTime: conditionTime(new Date()), observedGeneration: 1 }],
  };
  await env.client.apply({ apiVersion: SOURCE_API, kind, metadata: { name, namespace }, status } as unknown as KubeObject, { fieldManager: 'source-controller', subresource: 'status', force: true });
  return revision;
}

test('OCIRepository source: applies the artifact, records its revision and origin revision, then rolls out a new artifact', async (t) => {
  const ns = await testNamespace(t);
  await env.client.create({ apiVersion: SOURCE_API, kind: 'OCIRepository', metadata: { name: 'app', namespace: ns, labels: env.labels }, spec: { interval: '10m', url: 'oci://registry.example/app', ref: { tag: 'latest' } } });
  const origin = `main@sha1:${sha256Hex('first commit').slice(0, 40)}`;
  const first = await publish('OCIRepository', ns, 'app', { 'deploy/cm.yaml': configMap('settings', { v: '1' }) }, { 'org.opencontainers.image.revision': origin });
  await env.client.create(env.kustomization(ns, 'app', { path: './deploy', targetNamespace: ns, sourceRef: { kind: 'OCIRepository', name: 'app' } }));

  const ks = await waitReady(env.client, ns, 'app', 'True');
  assert.equal(ks.status?.lastAppliedRevision, first);
  assert.equal(ks.status?.lastAttemptedRevision, first);
  assert.equal(ks.status?.lastAppliedOriginRevision, origin);
  assert.equal((await getCm(ns, 'settings')).data?.v, '1');

  const nextOrigin = `main@sha1:${sha256Hex('second commit').slice(0, 40)}`;
  const next = await publish('OCIRepository', ns, 'app', { 'deploy/cm.yaml': configMap('settings', { v: '2' }) }, { 'org.opencontainers.image.revision': nextOrigin });
  assert.notEqual(next, first);
  const updated = await eventually('the new OCI revision applied', async () => {
    const current = await getKs(env.client, ns, 'app');
    return current.status?.lastAppliedRevision === next ? current : undefined;
  });
  assert.equal(updated.status?.lastAppliedOriginRevision, nextOrigin);
  assert.equal((await getCm(ns, 'settings')).data?.v, '2');
});

test('Bucket source: applies the artifact and records its revision, with no origin revision', async (t) => {
  const ns = await testNamespace(t);
  await env.client.create({ apiVersion: SOURCE_API, kind: 'Bucket', metadata: { name: 'bucket', namespace: ns, labels: env.labels }, spec: { interval: '10m', bucketName: 'manifests', endpoint: 'minio.example:9000' } });
  const revision = await publish('Bucket', ns, 'bucket', { 'a.yaml': configMap('from-bucket', { source: 'bucket' }) });
  await env.client.create(env.kustomization(ns, 'bucket', { targetNamespace: ns, sourceRef: { kind: 'Bucket', name: 'bucket' } }));

  const ks = await waitReady(env.client, ns, 'bucket', 'True');
  assert.equal(ks.status?.lastAppliedRevision, revision);
  assert.equal(ks.status?.lastAppliedOriginRevision, undefined);
  assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id), [`${ns}_from-bucket__ConfigMap`]);
  assert.equal((await getCm(ns, 'from-bucket')).data?.source, 'bucket');
});
