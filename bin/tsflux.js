#!/usr/bin/env node
// Entry point of the tsflux command. tsflux runs its TypeScript sources directly on Node >= 24 (type
// stripping); on an older system Node it re-executes itself with the Node that npm installed with it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const args = process.argv.slice(2);
const major = Number(process.versions.node.split('.')[0]);

// Commands that run for days (controllers, the demo) get a smaller heap: Node's defaults let the young
// generation alone grow to 128 MiB and old garbage pile up to twice the live heap, which suits short
// jobs on big machines, not a controller whose live heap is tens of MiB. Flags the user gave win.
const longRunning = ['controllers', 'demo'].includes(args[0] ?? '');
const userHeapFlags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((f) => /^--(max-semi-space-size|heap-growing-percent)/.test(f));
const heapFlags = longRunning && !userHeapFlags ? ['--max-semi-space-size=8', '--heap-growing-percent=30'] : [];

if (major >= 24) {
  if (heapFlags.length > 0 && typeof process.execve === 'function') {
    process.execve(process.execPath, [process.execPath, ...heapFlags, ...process.execArgv, self, ...args]);
  }
  // Cached compiled (and type-stripped) modules: faster starts, and the type stripper is not loaded
  // at all when every module is cached, which a long-running process would otherwise keep resident.
  nodeModule.enableCompileCache();
  const { buildProgram } = await import(join(root, 'src', 'cli', 'main.ts'));
  await buildProgram().parseAsync(process.argv);
} else {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    console.error(`tsflux needs Node >= 24 (this is ${process.version}); run 'npm install' in ${root} first`);
    process.exit(1);
  }
  const r = spawnSync(pinned, [...heapFlags, self, ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
