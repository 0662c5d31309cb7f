// Names and printer columns as upstream's kubebuilder markers declare them (Flux 2.9 controllers'
// api/*_types.go), written out here so that a change to a definition cannot silently drift from what
// `kubectl get hr`, `kubectl get fluxcd` or `kubectl get gitrepo` show with real Flux.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allCrds } from './index.ts';

const ready = 'Ready:.status.conditions[?(@.type=="Ready")].status';
const status = 'Status:.status.conditions[?(@.type=="Ready")].message';
const age = 'Age:.metadata.creationTimestamp';
const sources = ['all', 'fluxcd', 'fluxcd-sources'];
const appliers = ['all', 'fluxcd', 'fluxcd-appliers'];
const notifications = ['all', 'fluxcd', 'fluxcd-notifications'];
const images = ['all', 'fluxcd', 'fluxcd-images'];

/** kind → short names, categories, and columns as `name:jsonPath[:priority]` in upstream's order. */
const upstream: Record<string, { shortNames: string[]; categories: string[]; columns: string[] }> = {
  GitRepository: { shortNames: ['gitrepo'], categories: sources, columns: ['URL:.spec.url', age, ready, status] },
  OCIRepository: { shortNames: ['ocirepo'], categories: sources, columns: ['URL:.spec.url', ready, status, age] },
  HelmRepository: { shortNames: ['helmrepo'], categories: sources, columns: ['URL:.spec.url', age, ready, status] },
  HelmChart: {
    shortNames: ['hc'],
    categories: sources,
    columns: ['Chart:.spec.chart', 'Version:.spec.version', 'Source Kind:.spec.sourceRef.kind', 'Source Name:.spec.sourceRef.name', age, ready, status],
  },
  Bucket: { shortNames: [], categories: sources, columns: ['Endpoint:.spec.endpoint', age, ready, status] },
  ExternalArtifact: { shortNames: ['ea'], categories: sources, columns: [age, ready, status, 'Source:.spec.sourceRef.name'] },
  Kustomization: { shortNames: ['ks'], categories: appliers, columns: [age, ready, status] },
  HelmRelease: { shortNames: ['hr'], categories: appliers, columns: [age, ready, status] },
  Provider: { shortNames: [], categories: notifications, columns: [age] },
  Alert: { shortNames: [], categories: notifications, columns: [age] },
  Receiver: { shortNames: [], categories: notifications, columns: [age, ready, status] },
  ImageRepository: {
    shortNames: ['imgrepo', 'imagerepo'],
    categories: images,
    columns: ['Image:.spec.image', 'Tags:.status.lastScanResult.tagCount', ready, status, 'Last scan:.status.lastScanResult.scanTime:1', age],
  },
  ImagePolicy: {
    shortNames: ['imgpol', 'imagepol'],
    categories: images,
    columns: ['Image:.status.latestRef.name', 'Tag:.status.latestRef.tag', ready, status, age],
  },
  ImageUpdateAutomation: {
    shortNames: ['iua', 'imgupd', 'imgauto'],
    categories: images,
    columns: [ready, status, 'Last run:.status.lastAutomationRunTime:1', age],
  },
};

void test('every CRD has upstream short names, categories and printer columns', () => {
  const crds = allCrds();
  assert.deepEqual(crds.map((c) => c.spec.names.kind).sort(), Object.keys(upstream).sort());
  for (const crd of crds) {
    const kind = crd.spec.names.kind;
    const actual = {
      shortNames: crd.spec.names.shortNames ?? [],
      categories: crd.spec.names.categories ?? [],
      columns: (crd.spec.versions[0]!.additionalPrinterColumns ?? []).map((c) => [c.name, c.jsonPath, ...(c.priority ? [c.priority] : [])].join(':')),
    };
    assert.deepEqual(actual, upstream[kind], kind);
  }
});
