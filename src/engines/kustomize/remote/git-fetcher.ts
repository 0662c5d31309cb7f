// The real RemoteFetcher: the `git` program on PATH for repositories, fetch() for http(s) files, with
// kustomize v5.5's steps and messages. A checkout is kustomize's: `git init` in a fresh temp folder
// named kustomize-*, `remote add origin`, a shallow fetch of the ref (HEAD when none), checkout of
// FETCH_HEAD, then submodules unless `?submodules=false`; each git command is limited by `?timeout=`
// (27s by default). Failures carry git's combined output, as kustomize reports them.

import { spawn } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { diskFileSystem } from '../disk-file-system.ts';
import { KustomizeError } from '../errors.ts';
import type { HttpResponse, RemoteFetcher } from './remote-loader.ts';
import { cloneSpec, goDuration, type RepoSpec } from './repo-spec.ts';

/** Like Go's exec.LookPath: the first executable `git` on PATH. */
function findGit(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'git');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  throw new KustomizeError(`no 'git' program on path: exec: "git": executable file not found in $PATH`);
}

/** Runs git in `cwd`; rejects with kustomize's message on failure or timeout. */
function runGit(git: string, cwd: string, args: string[], timeoutMs: number): Promise<void> {
  const command = [git, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(git, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    // Both streams in arrival order, like Go's CombinedOutput.
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new KustomizeError(`hit ${goDuration(timeoutMs)} timeout running '${command}'`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new KustomizeError(`failed to run '${command}': ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const status = signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code}`;
      reject(new KustomizeError(`failed to run '${command}': ${Buffer.concat(output).toString('utf8')}: ${status}`));
    });
  });
}

async function checkout(spec: RepoSpec): Promise<string> {
  const git = findGit();
  const dir = realpathSync(await mkdtemp(join(tmpdir(), 'kustomize-')));
  const run = (...args: string[]) => runGit(git, dir, args, spec.timeoutMs);
  try {
    await run('init');
    // Relative submodule URLs resolve against origin.
    await run('remote', 'add', 'origin', cloneSpec(spec));
    await run('fetch', '--depth=1', cloneSpec(spec), spec.ref || 'HEAD');
    await run('checkout', 'FETCH_HEAD');
    if (spec.submodules) await run('submodule', 'update', '--init', '--recursive');
    return dir;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Go's net/http error text for the failures a loopback or unreachable server gives. */
function describeFetchError(url: string, err: unknown): string {
  const cause = (err as { cause?: { code?: string; address?: string; port?: number; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return `Get "${url}": dial tcp ${cause.address}:${cause.port}: connect: connection refused`;
  return `Get "${url}": ${cause?.message ?? (err instanceof Error ? err.message : String(err))}`;
}

async function get(url: string): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new KustomizeError(describeFetchError(url, err), { cause: err });
  }
  const body = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, statusText: STATUS_CODES[response.status] ?? '', body };
}

export const gitFetcher: RemoteFetcher = {
  fs: diskFileSystem,
  checkout,
  get,
  release: (dir) => rm(dir, { recursive: true, force: true }),
};
