// Runs every case of the kustomize differential corpus through two kubectl binaries (by default the
// machine's kubectl, kustomize v5.5.0, and the newest one built from the local Kubernetes checkout,
// which embeds a later kustomize) and prints the cases whose outputs differ, with a line diff. This is
// how src/engines/kustomize/README.md's "kustomize v5.8" section is kept honest.
//
//   node scripts/kustomize-version-diff.ts [--old KUBECTL] [--new KUBECTL] [case-substring...]

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDir, corpusCases, mapLimit, runKubectl, type Outcome } from '../test/differential/kustomize-corpus.ts';

function newestLocalKubectl(): string | undefined {
  const root = join(homedir(), '.cache', 'tsflux', 'k8s');
  if (!existsSync(root)) return undefined;
  const found = readdirSync(root)
    .map((d) => join(root, d, 'kubectl'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0];
}

/**
 * The message of a failed build without the way kubectl prints it: older kubectls log it through klog
 * (`E1207 ... "command failed" err="..."`, or `err=<` and an indented block), newer ones print `error: ...`.
 */
function errorText(stderr: string): string {
  const text = stderr.replace(/^# Warning: .*\n/gm, '').trim();
  const quoted = /"command failed" err="((?:[^"\\]|\\.)*)"$/s.exec(text);
  // Go quoting: \" and \\ are what matters here; \xNN stays as written.
  if (quoted) return quoted[1].replace(/\\(["\\])/g, '$1');
  const block = /"command failed" err=<\n([\s\S]*)\n >$/.exec(text);
  if (block) return block[1].replace(/^\t/gm, '').trim();
  return text.replace(/^error: /, '');
}

async function run(kubectl: string, dir: string): Promise<Outcome> {
  const outcome = await runKubectl(kubectl, dir);
  return outcome.ok ? outcome : { ok: false, output: errorText(outcome.output) };
}

function version(kubectl: string): string {
  const out = execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  const parsed = JSON.parse(out) as { kustomizeVersion?: string; clientVersion?: { gitVersion?: string } };
  return `kubectl ${parsed.clientVersion?.gitVersion ?? '?'}, kustomize ${parsed.kustomizeVersion ?? '?'}`;
}

function lineDiff(a: string, b: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-version-diff-'));
  try {
    writeFileSync(join(dir, 'old'), a);
    writeFileSync(join(dir, 'new'), b);
    try {
      execFileSync('diff', ['-u', join(dir, 'old'), join(dir, 'new')], { encoding: 'utf8' });
      return '';
    } catch (err) {
      const text = (err as { stdout?: string }).stdout ?? '';
      return text.split('\n').slice(2).join('\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let oldKubectl = '/usr/bin/kubectl';
  let newKubectl = newestLocalKubectl();
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--old') oldKubectl = args[++i];
    else if (args[i] === '--new') newKubectl = args[++i];
    else filters.push(args[i]);
  }
  if (!newKubectl) throw new Error('no kubectl under ~/.cache/tsflux/k8s/*/ yet; pass --new KUBECTL');
  console.log(`old: ${oldKubectl} (${version(oldKubectl)})`);
  console.log(`new: ${newKubectl} (${version(newKubectl)})`);
  const cases = corpusCases().filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)));
  const differing: string[] = [];
  const outcomes = await mapLimit(cases, 4, async (name) => [await run(oldKubectl, caseDir(name)), await run(newKubectl, caseDir(name))] as const);
  const results = new Map(cases.map((name, i) => [name, outcomes[i]]));
  for (const name of cases) {
    const [a, b] = results.get(name)!;
    if (a.ok === b.ok && (a.output === b.output || !a.ok)) continue;
    differing.push(name);
    console.log(`\n=== ${name}: ${a.ok ? 'ok' : 'fails'} -> ${b.ok ? 'ok' : 'fails'}`);
    console.log(a.ok && b.ok ? lineDiff(a.output, b.output) : `old: ${a.output.slice(0, 600)}\nnew: ${b.output.slice(0, 600)}`);
  }
  const bothFail = cases.filter((n) => {
    const [a, b] = results.get(n)!;
    return !a.ok && !b.ok && a.output !== b.output;
  });
  for (const name of bothFail) {
    const [a, b] = results.get(name)!;
    console.log(`\n=== ${name}: fails in both, message changed\nold: ${a.output.slice(0, 400)}\nnew: ${b.output.slice(0, 400)}`);
  }
  console.log(`\n${cases.length} cases: ${cases.length - differing.length} build the same, ${differing.length} differ: ${differing.join(' ')}`);
  console.log(`${bothFail.length} cases fail in both with different messages: ${bothFail.join(' ')}`);
}

await main();
