// The tsflux command: wires every subcommand together. Each command group lives in its own file under
// commands/ and registers itself on the program.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerClusterCommands } from './commands/cluster.ts';
import { registerControllersCommands } from './commands/controllers.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerHelmCommands } from './commands/helm.ts';
import { registerInstallCommands } from './commands/install.ts';
import { registerKustomizeCommands } from './commands/kustomize.ts';
import { registerKustomizationCommands } from './commands/kustomization.ts';
import { registerSourceCommands } from './commands/source.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('tsflux')
    .description('tsflux: the Kubernetes GitOps Toolkit (Flux v2) in TypeScript')
    .version(pkg.version)
    .option('--kubeconfig <path>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-n, --namespace <ns>', 'the namespace scope for this operation', 'flux-system');
  registerClusterCommands(program);
  registerControllersCommands(program);
  registerDemoCommands(program);
  registerHelmCommands(program);
  registerInstallCommands(program);
  registerKustomizeCommands(program);
  registerKustomizationCommands(program);
  registerSourceCommands(program);
  return program;
}

if (import.meta.main) {
  await buildProgram().parseAsync(process.argv);
}
