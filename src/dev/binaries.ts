// Builds kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd and kwok from the Go
// modules pinned in tools/k8s, once per machine: the binaries live in the user's cache folder, keyed
// by Kubernetes version and a hash of the go.sum files, so fresh clones and CI runs reuse them.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTROL_PLANE_BINARIES, KUBERNETES_VERSION, type ControlPlaneBinary } from './versions.ts';
import { requireGo } from './go-toolchain.ts';
import { cacheRoot, goBuild, pinsHash, runGo } from './go-build.ts';

const toolsDir = fileURLToPath(new URL('../../tools/k8s/', import.meta.url));
const kwokToolsDir = join(toolsDir, 'kwok');

/** The kwok stages that make fake nodes Ready and pods Running, shipped inside the kwok module. */
const KWOK_STAGE_FILES = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

export interface ControlPlaneBinaries {
  dir: string;
  path(name: ControlPlaneBinary): string;
  /** kwok configuration file holding the node and pod stages. */
  kwokStages: string;
}


async function binariesKey(): Promise<string> {
  return `${KUBERNETES_VERSION}-${await pinsHash([join(toolsDir, 'go.sum'), join(kwokToolsDir, 'go.sum')])}`;
}

function describe(dir: string): ControlPlaneBinaries {
  return { dir, path: (name) => join(dir, name), kwokStages: join(dir, 'kwok-stages.yaml') };
}

/** Whether this machine already has the binaries for the pinned versions (no Go needed to start a cluster). */
export async function controlPlaneBinariesCached(): Promise<boolean> {
  return existsSync(join(cacheRoot(), 'k8s', await binariesKey(), '.complete'));
}

/** Returns the cached binaries, building them first when this machine has none for the pinned versions. */
export async function ensureControlPlaneBinaries(log: (line: string) => void = () => {}): Promise<ControlPlaneBinaries> {
  const dir = join(cacheRoot(), 'k8s', await binariesKey());
  const bins = describe(dir);
  if (existsSync(join(dir, '.complete'))) return bins;

  requireGo('the local control plane');
  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const started = Date.now();
  log(`building the local control plane (Kubernetes ${KUBERNETES_VERSION}, etcd, kwok) into ${dir}; the first build takes several minutes`);

  const minor = KUBERNETES_VERSION.split('.')[1];
  const stamp = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((p) => [
    `-X ${p}.gitVersion=${KUBERNETES_VERSION}`, `-X ${p}.gitMajor=1`, `-X ${p}.gitMinor=${minor}`,
    `-X ${p}.gitTreeState=clean`, `-X ${p}.gitCommit=${KUBERNETES_VERSION}`, `-X ${p}.buildDate=1970-01-01T00:00:00Z`,
  ]);
  const k8sCmds = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'].map((c) => `k8s.io/kubernetes/cmd/${c}`);
  await goBuild(toolsDir, ['-tags=selinux,notest,grpcnotrace', `-ldflags=-s -w ${stamp.join(' ')}`, '-o', `${staging}/`, ...k8sCmds], log);
  await goBuild(toolsDir, ['-ldflags=-s -w', '-o', join(staging, 'etcd'), 'go.etcd.io/etcd/server/v3'], log);
  await goBuild(kwokToolsDir, ['-ldflags=-s -w', '-o', join(staging, 'kwok'), 'sigs.k8s.io/kwok/cmd/kwok'], log);
  await writeKwokStages(join(staging, 'kwok-stages.yaml'));

  for (const name of CONTROL_PLANE_BINARIES) {
    if (!existsSync(join(staging, name))) throw new Error(`building the local control plane: ${name} is missing after go build`);
  }
  await writeFile(join(staging, '.complete'), `${new Date().toISOString()}\n`);
  await mkdir(join(dir, '..'), { recursive: true });
  try {
    await rename(staging, dir);
  } catch (err) {
    // Another process finished the same build first: its result is identical, keep it.
    if (!existsSync(join(dir, '.complete'))) throw err;
    await rm(staging, { recursive: true, force: true });
  }
  log(`built the local control plane in ${Math.round((Date.now() - started) / 1000)}s`);
  return bins;
}

async function writeKwokStages(target: string): Promise<void> {
  const moduleDir = (await runGo(kwokToolsDir, ['list', '-m', '-f', '{{.Dir}}', 'sigs.k8s.io/kwok'])).trim();
  const docs = await Promise.all(KWOK_STAGE_FILES.map((f) => readFile(join(moduleDir, 'kustomize', 'stage', f), 'utf8')));
  await writeFile(target, docs.map((d) => d.trimEnd()).join('\n---\n') + '\n');
}
