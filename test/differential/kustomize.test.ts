// Differential test: every case under test/fixtures/kustomize/ is built by our engine and by the real
// kustomize (kubectl kustomize, v5.5.0), and the outputs must be byte-identical, or both must fail.
// Cases listed in KNOWN-DIFFERENCES are expected to differ (the test fails when one starts passing,
// so the list only shrinks).
//
// The remote cases (test/fixtures/kustomize-remote/cases/) fetch git repositories and files from
// servers on 127.0.0.1 (kustomize-remote-served.ts); there the error messages must match too (after
// the random names of the temp checkout folders are blanked).
//
// Opt-in, against kustomize v5.8.1: TSFLUX_KUSTOMIZE_KUBECTL=<kubectl v1.36> TSFLUX_KUSTOMIZE_VERSION=v5.8.1
// builds with our v5.8.1 mode and compares with that kubectl (KNOWN-DIFFERENCES is for v5.5.0 only).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { KUSTOMIZE_VERSIONS, buildKustomization, buildKustomizationWithRemotes, diskFileSystem, gitFetcher, renderYaml, type KustomizeVersion, type Resource } from '../../src/engines/kustomize/index.ts';
import { FIXTURES, caseDir, corpusCases, kubectlErrorMessage, mapLimit, runKubectl, type Outcome } from './kustomize-corpus.ts';
import { REMOTE_FIXTURES, materializeCase, startRemoteServers } from './kustomize-remote-served.ts';

const KUBECTL = process.env.TSFLUX_KUSTOMIZE_KUBECTL || '/usr/bin/kubectl';
const VERSION = (process.env.TSFLUX_KUSTOMIZE_VERSION || 'v5.5.0') as KustomizeVersion;
if (!KUSTOMIZE_VERSIONS.includes(VERSION)) throw new Error(`TSFLUX_KUSTOMIZE_VERSION must be one of ${KUSTOMIZE_VERSIONS.join(', ')}`);

async function runOurs(build: () => Resource[] | Promise<Resource[]>): Promise<Outcome> {
  try {
    return { ok: true, output: renderYaml((await build()).map((r) => r.object)) };
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

interface CaseOutcomes {
  name: string;
  ours: Outcome;
  theirs: Outcome;
}

/** Mismatching cases, and listed known differences that now match; prints the tally. */
function compareOutcomes(label: string, outcomes: CaseOutcomes[], known: Map<string, string>, sameError: (ours: string, theirs: string) => boolean = () => true): string[] {
  const mismatches: string[] = [];
  const unexpectedPasses: string[] = [];
  let identical = 0;
  for (const { name, ours, theirs: expected } of outcomes) {
    const same = ours.ok === expected.ok && (ours.ok ? ours.output === expected.output : sameError(ours.output, expected.output));
    if (same) identical++;
    if (same && known.has(name)) unexpectedPasses.push(name);
    if (!same && !known.has(name)) {
      const detail = !expected.ok
        ? ours.ok
          ? `kustomize failed (${expected.output.trim().split('\n').pop()}) but we succeeded`
          : `error messages differ:\n--- kustomize\n${expected.output}\n--- ours\n${ours.output}`
        : !ours.ok
          ? `we failed: ${ours.output}`
          : `outputs differ:\n--- kustomize\n${expected.output}\n--- ours\n${ours.output}`;
      mismatches.push(`${name}: ${detail}`);
    }
  }
  const built = outcomes.filter((o) => o.theirs.ok).length;
  console.log(`${label}: ${identical}/${outcomes.length} identical (kustomize built ${built}, failed ${outcomes.length - built})`);
  const names = new Set(outcomes.map((o) => o.name));
  for (const name of known.keys()) if (!names.has(name)) unexpectedPasses.push(`${name} (listed but no such case)`);
  if (unexpectedPasses.length > 0) mismatches.push(`cases in KNOWN-DIFFERENCES now pass or are gone, remove them: ${unexpectedPasses.join(', ')}`);
  return mismatches;
}

test('kustomize differential corpus: our build matches kubectl kustomize byte for byte', async () => {
  const cases = corpusCases();
  assert.ok(cases.length > 0, 'no fixture cases found');
  const theirs = await mapLimit(cases, Math.max(2, availableParallelism() * 2), (name) => runKubectl(KUBECTL, caseDir(name)));
  const outcomes: CaseOutcomes[] = [];
  for (const [i, name] of cases.entries()) {
    outcomes.push({ name, theirs: theirs[i]!, ours: await runOurs(() => buildKustomization(diskFileSystem, caseDir(name), { kustomizeVersion: VERSION })) });
  }
  const problems = compareOutcomes(`kustomize differential (${VERSION}, ${KUBECTL})`, outcomes, knownDifferences());
  assert.equal(problems.length, 0, problems.join('\n\n'));
});

/** Checkouts go to fresh temp folders (kustomize-<random>) in both tools. */
const blankCheckoutDirs = (message: string) => message.trim().replace(/\/kustomize-[^/'" ]+/g, '/kustomize-*');

test('kustomize differential corpus, remote bases: git repositories and files served on loopback', async () => {
  const servers = await startRemoteServers();
  // Both tools' git read this: github.com URLs are fetched from the local server.
  const savedEnv = { ...process.env };
  Object.assign(process.env, servers.gitEnv);
  try {
    const cases = corpusCases(join(REMOTE_FIXTURES, 'cases'));
    assert.ok(cases.length > 0, 'no remote cases found');
    const outcomes: CaseOutcomes[] = [];
    for (const name of cases) {
      const dir = materializeCase(join(REMOTE_FIXTURES, 'cases', name), servers);
      try {
        const kubectl = await runKubectl(KUBECTL, dir);
        const theirs = kubectl.ok ? kubectl : { ok: false, output: kubectlErrorMessage(kubectl.output) };
        // The case names say which must build, so a server or fixture mistake cannot pass as two equal failures.
        assert.equal(theirs.ok, !name.startsWith('err-'), `${name}: kubectl kustomize ${theirs.ok ? 'built it' : `failed: ${theirs.output}`}`);
        const ours = await runOurs(() => buildKustomizationWithRemotes(diskFileSystem, dir, gitFetcher, { kustomizeVersion: VERSION }));
        outcomes.push({ name, theirs, ours });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const problems = compareOutcomes(`kustomize remote differential (${VERSION}, ${KUBECTL})`, outcomes, new Map(), (ours, theirs) => blankCheckoutDirs(ours) === blankCheckoutDirs(theirs));
    assert.equal(problems.length, 0, problems.join('\n\n'));
  } finally {
    process.env = savedEnv;
    await servers.close();
  }
});
