// A real local Kubernetes control plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler
// and kwok with fake nodes, all on loopback with free ports. Used by `tsflux cluster`, the demo and the
// end-to-end tests.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { controlPlaneBinariesCached, ensureControlPlaneBinaries, type ControlPlaneBinaries } from './binaries.ts';
import { requireGo } from './go-toolchain.ts';
import { callLoopback, freePort, waitUntil } from './loopback-http.ts';
import { isAlive, killComponent, readState, spawnComponent, statePath, writeState, type ClusterState, type ComponentState } from './processes.ts';

export { requireGo };

export interface StartOptions {
  dir: string;
  /** Number of kwok nodes (default 1). */
  nodes?: number;
  log?: (line: string) => void;
  /** Stop the cluster when this process dies (default: the calling process; false for a detached cluster). */
  ownedByThisProcess?: boolean;
}

export interface LocalCluster {
  dir: string;
  server: string;
  kubeconfigPath: string;
  stop(): Promise<void>;
  restart(component: ComponentName): Promise<void>;
}

export type ComponentName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

const STOP_ORDER: ComponentName[] = ['kwok', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd'];

export async function startCluster(opts: StartOptions): Promise<LocalCluster> {
  const dir = resolve(opts.dir);
  const log = opts.log ?? (() => {});
  const nodes = opts.nodes ?? 1;
  const previous = readState(dir);
  if (previous?.components.some((c) => isAlive(c.pid))) {
    throw new Error(`a cluster is already running in ${dir}; stop it first with 'tsflux cluster stop --dir ${dir}'`);
  }
  const bins = await ensureControlPlaneBinaries(log);
  const paths = await prepareDir(dir);

  // The last three are picked just before their components start: while etcd and the apiserver come
  // up, other processes (tests running in parallel) may take a port picked this early.
  const ports: Ports = { etcd: await freePort(), etcdPeer: await freePort(), apiserver: await freePort(), controllerManager: 0, scheduler: 0, kwok: 0 };
  const server = `https://127.0.0.1:${ports.apiserver}`;
  const state: ClusterState = { ports, server, components: [], ownerPid: opts.ownedByThisProcess === false ? undefined : process.pid };
  const start = (name: ComponentName, args: string[]) => {
    const c = spawnComponent(name, bins.path(name), args, join(paths.logs, `${name}.log`));
    state.components.push(c);
    writeState(dir, state);
    return c;
  };
  if (state.ownerPid) state.reaperPid = startReaper(dir, state.ownerPid);
  writeState(dir, state);

  try {
    log(`starting etcd and kube-apiserver in ${dir}`);
    start('etcd', etcdArgs(paths, ports));
    await waitUntil('etcd to become healthy', 30_000, async () => (await callLoopback(`http://127.0.0.1:${ports.etcd}/health`)).status === 200);

    start('kube-apiserver', apiserverArgs(paths, ports));
    await waitUntil('kube-apiserver /readyz', 90_000, async () => {
      assertRunning(state, 'kube-apiserver');
      return (await callLoopback(`${server}/readyz`, { token: paths.token })).status === 200;
    });
    const ca = await readFile(join(paths.pki, 'apiserver.crt'), 'utf8');
    await writeKubeconfig(paths, server);

    Object.assign(ports, { controllerManager: await freePort(), scheduler: await freePort(), kwok: await freePort() });
    start('kube-controller-manager', controllerManagerArgs(paths, ports));
    start('kube-scheduler', schedulerArgs(paths, ports));
    start('kwok', kwokArgs(paths, ports, bins));

    const api = (method: string, path: string, body?: unknown) => callLoopback(`${server}${path}`, { method, body, token: paths.token, ca });
    for (let i = 0; i < nodes; i++) {
      const res = await api('POST', '/api/v1/nodes', fakeNode(`kwok-node-${i}`));
      if (res.status !== 201 && res.status !== 409) throw new Error(`creating fake node kwok-node-${i}: HTTP ${res.status}: ${res.body}`);
    }
    log(`waiting for ${nodes} kwok node(s), the controller manager and the scheduler`);
    await waitUntil('kwok nodes to become Ready', 60_000, async () => {
      assertRunning(state, 'kwok');
      const list = JSON.parse((await api('GET', '/api/v1/nodes')).body) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] };
      const ready = list.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length >= nodes;
    });
    for (const [name, port] of [['kube-controller-manager', ports.controllerManager], ['kube-scheduler', ports.scheduler]] as const) {
      await waitUntil(`${name} /healthz`, 60_000, async () => {
        assertRunning(state, name);
        return (await callLoopback(`https://127.0.0.1:${port}/healthz`)).status === 200;
      });
    }
    // Pods can only be created once the controller manager has made the namespace's service account.
    await waitUntil('the default ServiceAccount', 60_000, async () => (await api('GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200);
  } catch (err) {
    await stopCluster(dir);
    const logs = `logs are in ${paths.logs}`;
    throw new Error(`starting the local control plane: ${(err as Error).message} (${logs})`, { cause: err });
  }
  log(`control plane ready at ${server}`);
  return handle(dir, server, paths.kubeconfig);
}

/** Whether startCluster can run on this machine: the binaries are cached, or Go is there to build them. */
export async function canStartCluster(): Promise<boolean> {
  if (await controlPlaneBinariesCached()) return true;
  try {
    requireGo('the local control plane');
    return true;
  } catch {
    return false;
  }
}

function handle(dir: string, server: string, kubeconfigPath: string): LocalCluster {
  return { dir, server, kubeconfigPath, stop: () => stopCluster(dir), restart: (c) => restartComponent(dir, c) };
}

/** Stops every process of the cluster in DIR and waits until they are gone. */
export async function stopCluster(dir: string): Promise<void> {
  const state = readState(dir);
  if (!state) return;
  const byName = new Map(state.components.map((c) => [c.name, c]));
  for (const name of STOP_ORDER) {
    const c = byName.get(name);
    if (c) await killComponent(c);
  }
  await rm(statePath(dir), { force: true });
  if (state.reaperPid) await killComponent({ pid: state.reaperPid }, 1000);
}

/** Kills one component and starts it again with the same flags and ports (to test reconnects). */
export async function restartComponent(dir: string, name: ComponentName): Promise<void> {
  const state = readState(dir);
  const old = state?.components.find((c) => c.name === name);
  if (!state || !old) throw new Error(`no ${name} in the local cluster in ${dir}`);
  await killComponent(old);
  const fresh = spawnComponent(name, old.command, old.args, old.log);
  state.components = state.components.map((c) => (c.name === name ? fresh : c));
  writeState(dir, state);
  if (name === 'kube-apiserver') {
    const token = (await readFile(join(dir, 'pki', 'token'), 'utf8')).trim();
    await waitUntil('kube-apiserver /readyz after restart', 90_000, async () => (await callLoopback(`${state.server}/readyz`, { token })).status === 200);
  }
}

function assertRunning(state: ClusterState, name: string): void {
  const c: ComponentState | undefined = state.components.find((x) => x.name === name);
  if (c && !isAlive(c.pid)) throw new Error(`${name} exited; see ${c.log}; its last lines:\n${lastLines(c.log, 10)}`);
}

/** The end of a component's log, for errors that outlive a cleaned-up directory (test runs). */
function lastLines(path: string, count: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '(no log)';
  }
}

function startReaper(dir: string, ownerPid: number): number {
  const script = fileURLToPath(new URL('./reaper.ts', import.meta.url));
  const child = spawn(process.execPath, [script, dir, String(ownerPid)], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid ?? 0;
}

interface Paths {
  dir: string;
  logs: string;
  pki: string;
  etcdData: string;
  kubeconfig: string;
  token: string;
}

async function prepareDir(dir: string): Promise<Paths> {
  const pki = join(dir, 'pki');
  const paths = { dir, logs: join(dir, 'logs'), pki, etcdData: join(dir, 'etcd'), kubeconfig: join(dir, 'kubeconfig'), token: '' };
  await mkdir(paths.logs, { recursive: true });
  await mkdir(pki, { recursive: true, mode: 0o700 });
  if (!existsSync(join(pki, 'sa.key'))) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(join(pki, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(join(pki, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    await writeFile(join(pki, 'token'), randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  paths.token = (await readFile(join(pki, 'token'), 'utf8')).trim();
  await writeFile(join(pki, 'tokens.csv'), `${paths.token},admin,admin-uid,system:masters\n`, { mode: 0o600 });
  return paths;
}

type Ports = Record<'etcd' | 'etcdPeer' | 'apiserver' | 'controllerManager' | 'scheduler' | 'kwok', number>;

function etcdArgs(p: Paths, ports: Ports): string[] {
  const client = `http://127.0.0.1:${ports.etcd}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    `--data-dir=${p.etcdData}`, `--listen-client-urls=${client}`, `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`, `--initial-cluster=default=${peer}`,
    '--unsafe-no-fsync', '--log-level=warn', '--quota-backend-bytes=8589934592',
  ];
}

function apiserverArgs(p: Paths, ports: Ports): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcd}`,
    '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${ports.apiserver}`,
    `--cert-dir=${p.pki}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-signing-key-file=${join(p.pki, 'sa.key')}`, `--service-account-key-file=${join(p.pki, 'sa.pub')}`,
    '--service-cluster-ip-range=10.0.0.0/24', '--authorization-mode=Node,RBAC',
    `--token-auth-file=${join(p.pki, 'tokens.csv')}`, '--allow-privileged=true',
    // A single-user dev cluster: generous limits so benchmarks measure tsflux, not the apiserver's throttling.
    '--max-requests-inflight=2000', '--max-mutating-requests-inflight=1000', '--v=1',
  ];
}

function controllerManagerArgs(p: Paths, ports: Ports): string[] {
  return [
    `--kubeconfig=${p.kubeconfig}`, '--bind-address=127.0.0.1', `--secure-port=${ports.controllerManager}`,
    '--leader-elect=false', `--service-account-private-key-file=${join(p.pki, 'sa.key')}`,
    `--root-ca-file=${join(p.pki, 'apiserver.crt')}`, '--use-service-account-credentials=false',
    '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics', '--kube-api-qps=200', '--kube-api-burst=400',
    '--concurrent-deployment-syncs=10', '--concurrent-replicaset-syncs=10', '--v=1',
  ];
}

function schedulerArgs(p: Paths, ports: Ports): string[] {
  return [
    `--kubeconfig=${p.kubeconfig}`, '--bind-address=127.0.0.1', `--secure-port=${ports.scheduler}`,
    '--leader-elect=false', '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
    '--kube-api-qps=200', '--kube-api-burst=400', '--v=1',
  ];
}

function kwokArgs(p: Paths, ports: Ports, bins: ControlPlaneBinaries): string[] {
  return [
    `--kubeconfig=${p.kubeconfig}`, `--config=${bins.kwokStages}`, '--manage-all-nodes=true',
    `--server-address=127.0.0.1:${ports.kwok}`, '--node-ip=127.0.0.1', '--node-lease-duration-seconds=40',
  ];
}

function fakeNode(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
    },
    spec: {},
  };
}

async function writeKubeconfig(p: Paths, server: string): Promise<void> {
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: tsflux-local',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority: ${join(p.pki, 'apiserver.crt')}`,
    'users:',
    '- name: admin',
    '  user:',
    `    token: ${p.token}`,
    'contexts:',
    '- name: tsflux-local',
    '  context:',
    '    cluster: tsflux-local',
    '    user: admin',
    'current-context: tsflux-local',
    '',
  ].join('\n');
  await writeFile(p.kubeconfig, kubeconfig, { mode: 0o600 });
}
