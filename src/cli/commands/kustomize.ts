// `tsflux kustomize build DIR`: prints what `kubectl kustomize DIR` prints.
import type { Command } from 'commander';
import { buildKustomization, diskFileSystem, renderYaml } from '../../engines/kustomize/index.ts';

export function registerKustomizeCommands(program: Command): void {
  const kustomize = program.command('kustomize').description('build kustomizations like kustomize v5.5');
  kustomize
    .command('build')
    .argument('[dir]', 'the kustomization directory', '.')
    .description('print the resources the kustomization in DIR builds to, as `kustomize build` does')
    .action((dir: string) => {
      try {
        const resources = buildKustomization(diskFileSystem, dir);
        process.stdout.write(renderYaml(resources.map((r) => r.object)));
      } catch (err) {
        process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      }
    });
}
