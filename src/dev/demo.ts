// The demo behind `npm start`: a local control plane, the Flux APIs, and (as they land) the
// controllers reconciling a sample fleet. Ctrl-C stops everything and leaves no process.
import { join } from 'node:path';
import { startCluster } from './cluster.ts';
import { runFleetDemo } from './demo-fleet.ts';

export interface DemoOptions {
  dir: string;
  log: (line: string) => void;
  /** Steps run once the control plane is up; by default the sample fleet's GitOps loop (demo-fleet.ts). */
  steps?: ((kubeconfigPath: string) => Promise<void>)[];
}

export async function runDemo(opts: DemoOptions): Promise<void> {
  const cluster = await startCluster({ dir: opts.dir, nodes: 2, log: opts.log });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    opts.log('stopping the demo');
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  try {
    const steps = opts.steps ?? [(kubeconfigPath: string) => runFleetDemo(kubeconfigPath, { dir: join(opts.dir, 'fleet'), log: opts.log })];
    for (const step of steps) await step(cluster.kubeconfigPath);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  opts.log(`the demo cluster is running; in another terminal:`);
  opts.log(`  export KUBECONFIG=${join(opts.dir, 'kubeconfig')}`);
  opts.log(`  npm run tsflux -- get all -A`);
  opts.log(`press Ctrl-C to stop everything`);
  // Runs until a signal arrives; the timer keeps the event loop alive.
  setInterval(() => {}, 60_000);
}
