// `npm run bench -- kustomizations --count 100|500|1000 [--concurrent N]`, in the shape of Flux's public
// benchmark (fluxcd/flux-benchmark, whose kustomize-controller runs with --concurrent=20, our default):
// N Kustomizations of one GitRepository, each applying a
// ServiceAccount, a Service, a Deployment scaled to zero and an Ingress (with wait: true). Prints the
// time from creating the Kustomizations until all are Ready, the controller process's peak memory and
// CPU, the control plane's CPU, and the apiserver requests each Kustomization cost.
// The source and kustomize controllers run as `tsflux controllers`, a process of their own, started the
// way a user starts it; the control plane runs beside it.
// Uses TSFLUX_BENCH_KUBECONFIG (or TSFLUX_E2E_KUBECONFIG) when set, else starts a local control plane.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allCrds } from '../src/api/index.ts';
import { KustomizationKind, type Kustomization } from '../src/api/kustomize/kustomization.ts';
import { freePort } from '../src/dev/loopback-http.ts';
import { serveGitRepositories } from '../src/dev/git-http-server.ts';
import { installCrds } from '../src/install/crds.ts';
import { KubeClient, type KubeObject } from '../src/kube/index.ts';
import { benchCluster } from './cluster.ts';
import { cpuSeconds, memory, processesMentioning } from './process-stats.ts';

const { values } = parseArgs({ args: process.argv.slice(3), options: { count: { type: 'string', default: '100' }, concurrent: { type: 'string', default: '20' } } });
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
  let controllers: ReturnType<typeof startControllers> | undefined;
  try {
    await installCrds(client, allCrds());
    gitRepo(work);
    const git = await serveGitRepositories(join(work, 'git'));
    const metricsPort = await freePort();
    controllers = startControllers(cluster.kubeconfig, work, metricsPort);
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }, { fieldManager: 'bench', force: true });
    await client.apply({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'bench', namespace: NS }, spec: { interval: '10m', url: `${git.url}/bench.git`, ref: { branch: 'main' } } } as KubeObject, { fieldManager: 'bench', force: true });
    await waitAll(client, 'source.toolkit.fluxcd.io/v1', 'GitRepository', 1, 120_000);

    progress(`creating ${count} Kustomizations`);
    const controlPlane = processesMentioning(dirname(cluster.kubeconfig), controllers.pid);
    const cpuBefore = cpuOf(controllers.pid, controlPlane);
    const requestsBefore = await apiserverRequests(client);
    const started = performance.now();
    const watchdog = setInterval(() => void report(metricsPort, controllers!.pid, started), 10_000);
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
    try {
      await waitAll(client, KustomizationKind.apiVersion, KustomizationKind.kind, count, 30 * 60_000);
    } finally {
      clearInterval(watchdog);
    }
    const elapsed = (performance.now() - started) / 1000;
    const cpu = cpuOf(controllers.pid, controlPlane);
    const requests = diffCounts(await apiserverRequests(client), requestsBefore);
    const mem = memory(controllers.pid);
    const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(`kustomizations: ${count} (each: ServiceAccount, Service, Deployment with 0 replicas, Ingress; wait: true), kustomize-controller --concurrent=${concurrent}`);
    console.log(`  created in ${(createdMs / 1000).toFixed(1)}s; all Ready after ${elapsed.toFixed(1)}s (${(count / elapsed).toFixed(1)} Kustomizations/s)`);
    console.log(`  controller process (tsflux controllers: source + kustomize): peak RSS ${mib(mem.peak)} MiB, RSS at the end ${mib(mem.current)} MiB`);
    // CPU time varies far less than wall time when other work shares the machine.
    const cpuLine = [...cpu].map(([name, seconds]) => `${name} ${(seconds - (cpuBefore.get(name) ?? 0)).toFixed(1)}s`).join(', ');
    console.log(`  CPU meanwhile: ${cpuLine}`);
    const total = [...requests.values()].reduce((a, b) => a + b, 0);
    const top = [...requests].sort((x, y) => y[1] - x[1]).slice(0, 20).map(([k, v]) => `${k} ${(v / count).toFixed(2)}`).join(', ');
    console.log(`  apiserver requests (all clients) per Kustomization: ${(total / count).toFixed(1)}; by verb and resource: ${top}`);
    console.log(`  upstream Flux 2.7 (flux-benchmark, 16-core runner): 1000 in 4m14s, peak 195 MiB`);
    await git.close();
  } finally {
    await controllers?.stop();
    await cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** `tsflux controllers` as a user runs it (bin/tsflux.js, so its default V8 flags apply). */
function startControllers(kubeconfig: string, work: string, metricsPort: number) {
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tsflux.js');
  const args = [
    bin, 'controllers', '--only', 'source,kustomize', '--kubeconfig', kubeconfig, '--concurrent', String(concurrent),
    '--kube-api-qps', '500', '--kube-api-burst', '1000', '--metrics-addr', `127.0.0.1:${metricsPort}`, '--health-addr', '',
    '--storage-path', join(work, 'artifacts'), '--storage-addr', '127.0.0.1:0', '--log-level', 'error',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') progress(`tsflux controllers exited (${code ?? signal})`);
  });
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function cpuOf(controllersPid: number, controlPlane: Map<string, number>): Map<string, number> {
  const cpu = new Map([['tsflux controllers', cpuSeconds(controllersPid)]]);
  for (const [name, pid] of controlPlane) {
    try {
      cpu.set(name, cpuSeconds(pid));
    } catch {
      // a component that has exited has no figure
    }
  }
  return cpu;
}

/** apiserver_request_total summed by verb and resource. */
async function apiserverRequests(client: KubeClient): Promise<Map<string, number>> {
  const text = (await client.request('GET', '/metrics', { accept: 'text/plain' })) as string;
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const label = (name: string) => new RegExp(`[{,]${name}="([^"]*)"`).exec(line)?.[1] ?? '';
    const key = `${label('verb')} ${label('resource')}${label('subresource') ? `/${label('subresource')}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return counts;
}

function diffCounts(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0));
}

/** Every 10s: what the controller is doing, so a stalled run shows where it stalls. */
async function report(metricsPort: number, pid: number, started: number): Promise<void> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const gauge = (name: string) => new RegExp(`^${name}\\{[^}]*(?:controller|name)="kustomization"[^}]*\\} (\\S+)`, 'm').exec(text)?.[1] ?? '?';
    const mem = memory(pid);
    // Where the resident memory is: V8's heap spaces (size held, not just used) and memory outside them.
    const mib = (v: string | undefined) => (Number(v ?? NaN) / 1048576).toFixed(0);
    const metric = (name: string) => new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1];
    const space = (s: string) => mib(new RegExp(`^nodejs_heap_space_size_total_bytes\\{space="${s}"\\} (\\S+)`, 'm').exec(text)?.[1]);
    progress(
      `  ${((performance.now() - started) / 1000).toFixed(0)}s: kustomization queue depth ${gauge('workqueue_depth')}, active workers ${gauge('controller_runtime_active_workers')}; ` +
        `controller RSS ${(mem.current / 1048576).toFixed(0)} MiB = heap ${mib(metric('nodejs_heap_size_total_bytes'))} (used ${mib(metric('nodejs_heap_size_used_bytes'))}; new ${space('new')}, old ${space('old')}, code ${space('code')}, large ${space('large_object')}) + external ${mib(metric('nodejs_external_memory_bytes'))} + the rest`,
    );
  } catch (err) {
    progress(`  controller metrics unavailable: ${(err as Error).message}`);
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
