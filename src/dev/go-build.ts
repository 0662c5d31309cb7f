// Building Go programs from the modules pinned in this repository into the user's cache folder, once
// per machine, with progress lines while the compiler works.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { requireGo } from './go-toolchain.ts';

export function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tsflux');
}

/** Hash of the given files (go.sum), naming a cache folder that changes when the pins change. */
export async function pinsHash(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of files) hash.update(await readFile(f));
  return hash.digest('hex').slice(0, 12);
}

/**
 * Builds `pkg` of the Go module in `moduleDir` into the cache as `name`, unless already there, and
 * returns the binary's path. For reference tools (oracles) used by differential tests.
 */
export async function ensureGoTool(moduleDir: string, pkg: string, name: string, log: (line: string) => void = () => {}): Promise<string> {
  const dir = join(cacheRoot(), 'tools', `${name}-${await pinsHash([join(moduleDir, 'go.sum')])}`);
  const bin = join(dir, name);
  if (existsSync(bin)) return bin;
  requireGo(`building ${name}`);
  const staging = `${dir}.partial-${process.pid}`;
  await mkdir(staging, { recursive: true });
  log(`building ${name} from Go modules (once per machine)`);
  await goBuild(moduleDir, ['-ldflags=-s -w', '-o', join(staging, name), pkg], log);
  await writeFile(join(staging, '.complete'), '');
  await mkdir(join(dir, '..'), { recursive: true });
  await rename(staging, dir).catch(async (err: unknown) => {
    if (!existsSync(bin)) throw err;
    await rm(staging, { recursive: true, force: true });
  });
  return bin;
}

export function runGo(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`go ${args.join(' ')} in ${cwd} failed: ${err.trim()}`))));
  });
}

/** Runs `go build -v`, turning its per-package lines into periodic progress lines. */
export function goBuild(cwd: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, CGO_ENABLED: '0' };
    const child = spawn('go', ['build', '-v', '-trimpath', ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let packages = 0;
    let tail: string[] = [];
    let lastReport = Date.now();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        packages++;
        tail = [...tail.slice(-40), line];
      }
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`  go build: ${packages} packages compiled so far (last: ${tail.at(-1)})`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`go build ${args.at(-1)} failed (exit ${code}):\n${tail.join('\n')}`));
    });
  });
}

