// The kustomize-controller builds as Flux 2.9's does, with kustomize v5.8.1 (sigs.k8s.io/kustomize/api
// v0.21.1): on the corpus cases where v5.8.1 and v5.5.0 differ, its build equals what the kubectl of our
// pinned Kubernetes (which embeds kustomize v5.8.1) prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { buildManifests } from '../../src/controllers/kustomize/build/index.ts';
import { ensureControlPlaneBinaries } from '../../src/dev/binaries.ts';
import { caseDir, runKubectl } from './kustomize-corpus.ts';

// Cases `scripts/kustomize-version-diff.ts` finds apart, one or more per difference.
const CASES = [
  'meta-managed-by',
  'repl-more-select-namespace-regex',
  'repl-select-reject-regexes-and-default-namespace',
  'repl-source-namespace-default',
  'patch-edge-patches-options-unknown',
  'patch-empty-patch-file-fails',
  'patch-comment-only-with-target',
];

// Without cached binaries this builds Kubernetes from Go modules first (minutes on two cores).
test('the kustomize-controller builds like kustomize v5.8.1 where v5.8.1 differs from v5.5.0', { timeout: 45 * 60_000 }, async () => {
  const kubectl = (await ensureControlPlaneBinaries()).path('kubectl');
  for (const name of CASES) {
    const dir = caseDir(name);
    const theirs = await runKubectl(kubectl, dir);
    let ours: unknown[] | Error;
    try {
      ours = await buildManifests(dir, { path: './' }, { remoteBases: false });
    } catch (err) {
      ours = err as Error;
    }
    if (!theirs.ok) {
      assert.ok(ours instanceof Error, `${name}: kubectl v5.8.1 fails (${theirs.output.trim()}) but the controller built it`);
      continue;
    }
    assert.ok(!(ours instanceof Error), `${name}: kubectl v5.8.1 builds it but the controller failed: ${(ours as Error).message}`);
    const expected = parseAllDocuments(theirs.output).map((d) => d.toJS() as unknown).filter((o) => o !== null);
    assert.deepEqual(ours, expected, name);
  }
});
