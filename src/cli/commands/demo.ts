// `tsflux demo` (what `npm start` runs).
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { runDemo } from '../../dev/demo.ts';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description('start a local control plane with tsflux and a sample fleet; Ctrl-C stops everything')
    .option('--dir <dir>', 'folder for the demo cluster', '.tsflux/demo')
    .action(async (opts: { dir: string }) => {
      await runDemo({ dir: resolve(opts.dir), log: (l) => console.log(`► ${l}`) });
    });
}
