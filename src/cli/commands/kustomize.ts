// `tsflux kustomize build DIR`: prints what `kubectl kustomize DIR` prints, remote bases included.
import type { Command } from 'commander';
import { KUSTOMIZE_VERSIONS, buildKustomizationWithRemotes, diskFileSystem, gitFetcher, renderYaml, type KustomizeVersion } from '../../engines/kustomize/index.ts';

export function registerKustomizeCommands(program: Command): void {
  const kustomize = program.command('kustomize').description('build kustomizations like kustomize v5.5');
  kustomize
    .command('build')
    .argument('[dir]', 'the kustomization directory', '.')
    .description('print the resources the kustomization in DIR builds to, as `kustomize build` does')
    .option('--kustomize-version <version>', `the kustomize release to follow where releases differ (${KUSTOMIZE_VERSIONS.join(', ')})`, 'v5.5.0')
    .action(async (dir: string, opts: { kustomizeVersion: string }) => {
      try {
        if (!(KUSTOMIZE_VERSIONS as readonly string[]).includes(opts.kustomizeVersion)) {
          throw new Error(`--kustomize-version must be one of ${KUSTOMIZE_VERSIONS.join(', ')}, not ${opts.kustomizeVersion}`);
        }
        const resources = await buildKustomizationWithRemotes(diskFileSystem, dir, gitFetcher, { kustomizeVersion: opts.kustomizeVersion as KustomizeVersion });
        process.stdout.write(renderYaml(resources.map((r) => r.object)));
      } catch (err) {
        process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      }
    });
}
