// `npm run bench -- git-sources [--count N]`: N GitRepositories (each its own repository on a local
// git smart-HTTP server) reconciled by the source-controller on a real apiserver. Prints the time
// until all are Ready, then the cost of a no-op reconcile (remote unchanged: one ls-remote, no clone),
// measured in-process on the reconcile itself and end to end through reconcile requests.
// Uses TSFLUX_BENCH_KUBECONFIG (or TSFLUX_E2E_KUBECONFIG) when set, else starts a local control plane.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitRepository } from '../src/api/source/git-repository.ts';
import { reconcileGitRepository } from '../src/controllers/source/git-repository/reconcile.ts';
import { KubeClient } from '../src/kube/index.ts';
import { installCrds } from '../src/install/crds.ts';
import { allCrds } from '../src/api/index.ts';
import { startGitHttpServer } from '../test/support/git-http-server.ts';
import { TestRepo } from '../test/support/git-fixtures.ts';
import { startSourceController } from '../test/support/source-controller.ts';
import { benchCluster } from './cluster.ts';

const countFlag = process.argv.indexOf('--count');
const count = countFlag > 0 ? Number(process.argv[countFlag + 1]) : 100;
const API = 'source.toolkit.fluxcd.io/v1';
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const cluster = await benchCluster('git-sources');
const kubeconfig = cluster.kubeconfig;

const client = await KubeClient.fromKubeconfig({ path: kubeconfig, qps: 500, burst: 1000 });
await installCrds(client, allCrds());
const root = await mkdtemp(join(tmpdir(), 'tsflux-bench-git-'));
const http = await startGitHttpServer({ root });
const namespace = `bench-git-${randomBytes(3).toString('hex')}`;
await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });

console.log(`preparing ${count} repositories...`);
const repos: TestRepo[] = [];
for (let i = 0; i < count; i++) {
  const repo = TestRepo.create(root, `repo-${i}`);
  repo.write({ 'deploy/app.yaml': `kind: ConfigMap\nmetadata:\n  name: app-${i}\n`, 'README.md': `repo ${i}\n` });
  repo.commit('initial');
  repo.push('main');
  repos.push(repo);
}

const controller = await startSourceController(client);
const get = (name: string) => client.get<GitRepository>({ apiVersion: API, kind: 'GitRepository', namespace, name });
const isReady = (o: GitRepository) => o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

try {
  const started = performance.now();
  await Promise.all(
    repos.map((_, i) =>
      client.create({ apiVersion: API, kind: 'GitRepository', metadata: { name: `repo-${i}`, namespace, labels: controller.shardLabels }, spec: { url: `${http.url}/repo-${i}.git`, interval: '1h', ref: { branch: 'main' } } }),
    ),
  );
  let ready = 0;
  while (ready < count) {
    const list = await client.list<GitRepository>(API, 'GitRepository', { namespace });
    ready = list.items.filter(isReady).length;
    if (ready < count) await new Promise((r) => setTimeout(r, 100));
  }
  const toReady = (performance.now() - started) / 1000;
  console.log(`${count} GitRepositories Ready in ${fmt(toReady, 2)} s (${fmt(count / toReady, 1)}/s, source-controller concurrency 4, 2 CPUs)`);

  // In-process: the reconcile of an up-to-date object (one ls-remote, no clone, no archive).
  const env = {
    storage: controller.store.storage,
    gitCacheRoot: controller.store.gitCacheRoot,
    artifacts: controller.store.artifacts,
    getSecret: async () => ({}),
    getGitRepository: async () => undefined,
    event: () => {},
  };
  const samples: number[] = [];
  for (let i = 0; i < Math.min(count, 50); i++) {
    const obj = await get(`repo-${i}`);
    const t0 = performance.now();
    const out = await reconcileGitRepository(obj, env);
    samples.push(performance.now() - t0);
    if (out.object.status?.artifact?.digest !== obj.status?.artifact?.digest) throw new Error('no-op reconcile rebuilt the artifact');
  }
  samples.sort((a, b) => a - b);
  console.log(`no-op reconcile (remote unchanged), in-process: p50 ${fmt(percentile(samples, 50), 1)} ms, p95 ${fmt(percentile(samples, 95), 1)} ms over ${samples.length}`);
  const requestsBefore = http.requests.length;

  // End to end: a reconcile request on every object, until each reports it handled.
  const token = new Date().toISOString();
  const t1 = performance.now();
  await Promise.all(
    repos.map((_, i) =>
      client.patch({ apiVersion: API, kind: 'GitRepository', namespace, name: `repo-${i}` }, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } }, 'merge'),
    ),
  );
  let handled = 0;
  while (handled < count) {
    const list = await client.list<GitRepository>(API, 'GitRepository', { namespace });
    handled = list.items.filter((o) => o.status?.lastHandledReconcileAt === token).length;
    if (handled < count) await new Promise((r) => setTimeout(r, 100));
  }
  const e2e = (performance.now() - t1) / 1000;
  const gitRequests = http.requests.length - requestsBefore;
  console.log(`${count} no-op reconciles through reconcile requests: ${fmt(e2e, 2)} s (${fmt(count / e2e, 1)}/s), ${fmt(gitRequests / count, 1)} git HTTP requests per object (ls-remote only)`);
} finally {
  await controller.stop();
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => {});
  await http.close();
  for (const r of repos) r.dispose();
  await rm(root, { recursive: true, force: true });
  await client.close();
  await cluster.stop();
}
