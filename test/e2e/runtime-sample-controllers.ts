// `tsflux controllers` with one sample controller registered, for the process-level e2e tests (signals,
// leader election across processes, /metrics, JSON logs). It uses the real command: only the list of
// available controllers differs, since no Flux controller is needed to test the runtime.
import { Command } from 'commander';
import { registerControllersCommands } from '../../src/cli/commands/controllers.ts';
import { defineController } from '../../src/runtime/controller.ts';
import type { ControllerBundle } from '../../src/runtime/registry.ts';

const sample: ControllerBundle = {
  name: 'sample',
  component: 'sample-controller',
  defaultConcurrent: 2,
  controllers: () => [
    defineController({
      name: 'sample',
      kind: { apiVersion: 'v1', kind: 'ConfigMap' },
      conventions: 'none',
      async reconcile(cm, ctx) {
        ctx.log.info('sample reconciled', { data: cm.data });
        await ctx.event('Normal', 'Reconciled', `reconciled ${cm.metadata.name}`, { 'sample/revision': cm.metadata.resourceVersion! });
      },
    }),
  ],
};

const program = new Command('tsflux')
  .option('--kubeconfig <path>')
  .option('--context <name>')
  .option('-n, --namespace <ns>', 'runtime namespace', 'flux-system');
registerControllersCommands(program, [sample]);
await program.parseAsync(process.argv);
