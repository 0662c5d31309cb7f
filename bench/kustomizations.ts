// `npm run bench -- kustomizations --count 100|500|1000 [--concurrent N]`, in the shape of Flux's public
// benchmark (fluxcd/flux-benchmark): N Kustomizations of one GitRepository, each applying a
// ServiceAccount, a Service, a Deployment scaled to zero and an Ingress (with wait: true). Prints the
// time from creating the Kustomizations until all are Ready, and the controller process's peak memory.
// The source and kustomize controllers run in this process; the control plane runs beside it.
// Uses TSFLUX_BENCH_KUBECONFIG (or TSFLUX_E2E_KUBECONFIG) when set, else starts a local control plane.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allCrds } from '../src/api/index.ts';
import { KustomizationKind, type Kustomization } from '../src/api/kustomize/kustomization.ts';
import { ArtifactCache } from '../src/artifact/index.ts';
import { kustomizeControllerBundle } from '../src/controllers/kustomize/index.ts';
import { openSourceStorage, sourceControllerBundle } from '../src/controllers/source/index.ts';
import { serveGitRepositories } from '../src/dev/git-http-server.ts';
import { installCrds } from '../src/install/crds.ts';
import { KubeClient, type KubeObject } from '../src/kube/index.ts';
import { Logger } from '../src/runtime/logger.ts';
import { Manager } from '../src/runtime/manager.ts';
import { RuntimeMetrics } from '../src/runtime/metrics.ts';
import { defaultControllerOptions } from '../src/runtime/registry.ts';
import { benchCluster } from './cluster.ts';

const { values } = parseArgs({ args: process.argv.slice(3), options: { count: { type: 'string', default: '100' }, concurrent: { type: 'string', default: '10' } } });
const count = Number(values.count);
const concurrent = Number(values.concurrent);
const NS = 'bench';

const manifests = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
---
apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  # Headless: the local control plane's service CIDR (a /24) cannot give 1000 Services an IP.
  clusterIP: None
  selector:
    app: app
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 0
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      serviceAccountName: app
      containers:
        - name: app
          image: ghcr.io/stefanprodan/podinfo:6.7.0
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
spec:
  rules:
    - host: app.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app
                port:
                  number: 80
`;

function gitRepo(root: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@tsflux', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@tsflux' };
  const work = join(root, 'work');
  mkdirSync(join(work, 'app'), { recursive: true });
  writeFileSync(join(work, 'app', 'app.yaml'), manifests);
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', join(root, 'git', 'bench.git')], { env });
  for (const args of [['init', '-q', '-b', 'main'], ['add', '.'], ['commit', '-qm', 'bench'], ['push', '-q', join(root, 'git', 'bench.git'), 'main']]) {
    execFileSync('git', args, { cwd: work, env });
  }
}

interface Watched extends KubeObject {
  status?: { conditions?: { type: string; status: string; message: string }[] };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'tsflux-bench-ks-'));
  const cluster = await benchCluster('kustomizations');
  const client = await KubeClient.fromKubeconfig({ path: cluster.kubeconfig, qps: 500, burst: 1000 });
  try {
    await installCrds(client, allCrds());
    gitRepo(work);
    const git = await serveGitRepositories(join(work, 'git'));
    const store = await openSourceStorage({ storagePath: join(work, 'artifacts'), storageAddr: '127.0.0.1:0' });
    const manager = new Manager({ client, logger: new Logger({ level: 'error', write: () => {} }), metrics: new RuntimeMetrics({ processMetrics: false }) });
    const options = { ...defaultControllerOptions, runtimeNamespace: 'flux-system' };
    for (const bundle of [sourceControllerBundle(store), kustomizeControllerBundle(new ArtifactCache({ dir: join(work, 'ks-artifacts') }))]) {
      for (const d of bundle.controllers(options)) manager.add(d, { fieldManager: bundle.component, concurrent: bundle.name === 'kustomize' ? concurrent : 2 });
    }
    const stop = new AbortController();
    const running = manager.run(stop.signal);
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }, { fieldManager: 'bench', force: true });
    await client.apply({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'bench', namespace: NS }, spec: { interval: '10m', url: `${git.url}/bench.git`, ref: { branch: 'main' } } } as KubeObject, { fieldManager: 'bench', force: true });
    await waitAll(client, 'source.toolkit.fluxcd.io/v1', 'GitRepository', 1, 120_000);

    progress(`creating ${count} Kustomizations`);
    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 200);
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    for (let i = 0; i < count; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => {
        const n = i + j;
        const ks: Kustomization = {
          apiVersion: KustomizationKind.apiVersion,
          kind: KustomizationKind.kind,
          metadata: { name: `app-${n}`, namespace: NS },
          spec: { interval: '1h', prune: true, wait: true, timeout: '5m', path: './app', targetNamespace: NS, namePrefix: `app-${n}-`, sourceRef: { kind: 'GitRepository', name: 'bench' } },
        } as Kustomization;
        return client.create(ks);
      }));
    }
    const createdMs = performance.now() - started;
    await waitAll(client, KustomizationKind.apiVersion, KustomizationKind.kind, count, 30 * 60_000);
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(`kustomizations: ${count} (each: ServiceAccount, Service, Deployment with 0 replicas, Ingress; wait: true), kustomize-controller --concurrent=${concurrent}`);
    const cpu = process.cpuUsage(cpuAtStart);
    console.log(`  created in ${(createdMs / 1000).toFixed(1)}s; all Ready after ${elapsed.toFixed(1)}s (${(count / elapsed).toFixed(1)} Kustomizations/s)`);
    // CPU time varies far less than wall time when other work shares the machine.
    console.log(`  controller process CPU meanwhile: ${((cpu.user + cpu.system) / 1e6).toFixed(1)}s (user ${(cpu.user / 1e6).toFixed(1)}s, system ${(cpu.system / 1e6).toFixed(1)}s)`);
    // Peak RSS is mostly garbage V8 has not collected yet: heap limits (NODE_OPTIONS) change it a lot.
    const heapFlags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].filter((f) => /space-size/.test(f));
    console.log(`  controller process (source + kustomize controllers): peak RSS ${mib(peakRss)} MiB, peak heap used ${mib(peakHeap)} MiB, heap used at the end ${mib(process.memoryUsage().heapUsed)} MiB (V8 heap flags: ${heapFlags.join(' ') || 'defaults'})`);
    console.log(`  upstream Flux 2.7 (flux-benchmark, 16-core runner): 1000 in 4m14s, peak 195 MiB`);
    stop.abort();
    await running;
    await store.close();
    await git.close();
  } finally {
    await cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
}

// Follows the kind with one watch rather than listing it every second: a list of 1000 Kustomizations
// each second would load the apiserver and this process, which the figures are about.
async function waitAll(client: KubeClient, apiVersion: string, kind: string, expected: number, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const ready = new Set<string>();
  const isReady = (o: Watched) => o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const list = await client.list<Watched>(apiVersion, kind, { namespace: NS });
  for (const o of list.items) if (isReady(o)) ready.add(o.metadata.name!);
  let resourceVersion = list.metadata.resourceVersion;
  let shown = -1;
  while (ready.size < expected) {
    if (signal.aborted) throw new Error(`timed out: ${ready.size}/${expected} ${kind} Ready`);
    for await (const event of client.watch<Watched>(apiVersion, kind, { namespace: NS, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 60, signal })) {
      if (event.type === 'ERROR') continue; // thrown by the client, never yielded
      resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
      if (event.type === 'BOOKMARK') continue;
      if (event.type !== 'DELETED' && isReady(event.object)) ready.add(event.object.metadata.name!);
      else ready.delete(event.object.metadata.name!);
      if (ready.size >= expected) return;
      if (ready.size !== shown && (ready.size % 50 === 0 || ready.size < 50)) process.stderr.write(`\r${kind}: ${(shown = ready.size)}/${expected} Ready  `);
    }
  }
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

await main();
