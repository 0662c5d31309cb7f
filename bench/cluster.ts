// The control plane a benchmark runs against: TSFLUX_BENCH_KUBECONFIG (or TSFLUX_E2E_KUBECONFIG)
// when set, so figures can be taken on a chosen cluster, else a local one started for this run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchCluster {
  kubeconfig: string;
  /** Stops the cluster this run started; nothing for a given one. */
  stop(): Promise<void>;
}

export async function benchCluster(benchmark: string, nodes = 1): Promise<BenchCluster> {
  const given = process.env.TSFLUX_BENCH_KUBECONFIG || process.env.TSFLUX_E2E_KUBECONFIG;
  if (given) return { kubeconfig: given, stop: async () => {} };
  const { startCluster, requireGo } = await import('../src/dev/cluster.ts');
  requireGo(`the ${benchmark} benchmark (or set TSFLUX_BENCH_KUBECONFIG)`);
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-bench-'));
  console.log('starting a local control plane...');
  const cluster = await startCluster({ dir, nodes });
  return {
    kubeconfig: cluster.kubeconfigPath,
    stop: async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
