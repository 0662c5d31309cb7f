// Differential test of `tsflux helm template` against the real `helm template` v3, and of `--helm-major
// 4` against helm v4, on every chart under test/fixtures/charts/. Each case folder is a chart; an
// optional `args` file holds extra arguments, one per line (`--set a=b`, `-f extra.yaml`,
// `--include-crds`), plus `release: NAME` (`-` for none) and `archive: true` (render the chart packed
// as a .tgz). Failure cases pass when both tools fail with the same message, compared line by line in
// sorted order because Helm lists schema violations in Go's random map order. Cases listed in
// KNOWN-DIFFERENCES must differ; all others must match byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import { registerHelmCommands } from '../../src/cli/commands/helm.ts';
import { ensureHelmBinary } from './helm-binary.ts';

const root = new URL('../../', import.meta.url).pathname;
const casesDir = join(root, 'test/fixtures/charts');

interface CaseSpec { name: string; dir: string; release: string; archive: boolean; args: string[] }

function readCase(name: string): CaseSpec {
  const dir = join(casesDir, name);
  const spec: CaseSpec = { name, dir, release: 'rel', archive: false, args: [] };
  const argsFile = join(dir, 'args');
  if (!existsSync(argsFile)) return spec;
  for (const raw of readFileSync(argsFile, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('release:')) spec.release = line.slice('release:'.length).trim();
    else if (line.startsWith('archive:')) spec.archive = line.slice('archive:'.length).trim() === 'true';
    else {
      const space = line.search(/\s/);
      if (space < 0) spec.args.push(line);
      else spec.args.push(line.slice(0, space), line.slice(space).trim());
    }
  }
  return spec;
}

function readKnownDifferences(): Map<string, string> {
  const known = new Map<string, string>();
  const file = join(casesDir, 'KNOWN-DIFFERENCES');
  if (!existsSync(file)) return known;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const space = line.search(/\s/);
    known.set(space < 0 ? line : line.slice(0, space), space < 0 ? '' : line.slice(space).trim());
  }
  return known;
}

interface RunResult { ok: boolean; stdout: string; stderr: string }

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout, stderr });
    });
  });
}

/**
 * `tsflux helm ARGS` run in-process (a fresh commander program with the real command, the same code
 * path as the CLI, without paying a Node start per case).
 */
async function runTsflux(args: string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  let ok = true;
  const program = new Command('tsflux').exitOverride().option('-n, --namespace <ns>', 'namespace', 'flux-system');
  program.configureOutput({ writeOut: (t) => (stdout += t), writeErr: (t) => (stderr += t) });
  registerHelmCommands(program, { cwd: () => cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), fail: () => (ok = false) });
  try {
    await program.parseAsync(['helm', ...args], { from: 'user' });
  } catch (err) {
    ok = false;
    stderr += String(err);
  }
  return { ok, stdout, stderr };
}

/** Packs a chart folder as `helm package` lays it out: one top folder named after the chart. */
async function packChart(dir: string, work: string): Promise<string> {
  const top = join(work, 'pkg', basename(dir));
  await cp(dir, top, { recursive: true });
  const tgz = join(work, `${basename(dir)}.tgz`);
  const r = await run('tar', ['-czf', tgz, '-C', join(work, 'pkg'), basename(dir)], work, process.env);
  if (!r.ok) throw new Error(`packing ${dir}: ${r.stderr}`);
  return tgz;
}

/**
 * An error message without helm's --debug hint and blank lines, its lines sorted, and the names in
 * "additional properties 'a', 'b' not allowed" sorted (Helm lists both in Go's random map order).
 */
function normalizedMessage(stderr: string): string {
  return stderr.split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('Use --debug flag'))
    .map((l) => l.replace(/(additional properties )(.*)( not allowed)$/, (_, a: string, names: string, b: string) => a + names.split(', ').sort().join(', ') + b))
    .sort()
    .join('\n');
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}:\n  helm:    ${JSON.stringify(bl[i])}\n  tsflux:  ${JSON.stringify(al[i])}`;
  }
  return 'no difference';
}

test('helm template differential', { timeout: 20 * 60_000 }, async (t) => {
  const helm3 = await ensureHelmBinary('v3');
  const helm4 = await ensureHelmBinary('v4');
  const work = await mkdtemp(join(tmpdir(), 'tsflux-helm-diff-'));
  t.after(() => rm(work, { recursive: true, force: true }));
  // Both sides must see Helm's default namespace unless a case passes -n.
  delete process.env.HELM_NAMESPACE;
  const env = {
    ...process.env,
    KUBECONFIG: join(work, 'no-kubeconfig'),
    HELM_CACHE_HOME: join(work, 'cache'),
    HELM_CONFIG_HOME: join(work, 'config'),
    HELM_DATA_HOME: join(work, 'data'),
    NO_COLOR: '1',
  };
  const known = readKnownDifferences();
  const names = readdirSync(casesDir).filter((n) => statSync(join(casesDir, n)).isDirectory()).sort();
  let identical = 0;
  let bothFailed = 0;
  let identicalV4 = 0;
  const unexpected: string[] = [];
  const v4Notes: string[] = [];
  const results: string[] = [];

  const runCase = async (name: string) => {
    const spec = readCase(name);
    const chartPath = spec.archive ? await packChart(spec.dir, join(work, name)) : spec.dir;
    // `release: -` leaves the name out: helm then calls the release "release-name".
    const args = ['template', ...(spec.release === '-' ? [] : [spec.release]), chartPath, ...spec.args];
    const [h3, h4, ours, ours4] = await Promise.all([
      run(helm3, args, spec.dir, env),
      run(helm4, args, spec.dir, env),
      runTsflux(args, spec.dir),
      runTsflux([...args, '--helm-major', '4'], spec.dir),
    ]);
    const sameV4 = h4.ok === ours4.ok && (h4.ok ? h4.stdout === ours4.stdout : normalizedMessage(h4.stderr) === normalizedMessage(ours4.stderr));
    if (sameV4) identicalV4++;
    else if (!known.has(name)) {
      const detail = h4.ok && ours4.ok ? firstDifference(ours4.stdout, h4.stdout) : `helm v4 ${h4.ok ? 'succeeded' : `failed: ${h4.stderr.trim()}`}; tsflux --helm-major 4 ${ours4.ok ? 'succeeded' : `failed: ${ours4.stderr.trim()}`}`;
      unexpected.push(`${name} (helm v4): ${detail}`);
    }
    const sameFailure = normalizedMessage(h3.stderr) === normalizedMessage(ours.stderr);
    const same = h3.ok === ours.ok && (h3.ok ? h3.stdout === ours.stdout : sameFailure);
    if (same && h3.ok) identical++;
    if (same && !h3.ok) bothFailed++;
    const isKnown = known.has(name);
    let verdict = same ? (h3.ok ? 'identical' : 'both fail') : 'DIFFERENT';
    if (!same) {
      const detail = h3.ok !== ours.ok || !h3.ok
        ? `helm ${h3.ok ? 'succeeded' : `failed: ${h3.stderr.trim()}`}; tsflux ${ours.ok ? 'succeeded' : `failed: ${ours.stderr.trim()}`}`
        : firstDifference(ours.stdout, h3.stdout);
      if (!isKnown) unexpected.push(`${name}: ${detail}`);
      verdict += isKnown ? ' (known)' : `\n    ${detail.replaceAll('\n', '\n    ')}`;
    } else if (isKnown) {
      unexpected.push(`${name}: listed in KNOWN-DIFFERENCES but now matches helm; remove it from the list`);
    }
    if (h4.ok !== h3.ok || h4.stdout !== h3.stdout) {
      v4Notes.push(`${name}: helm v4 ${h4.ok ? 'output differs from v3' : 'fails'}; tsflux --helm-major 4 ${sameV4 ? 'matches v4' : 'differs from v4'}`);
    }
    results.push(`  ${name}: ${verdict}`);
  };

  // Two cases at a time: each spawns three processes, and the machine has two cores.
  const queue = [...names];
  await Promise.all([0, 1].map(async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await runCase(name);
  }));

  console.log(results.sort().join('\n'));
  if (v4Notes.length > 0) console.log(`helm v4 differs from v3 on:\n  ${v4Notes.join('\n  ')}`);
  console.log(`helm template differential: ${identical + bothFailed}/${names.length} identical (${identical} rendered, ${bothFailed} failing in both with the same message)`);
  console.log(`helm v4 template differential (--helm-major 4): ${identicalV4}/${names.length} identical`);
  assert.deepEqual(unexpected, [], `unexpected differences with helm template:\n${unexpected.join('\n')}`);
});
