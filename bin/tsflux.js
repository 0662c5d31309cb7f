#!/usr/bin/env node
// Entry point of the tsflux command. tsflux runs its TypeScript sources directly on Node >= 24 (type
// stripping); on an older system Node it re-executes itself with the Node that npm installed with it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'src', 'cli', 'main.ts');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  const { buildProgram } = await import(main);
  await buildProgram().parseAsync(process.argv);
} else {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    console.error(`tsflux needs Node >= 24 (this is ${process.version}); run 'npm install' in ${root} first`);
    process.exit(1);
  }
  const r = spawnSync(pinned, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
