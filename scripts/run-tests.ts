// Runs the test suite with node's built-in runner. End-to-end tests share one control plane: the one
// named by TSFLUX_E2E_KUBECONFIG, or a local one started here for the whole run and stopped after it,
// whatever happens to the tests.
import { spawn } from 'node:child_process';
import { glob } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--e2e') ? 'e2e' : 'all';
const patterns = args.filter((a) => !a.startsWith('--'));

async function collect(pattern: string): Promise<string[]> {
  const files: string[] = [];
  for await (const f of glob(pattern, { exclude: (p) => p.includes('node_modules') })) files.push(f);
  return files.sort();
}

const unit = only === 'e2e' ? [] : [...(await collect('src/**/*.test.ts')), ...(await collect('test/unit/**/*.test.ts')), ...(await collect('test/differential/**/*.test.ts'))];
const e2e = only === 'unit' ? [] : await collect('test/e2e/**/*.test.ts');
const selected = (files: string[]) => (patterns.length === 0 ? files : files.filter((f) => patterns.some((p) => f.includes(p))));

function runNodeTest(files: string[], concurrency: number, env: NodeJS.ProcessEnv): Promise<number> {
  if (files.length === 0) return Promise.resolve(0);
  const child = spawn(
    process.execPath,
    ['--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', '--test-reporter=spec', ...files],
    { stdio: 'inherit', env },
  );
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

let failed = false;
const unitFiles = selected(unit);
const e2eFiles = selected(e2e);
// The control plane's binaries serve the e2e tests and a differential test (kubectl's kustomize v5.8):
// on a machine without them, build them once, up front, rather than inside a test's time limit.
if (e2eFiles.length > 0 && !process.env.TSFLUX_E2E_KUBECONFIG) {
  const { ensureControlPlaneBinaries } = await import('../src/dev/binaries.ts');
  const { requireGo } = await import('../src/dev/cluster.ts');
  requireGo('the end-to-end tests (or set TSFLUX_E2E_KUBECONFIG to an existing cluster)');
  await ensureControlPlaneBinaries((line) => console.log(`# ${line}`));
}
if (unitFiles.length > 0) {
  console.log(`# unit and differential tests: ${unitFiles.length} files`);
  failed = (await runNodeTest(unitFiles, 2, process.env)) !== 0 || failed;
}

if (e2eFiles.length > 0) {
  console.log(`# end-to-end tests: ${e2eFiles.length} files`);
  let kubeconfig = process.env.TSFLUX_E2E_KUBECONFIG;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!kubeconfig) {
    const { startCluster } = await import('../src/dev/cluster.ts');
    dir = await mkdtemp(join(tmpdir(), 'tsflux-e2e-'));
    const cluster = await startCluster({ dir, nodes: 2, log: (line) => console.log(`# ${line}`) });
    kubeconfig = cluster.kubeconfigPath;
    stop = () => cluster.stop();
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => void cluster.stop().finally(() => process.exit(130)));
    }
  }
  try {
    const env = { ...process.env, TSFLUX_E2E_KUBECONFIG: kubeconfig };
    failed = (await runNodeTest(e2eFiles, Number(process.env.TSFLUX_E2E_CONCURRENCY ?? 4), env)) !== 0 || failed;
  } finally {
    await stop?.();
    if (dir && !failed) await rm(dir, { recursive: true, force: true });
  }
}

if (unitFiles.length + e2eFiles.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
process.exit(failed ? 1 : 0);
