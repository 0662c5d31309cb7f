// What the Kustomization end-to-end tests share: the source-controller and kustomize-controller
// running in this process against the real control plane, a git smart-HTTP server on 127.0.0.1, and
// helpers to create a repository with its GitRepository and to read Kustomization status.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KustomizationKind, type Kustomization } from '../../src/api/kustomize/kustomization.ts';
import { ArtifactCache } from '../../src/artifact/index.ts';
import { kustomizationController, type KustomizeControllerOptions } from '../../src/controllers/kustomize/index.ts';
import type { KubeClient } from '../../src/kube/index.ts';
import { Logger } from '../../src/runtime/logger.ts';
import { Manager } from '../../src/runtime/manager.ts';
import { RuntimeMetrics } from '../../src/runtime/metrics.ts';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.ts';
import { TestRepo } from '../support/git-fixtures.ts';
import { startSourceController, type RunningSourceController } from '../support/source-controller.ts';
import { fluxCrdsInstalled } from './flux-crds.ts';
import { eventually, testCluster } from './harness.ts';

export const KS_API = KustomizationKind.apiVersion;

export interface KustomizeEnv {
  client: KubeClient;
  git: GitHttpServer;
  root: string;
  /** The shard labels this process's controllers select on: put them on every object they should see. */
  labels: Record<string, string>;
  /** The running source-controller's artifact store and file server. */
  sources: RunningSourceController['store'];
  /** A repository holding `files`, pushed, with a GitRepository of the same name in `namespace`. */
  repo(namespace: string, name: string, files: Record<string, string>): Promise<TestRepo>;
  /** A Kustomization of this process's controllers (their shard label set). */
  kustomization(namespace: string, name: string, spec: Partial<Kustomization['spec']>): Kustomization;
  /** Commits and pushes, then asks the GitRepository to fetch now; returns the new commit. */
  push(repo: TestRepo, namespace: string, name: string, message: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startKustomizeEnv(options: Partial<KustomizeControllerOptions> = {}): Promise<KustomizeEnv> {
  const { client } = await testCluster();
  await fluxCrdsInstalled(client);
  const root = await mkdtemp(join(tmpdir(), 'tsflux-e2e-ks-'));
  const git = await startGitHttpServer({ root });
  const source: RunningSourceController = await startSourceController(client);
  // Test files share one control plane and run in parallel: each process's controllers only take the
  // objects labelled with its shard, as upstream's sharding does.
  const labels = source.shardLabels;
  const manager = new Manager({
    client,
    labelSelector: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(','),
    logger: new Logger({ level: 'error', write: process.env.TSFLUX_E2E_LOGS ? undefined : () => {} }),
    metrics: new RuntimeMetrics({ processMetrics: false }),
    retry: { baseDelayMs: 200, maxDelayMs: 2_000 },
  });
  manager.add(
    kustomizationController({
      artifacts: new ArtifactCache({ dir: join(root, 'artifacts') }),
      requeueDependencyMs: 1_000,
      watchConfigsLabelSelector: 'reconcile.fluxcd.io/watch=Enabled',
      ...options,
    }),
    { fieldManager: 'kustomize-controller', concurrent: 4 },
  );
  const stopping = new AbortController();
  const running = manager.run(stopping.signal);
  const repos: TestRepo[] = [];
  const requestFetch = (namespace: string, name: string) =>
    client.patch(
      { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace, name },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': String(Date.now()) } } },
      'merge',
    );
  return {
    client,
    git,
    root,
    labels,
    sources: source.store,
    async repo(namespace, name, files) {
      const repo = TestRepo.create(root, `${namespace}/${name}`);
      repos.push(repo);
      repo.write(files).commit('initial');
      repo.push();
      await client.create({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name, namespace, labels },
        spec: { interval: '10m', url: `${git.url}/${namespace}/${name}.git`, ref: { branch: 'main' } },
      });
      return repo;
    },
    kustomization(namespace, name, spec) {
      const ks = kustomization(namespace, name, spec);
      ks.metadata.labels = { ...labels };
      return ks;
    },
    async push(repo, namespace, name, message) {
      const commit = repo.commit(message);
      repo.push();
      await requestFetch(namespace, name);
      return commit;
    },
    async stop() {
      stopping.abort();
      await running;
      await source.stop();
      await git.close();
      for (const repo of repos) repo.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export function kustomization(namespace: string, name: string, spec: Partial<Kustomization['spec']>): Kustomization {
  return {
    apiVersion: KS_API,
    kind: 'Kustomization',
    metadata: { name, namespace },
    spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name }, ...spec },
  } as Kustomization;
}

export async function getKs(client: KubeClient, namespace: string, name: string): Promise<Kustomization> {
  return client.get<Kustomization>({ apiVersion: KS_API, kind: 'Kustomization', namespace, name });
}

export const readyOf = (ks: Kustomization) => ks.status?.conditions?.find((c) => c.type === 'Ready');

/** Waits until Ready has `status` (and, if given, a reason); returns the Kustomization. */
export function waitReady(client: KubeClient, namespace: string, name: string, status: 'True' | 'False', reason?: string, timeoutMs = 60_000): Promise<Kustomization> {
  let last = 'no Ready condition';
  return eventually(`Kustomization ${namespace}/${name} Ready=${status}${reason ? ` (${reason})` : ''}`, async () => {
    const ks = await getKs(client, namespace, name);
    const ready = readyOf(ks);
    if (ready?.status === status && (!reason || ready.reason === reason) && (status === 'False' || ks.status?.observedGeneration === ks.metadata.generation)) return ks;
    if (ready) last = `Ready=${ready.status} ${ready.reason}: ${ready.message}`;
    return undefined;
  }, timeoutMs).catch((err: unknown) => {
    throw new Error(`${(err as Error).message} (last seen: ${last})`);
  });
}

export const configMap = (name: string, data: Record<string, string>, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;

/** A ServiceAccount in `namespace` with a RoleBinding granting it `role` there: the identity a Kustomization impersonates. */
export async function serviceAccountBoundTo(client: KubeClient, namespace: string, name: string, role: { kind: 'Role' | 'ClusterRole'; name: string }): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
  await client.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${name}-${role.name}`, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...role },
    subjects: [{ kind: 'ServiceAccount', name, namespace }],
  });
}
