// The demo's GitOps loop: Flux CRDs, the source and kustomize controllers in this process, a sample
// fleet repository on a local git server, its GitRepository and Kustomizations, and progress until all
// are Ready. Reused when the demo folder already holds the repository from an earlier run.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCrds } from '../api/index.ts';
import { KustomizationKind, type Kustomization } from '../api/kustomize/kustomization.ts';
import { kustomizeControllerBundle } from '../controllers/kustomize/index.ts';
import { openSourceStorage, sourceControllerBundle } from '../controllers/source/index.ts';
import { installCrds } from '../install/crds.ts';
import { isAlreadyExists, KubeClient, type KubeObject } from '../kube/index.ts';
import { Logger } from '../runtime/logger.ts';
import { Manager } from '../runtime/manager.ts';
import { RuntimeMetrics } from '../runtime/metrics.ts';
import { defaultControllerOptions } from '../runtime/registry.ts';
import { databaseSecret, fleetFiles } from './demo-fleet-repo.ts';
import { ensureGoTool } from './go-build.ts';
import { serveGitRepositories } from './git-http-server.ts';

const NS = 'flux-system';
const SOURCE_API = 'source.toolkit.fluxcd.io/v1';

export interface FleetDemoOptions {
  dir: string;
  log: (line: string) => void;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_NAME: 'tsflux demo', GIT_AUTHOR_EMAIL: 'demo@tsflux.local', GIT_COMMITTER_NAME: 'tsflux demo', GIT_COMMITTER_EMAIL: 'demo@tsflux.local' } }).trim();

/** An age key and the sops binary (built from Go modules once per machine) to encrypt the Secret. */
async function encryptWithSops(dir: string, plain: string, log: (line: string) => void): Promise<{ ageKey: string; encrypted: string }> {
  const moduleDir = fileURLToPath(new URL('../../tools/oracles/sops/', import.meta.url));
  const sops = await ensureGoTool(moduleDir, 'github.com/getsops/sops/v3/cmd/sops', 'sops', log);
  const keygen = await ensureGoTool(moduleDir, 'filippo.io/age/cmd/age-keygen', 'age-keygen', log);
  const ageKey = execFileSync(keygen, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const recipient = /public key: (age1\S+)/.exec(ageKey)![1]!;
  const file = join(dir, 'db.plain.yaml');
  writeFileSync(file, plain);
  try {
    const encrypted = execFileSync(sops, ['encrypt', '--age', recipient, '--encrypted-regex', '^(data|stringData)$', file], { encoding: 'utf8', env: { ...process.env, SOPS_DISABLE_VERSION_CHECK: '1' } });
    return { ageKey, encrypted };
  } finally {
    rmSync(file, { force: true });
  }
}

/** Creates the bare repository and its working copy the first time; returns the working copy. */
async function prepareRepository(dir: string, log: (line: string) => void): Promise<{ work: string; ageKey: string }> {
  mkdirSync(dir, { recursive: true });
  const bare = join(dir, 'git', 'fleet.git');
  const work = join(dir, 'repo');
  const keyFile = join(dir, 'age.agekey');
  if (existsSync(bare) && existsSync(keyFile)) return { work, ageKey: readFileSync(keyFile, 'utf8') };
  log('creating the sample fleet repository (SOPS-encrypting its Secret with age)');
  const { ageKey, encrypted } = await encryptWithSops(dir, databaseSecret, log);
  mkdirSync(join(dir, 'git'), { recursive: true });
  git(dir, 'init', '--quiet', '--bare', '-b', 'main', bare);
  mkdirSync(work, { recursive: true });
  git(work, 'init', '--quiet', '-b', 'main');
  git(work, 'remote', 'add', 'origin', bare);
  for (const [path, content] of Object.entries({ ...fleetFiles, 'secrets/db.yaml': encrypted })) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), content);
  }
  git(work, 'add', '--all');
  git(work, 'commit', '--quiet', '-m', 'sample fleet');
  git(work, 'push', '--quiet', '--set-upstream', 'origin', 'main');
  writeFileSync(keyFile, ageKey, { mode: 0o600 });
  return { work, ageKey };
}

async function ensure(client: KubeClient, obj: KubeObject): Promise<void> {
  await client.apply(obj, { fieldManager: 'tsflux-demo', force: true }).catch((err: unknown) => {
    if (!isAlreadyExists(err)) throw err;
  });
}

function kustomization(name: string, spec: Partial<Kustomization['spec']>): KubeObject {
  return {
    apiVersion: KustomizationKind.apiVersion,
    kind: KustomizationKind.kind,
    metadata: { name, namespace: NS },
    spec: { interval: '1m', retryInterval: '10s', prune: true, sourceRef: { kind: 'GitRepository', name: 'fleet' }, ...spec },
  };
}

/** Runs the controllers in this process until it exits; their JSON logs go to `logFile`. */
async function startControllers(client: KubeClient, dir: string, logFile: string): Promise<void> {
  const store = await openSourceStorage({ storagePath: join(dir, 'artifacts'), storageAddr: '127.0.0.1:0' });
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const manager = new Manager({ client, logger: new Logger({ level: 'info', write: (line) => logStream.write(line) }), metrics: new RuntimeMetrics() });
  const options = { ...defaultControllerOptions, runtimeNamespace: NS, requeueDependencyMs: 5_000 };
  for (const bundle of [sourceControllerBundle(store), kustomizeControllerBundle()]) {
    for (const definition of bundle.controllers(options)) manager.add(definition, { fieldManager: bundle.component, concurrent: bundle.defaultConcurrent });
  }
  void manager.run(new AbortController().signal);
}

interface Watched extends KubeObject {
  status?: { conditions?: { type: string; status: string; reason: string; message: string }[] };
}

/** Prints each object's Ready condition when it changes, until all are Ready=True. */
async function showProgress(client: KubeClient, log: (line: string) => void, timeoutMs: number): Promise<boolean> {
  const seen = new Map<string, string>();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const objects = [
      ...(await client.list<Watched>(SOURCE_API, 'GitRepository', { namespace: NS })).items,
      ...(await client.list<Watched>(KustomizationKind.apiVersion, KustomizationKind.kind, { namespace: NS })).items,
    ];
    let allReady = objects.length > 0;
    for (const obj of objects) {
      const ready = obj.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready?.status !== 'True') allReady = false;
      const line = ready ? `${ready.status === 'True' ? '✔' : ready.status === 'False' ? '✗' : '◎'} ${obj.kind.toLowerCase()}/${obj.metadata.name}: ${ready.message}` : `◎ ${obj.kind.toLowerCase()}/${obj.metadata.name}: waiting to be reconciled`;
      const key = `${obj.kind}/${obj.metadata.name}`;
      if (seen.get(key) !== line) {
        seen.set(key, line);
        log(line);
      }
    }
    if (allReady) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

export async function runFleetDemo(kubeconfigPath: string, opts: FleetDemoOptions): Promise<void> {
  const { dir, log } = opts;
  const client = await KubeClient.fromKubeconfig({ path: kubeconfigPath });
  log('installing the Flux CRDs');
  await installCrds(client, allCrds());
  const { work, ageKey } = await prepareRepository(dir, log);
  const server = await serveGitRepositories(join(dir, 'git'));
  log(`serving the fleet repository at ${server.url}/fleet.git`);
  const logFile = join(dir, 'controllers.log');
  await startControllers(client, dir, logFile);
  log(`running the source and kustomize controllers in this process (logs: ${logFile})`);

  await ensure(client, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await ensure(client, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sops-age', namespace: NS }, stringData: { 'age.agekey': ageKey } } as KubeObject);
  await ensure(client, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-vars', namespace: NS }, data: { cluster_name: 'demo', greeting: 'Hello' } } as KubeObject);
  await ensure(client, { apiVersion: SOURCE_API, kind: 'GitRepository', metadata: { name: 'fleet', namespace: NS }, spec: { interval: '30s', url: `${server.url}/fleet.git`, ref: { branch: 'main' } } });
  await ensure(client, kustomization('infrastructure', { path: './infrastructure', wait: true }));
  await ensure(client, kustomization('secrets', { path: './secrets', dependsOn: [{ name: 'infrastructure' }], decryption: { provider: 'sops', secretRef: { name: 'sops-age' } } }));
  await ensure(client, kustomization('apps', {
    path: './apps/demo',
    dependsOn: [{ name: 'secrets' }],
    wait: true,
    timeout: '2m',
    postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-vars' }] },
  }));
  log('created GitRepository/fleet and Kustomizations infrastructure → secrets → apps; waiting until all are Ready');
  const ready = await showProgress(client, log, 300_000);
  log(ready ? 'the fleet is in sync with Git' : `not everything is Ready after 5 minutes: see ${logFile}`);
  log('what to try next:');
  log(`  cd ${work} && sed -i 's/value: 2/value: 3/' apps/demo/kustomization.yaml && git commit -qam 'scale web' && git push -q`);
  log('  (the GitRepository polls every 30s; or ask now: npm run tsflux -- reconcile kustomization apps --with-source)');
  log(`  export KUBECONFIG=${kubeconfigPath}`);
  log('  npm run tsflux -- get all              # sources and Kustomizations with their revision');
  log('  npm run tsflux -- tree kustomization apps');
  log('  npm run tsflux -- events');
}
