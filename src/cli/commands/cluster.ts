// `tsflux cluster start|stop`: a local control plane (etcd, kube-apiserver, controller manager,
// scheduler, kwok fake nodes) that keeps running after the command returns.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { startCluster, stopCluster } from '../../dev/cluster.ts';

export function registerClusterCommands(program: Command): void {
  const cluster = program.command('cluster').description('run a local Kubernetes control plane built from Go modules (needs Go 1.26)');
  cluster
    .command('start')
    .description('start etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok nodes on loopback')
    .requiredOption('--dir <dir>', 'folder for the kubeconfig, logs, certificates and etcd data')
    .option('--nodes <n>', 'number of fake kwok nodes', (v) => Number.parseInt(v, 10), 1)
    .action(async (opts: { dir: string; nodes: number }) => {
      const c = await startCluster({ dir: opts.dir, nodes: opts.nodes, ownedByThisProcess: false, log: (l) => console.error(`► ${l}`) });
      console.error(`✔ control plane ready; logs in ${resolve(opts.dir, 'logs')}`);
      console.log(`export KUBECONFIG=${c.kubeconfigPath}`);
    });
  cluster
    .command('stop')
    .description('stop every process of the local control plane in --dir')
    .requiredOption('--dir <dir>', 'the folder given to cluster start')
    .action(async (opts: { dir: string }) => {
      await stopCluster(opts.dir);
      console.error('✔ control plane stopped');
    });
}
