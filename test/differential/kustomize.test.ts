// Differential test: every case under test/fixtures/kustomize/ is built by our engine and by the real
// kustomize (kubectl kustomize, v5.5.0), and the outputs must be byte-identical, or both must fail.
// Cases listed in KNOWN-DIFFERENCES are expected to differ (the test fails when one starts passing,
// so the list only shrinks).
//
// Opt-in, against kustomize v5.8.1: TSFLUX_KUSTOMIZE_KUBECTL=<kubectl v1.36> TSFLUX_KUSTOMIZE_VERSION=v5.8.1
// builds with our v5.8.1 mode and compares with that kubectl (KNOWN-DIFFERENCES is for v5.5.0 only).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { KUSTOMIZE_VERSIONS, buildKustomization, diskFileSystem, renderYaml, type KustomizeVersion } from '../../src/engines/kustomize/index.ts';
import { FIXTURES, caseDir, corpusCases, mapLimit, runKubectl, type Outcome } from './kustomize-corpus.ts';

const KUBECTL = process.env.TSFLUX_KUSTOMIZE_KUBECTL || '/usr/bin/kubectl';
const VERSION = (process.env.TSFLUX_KUSTOMIZE_VERSION || 'v5.5.0') as KustomizeVersion;
if (!KUSTOMIZE_VERSIONS.includes(VERSION)) throw new Error(`TSFLUX_KUSTOMIZE_VERSION must be one of ${KUSTOMIZE_VERSIONS.join(', ')}`);

function runOurs(dir: string): Outcome {
  try {
    return { ok: true, output: renderYaml(buildKustomization(diskFileSystem, dir, { kustomizeVersion: VERSION }).map((r) => r.object)) };
  } catch (err) {
    return { ok: false, output: err instanceof Error ? err.message : String(err) };
  }
}

function knownDifferences(): Map<string, string> {
  const file = join(FIXTURES, 'KNOWN-DIFFERENCES');
  const known = new Map<string, string>();
  if (!existsSync(file) || VERSION !== 'v5.5.0') return known;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [name, ...reason] = trimmed.split(/\s+/);
    known.set(name, reason.join(' '));
  }
  return known;
}

test('kustomize differential corpus: our build matches kubectl kustomize byte for byte', async () => {
  const cases = corpusCases();
  assert.ok(cases.length > 0, 'no fixture cases found');
  const theirs = await mapLimit(cases, Math.max(2, availableParallelism() * 2), (name) => runKubectl(KUBECTL, caseDir(name)));
  const known = knownDifferences();
  const mismatches: string[] = [];
  const unexpectedPasses: string[] = [];
  let identical = 0;
  cases.forEach((name, i) => {
    const ours = runOurs(caseDir(name));
    const expected = theirs[i];
    const same = ours.ok === expected.ok && (!ours.ok || ours.output === expected.output);
    if (same) identical++;
    if (same && known.has(name)) unexpectedPasses.push(name);
    if (!same && !known.has(name)) {
      const detail = !expected.ok
        ? `kustomize failed (${expected.output.trim().split('\n').pop()}) but we succeeded`
        : !ours.ok
          ? `we failed: ${ours.output}`
          : `outputs differ:\n--- kustomize\n${expected.output}\n--- ours\n${ours.output}`;
      mismatches.push(`${name}: ${detail}`);
    }
  });
  console.log(`kustomize differential (${VERSION}, ${KUBECTL}): ${identical}/${cases.length} identical`);
  for (const name of known.keys()) if (!cases.includes(name)) unexpectedPasses.push(`${name} (listed but no such case)`);
  const problems = [...mismatches];
  if (unexpectedPasses.length > 0) problems.push(`cases in KNOWN-DIFFERENCES now pass or are gone, remove them: ${unexpectedPasses.join(', ')}`);
  assert.equal(problems.length, 0, problems.join('\n\n'));
});
